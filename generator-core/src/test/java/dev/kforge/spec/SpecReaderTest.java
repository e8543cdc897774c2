package dev.kforge.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.api.Autoscaling;
import dev.kforge.api.BackingService;
import dev.kforge.api.Chart;
import dev.kforge.api.Config;
import dev.kforge.api.DisruptionBudget;
import dev.kforge.api.Egress;
import dev.kforge.api.EnvVar;
import dev.kforge.api.Environment;
import dev.kforge.api.Image;
import dev.kforge.api.Ingress;
import dev.kforge.api.IngressRule;
import dev.kforge.api.InitContainer;
import dev.kforge.api.Metrics;
import dev.kforge.api.Platform;
import dev.kforge.api.PodMetric;
import dev.kforge.api.PodSecurityLevel;
import dev.kforge.api.Exposure;
import dev.kforge.api.Port;
import dev.kforge.api.Sidecar;
import dev.kforge.api.Alert;
import dev.kforge.api.PodSettings;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Quota;
import dev.kforge.api.RbacRule;
import dev.kforge.api.Resources;
import dev.kforge.api.ScalingPolicy;
import dev.kforge.api.ScalingRules;
import dev.kforge.api.Schedule;
import dev.kforge.api.Scheduling;
import dev.kforge.api.Security;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.ServiceOverride;
import dev.kforge.api.Storage;
import dev.kforge.api.Tier;
import dev.kforge.api.Toleration;
import dev.kforge.api.Volume;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A spec using every key maps to exactly the model values written (and the documented defaults). */
class SpecReaderTest {

    private static Platform platform;

    @BeforeAll
    static void readFullSpec() throws URISyntaxException {
        platform = SpecReader.read(Path.of(SpecReaderTest.class.getResource("/spec/full-spec.yaml").toURI()));
    }

    @Test
    void read_whenPlatformSectionIsComplete_thenMapsEverySetting() {
        // given the full spec, when read (once, above), then
        assertThat(platform.name()).isEqualTo("shop");
        assertThat(platform.namespace()).isEqualTo("shop-prod");
        assertThat(platform.domain()).isEqualTo("shop.example.com");
        assertThat(platform.tlsIssuer()).isEqualTo("letsencrypt-staging");
        assertThat(platform.ingressNamespace()).isEqualTo("nginx-system");
        assertThat(platform.monitoringNamespace()).isEqualTo("observability");
        // sorted by name: the model's maps reach the output, and their order must not depend on the map given
        assertThat(platform.labels()).containsExactly(Map.entry("acme.io/cost-center", "4711"),
                Map.entry("acme.io/team", "commerce"));
        assertThat(platform.imageRegistry()).isEqualTo("registry.acme.io/shop");
        assertThat(platform.kubernetesVersion()).isEqualTo("1.31");
        // an unquoted 40 is the same quantity as "40"
        assertThat(platform.quota()).isEqualTo(new Quota("20", "40Gi", "40", "80Gi", "500Gi", 100, 12));
        assertThat(platform.limitRange()).isEqualTo(new Resources("100m", "500m", "128Mi", "512Mi"));
    }

    @Test
    void read_whenTiersAreGiven_thenMapsThemWithExactPriceAndReplicaDefaults() {
        // given the full spec, when read, then
        assertThat(platform.tiers()).extracting(Tier::name).containsExactly("small", "large");
        Tier small = platform.tier("small");
        assertThat(small).isEqualTo(new Tier("small", new Resources("250m", "1", "256Mi", "512Mi"), "10Gi", 2, 4,
                new Quota("2", null, null, null, null, 10, null), new BigDecimal("19.90")));
        assertThat(small.monthlyPrice().scale()).isEqualTo(2);
        // minReplicas defaults to 1 and maxReplicas to minReplicas
        assertThat(platform.tier("large")).isEqualTo(new Tier("large", new Resources("1", "4", "2Gi", "8Gi"), null,
                1, 1, null, null));
    }

    @Test
    void read_whenBackingServicesAreGiven_thenMapsPortsSelectorAndNamespace() {
        // given the full spec, when read, then
        assertThat(platform.backingServices()).containsExactly(
                new BackingService("postgresql", List.of(5432), null, null),
                new BackingService("redis", List.of(6379, 26379),
                        Map.of("app.kubernetes.io/name", "redis", "app.kubernetes.io/component", "master"), "data",
                        platform.backingService("redis").chart()));
        assertThat(platform.backingService("postgresql").selector())
                .containsExactly(Map.entry("app.kubernetes.io/name", "postgresql"));
    }

    @Test
    void read_whenBackingServiceHasAChart_thenMapsItWithTypedValuesAndTheBackingServiceNameAsChartName() {
        // given the full spec, when read, then
        Chart chart = platform.backingService("redis").chart();
        assertThat(chart.repository()).isEqualTo("oci://registry-1.docker.io/bitnamicharts");
        assertThat(chart.name()).as("defaults to the backing service's name").isEqualTo("redis");
        assertThat(chart.version()).isEqualTo("21.2.3");
        // chart values keep their YAML types: a chart tells 3 from "3"
        assertThat(chart.values()).containsExactly(Map.entry("architecture", "replication"),
                Map.entry("auth", Map.of("existingSecret", "redis-auth", "enabled", true)),
                Map.entry("image", Map.of("tag", "7.4")),
                Map.entry("ratio", new BigDecimal("0.25")),
                Map.entry("replica", Map.of("replicaCount", 3L)));
        assertThat(chart.environments().get("dev")).containsEntry("architecture", "standalone")
                .containsEntry("replica", null);
        assertThat(chart.valuesFor("dev")).doesNotContainKey("replica").containsEntry("architecture", "standalone");
        assertThat(chart.enabledIn("dev")).isTrue();
        assertThat(chart.enabledIn("prod")).isFalse();
        assertThat(platform.backingService("postgresql").chart()).isNull();
    }

    @Test
    void read_whenServicesAreGiven_thenKeepsTheirOrderAndKebabCaseKinds() {
        // given the full spec, when read, then
        assertThat(platform.services()).extracting(Service::name, Service::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("gateway", ServiceKind.WEB_SERVICE),
                org.assertj.core.groups.Tuple.tuple("catalog", ServiceKind.WEB_SERVICE),
                org.assertj.core.groups.Tuple.tuple("search", ServiceKind.STATEFUL_SERVICE),
                org.assertj.core.groups.Tuple.tuple("indexer", ServiceKind.WORKER),
                org.assertj.core.groups.Tuple.tuple("billing", ServiceKind.SCHEDULED_JOB),
                org.assertj.core.groups.Tuple.tuple("report", ServiceKind.SCHEDULED_JOB));
    }

    @Test
    void read_whenServiceSetsContainerKeys_thenMapsImageCommandPortsAndEnvSources() {
        // given the full spec, when read, then
        Service gateway = platform.service("gateway");
        assertThat(gateway.image()).isEqualTo(new Image("gateway", "2.14.1"));
        assertThat(gateway.command()).containsExactly("/app/gateway");
        assertThat(gateway.args()).containsExactly("--config", "/etc/gateway/routes.yaml");
        assertThat(gateway.ports()).containsExactly(new Port("http", 8080, "TCP", 80, "http", null),
                new Port("metrics", 9090, "TCP", 9090, null, 30090), new Port("stats", 8125, "UDP"));
        // scalars are taken verbatim: true and 8080 are the strings the container sees
        assertThat(gateway.env()).containsExactly(
                EnvVar.literal("LOG_LEVEL", "info"),
                EnvVar.literal("FEATURE_FLAGS", "true"),
                EnvVar.literal("PORT", "8080"),
                EnvVar.fromConfigMap("DATABASE_URL", "gateway-database", "url"),
                EnvVar.fromSecret("DATABASE_PASSWORD", "gateway-database", "password"),
                EnvVar.fromField("POD_NAME", "metadata.name"));
        assertThat(gateway.config()).isEqualTo(new Config(Map.of("CACHE_TTL", "60"),
                Map.of("routes.yaml", "routes: []\n"), "/etc/gateway"));
        assertThat(gateway.resources()).isEqualTo(new Resources("500m", "2", "512Mi", "1Gi"));
        assertThat(gateway.podAnnotations()).containsExactly(Map.entry("acme.io/owner", "gateway-team"));
    }

    @Test
    void read_whenProbesAreGiven_thenMapsHttpPortsAsTextAndExecCommands() {
        // given the full spec, when read, then
        assertThat(platform.service("gateway").probes()).isEqualTo(new Probes(
                new Probe("/health", "http", null, 10, 15, 2, 4),
                Probe.http("/ready", "8080").https().header("X-Probe", "ready").timing(null, null, null, null, 2),
                new Probe(null, null, List.of("/bin/check", "--startup"), null, null, null, 30)));
        assertThat(platform.service("catalog").probes()).isEqualTo(new Probes(Probe.grpc("http", "catalog.v1"),
                Probe.tcp(null), null));
    }

    @Test
    void read_whenPodSettingsAreGiven_thenMapsEachWithItsSidecars() {
        // given the full spec, when read, then
        PodSettings pod = platform.service("gateway").pod();
        assertThat(pod).isEqualTo(new PodSettings(45, PodSettings.PreStop.sleep(5), "server", Map.of("app", "gateway"),
                Map.of("reloader.stakater.com/auto", "true"), "gateway-critical", List.of("registry-credentials"),
                List.of(new Sidecar("proxy", Image.parse("envoyproxy/envoy:v1.30.1"), List.of("envoy"),
                        List.of("-c", "/etc/envoy/envoy.yaml"), List.of(Port.tcp("admin", 9901)),
                        List.of(EnvVar.fromField("POD_NAME", "metadata.name")),
                        new Resources("50m", "100m", "32Mi", "64Mi"),
                        new Probes(null, Probe.http("/ready", "admin"), null), true))));
        assertThat(platform.service("catalog").pod()).isEqualTo(PodSettings.NONE);
    }

    @Test
    void read_whenAlertsAreGiven_thenMapsEachInOrder() {
        // given the full spec, when read, then
        assertThat(platform.service("gateway").alerts()).containsExactly(
                new Alert("GatewayErrors", "sum(rate(http_requests_total{job=\"gateway\",code=~\"5..\"}[5m])) > 1",
                        "10m", Map.of("severity", "warning"),
                        Map.of("summary", "gateway answers {{ $value }} errors a second")),
                new Alert("GatewayDown", "up{job=\"gateway\"} == 0", null, null, null));
        assertThat(platform.service("catalog").alerts()).isEmpty();
    }

    @Test
    void read_whenExposeIsGiven_thenMapsTheServiceTypeAndItsSettings() {
        // given the full spec, when read, then
        assertThat(platform.service("gateway").exposure()).isEqualTo(new Exposure(Exposure.Type.LOAD_BALANCER,
                Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb"), List.of("10.0.0.0/8"), "Local"));
        assertThat(platform.service("search").exposure()).isEqualTo(Exposure.of(Exposure.Type.HEADLESS));
        assertThat(platform.service("indexer").exposure()).isEqualTo(Exposure.CLUSTER_IP);
    }

    @Test
    void read_whenAutoscalingIsComplete_thenMapsMetricsAndBehaviour() {
        // given the full spec, when read, then
        assertThat(platform.service("gateway").autoscaling()).isEqualTo(new Autoscaling(3, 20, 60, 70,
                List.of(new PodMetric("http_requests_per_second", "100")),
                new ScalingRules(0, "Max", List.of(new ScalingPolicy("Percent", 100, 15),
                        new ScalingPolicy("Pods", 4, 15))),
                new ScalingRules(300, "Min", List.of(new ScalingPolicy("Percent", 10, 60)))));
        assertThat(platform.service("gateway").disruptionBudget()).isEqualTo(new DisruptionBudget("2", null));
    }

    @Test
    void read_whenSecurityIsPartial_thenTakesTheRestFromRestricted() {
        // given the full spec, when read, then only runAsUser and the root filesystem differ from RESTRICTED
        assertThat(platform.service("gateway").security()).isEqualTo(new Security(20000,
                Security.RESTRICTED.runAsGroup(), Security.RESTRICTED.fsGroup(), false));
        assertThat(platform.service("catalog").security()).isEqualTo(Security.RESTRICTED);
    }

    @Test
    void read_whenRbacInitContainersAndVolumesAreGiven_thenMapsEachItem() {
        // given the full spec, when read, then
        Service gateway = platform.service("gateway");
        assertThat(gateway.rbac()).containsExactly(new RbacRule(List.of(""), List.of("configmaps"),
                List.of("get", "list", "watch"), List.of("gateway-routes")));
        assertThat(gateway.initContainers()).containsExactly(
                InitContainer.waitFor("postgresql", 5432),
                new InitContainer("migrate", new Image("gateway-migrations", "2.14.1"), List.of("/migrate"),
                        List.of("up", "--verbose")));
        assertThat(gateway.initContainers().get(0).name()).isEqualTo("wait-for-postgresql");
        assertThat(gateway.volumes()).containsExactly(
                new Volume("cache", "/var/cache/gateway", true, "1Gi", null, null),
                new Volume("certs", "/etc/certs", false, null, null, "gateway-certs"),
                new Volume("extra", "/etc/extra", false, null, "gateway-extra", null),
                Volume.persistent("uploads", "/var/uploads", new Volume.Claim("5Gi", "fast-ssd", "ReadWriteMany")));
    }

    @Test
    void read_whenSchedulingIsGiven_thenMapsTolerationsAntiAffinityAndSpread() {
        // given the full spec, when read, then
        assertThat(platform.service("gateway").scheduling()).isEqualTo(new Scheduling(
                Map.of("node.acme.io/pool", "general"),
                List.of(new Toleration("node.acme.io/spot", "Exists", null, "NoSchedule"),
                        new Toleration("dedicated", "Equal", "gateway", null)),
                Scheduling.AntiAffinity.REQUIRED,
                new Scheduling.TopologySpread("topology.kubernetes.io/zone", 2, "DoNotSchedule")));
        assertThat(platform.service("catalog").scheduling()).isEqualTo(Scheduling.NONE);
    }

    @Test
    void read_whenIngressIsGiven_thenMapsRulesPathsAndOptions() {
        // given the full spec, when read, then
        assertThat(platform.service("gateway").ingress()).isEqualTo(new Ingress("nginx-public",
                List.of(new IngressRule("api", null),
                        new IngressRule("ws.shop.example.com",
                                List.of(new IngressRule.Path("/socket", "Exact", "gateway", "http")))),
                false, Map.of("nginx.ingress.kubernetes.io/proxy-buffering", "off"), 50,
                List.of("https://app.example.com"), true, true, "10m"));
        assertThat(platform.service("gateway").ingress().rules().get(0).paths())
                .containsExactly(new IngressRule.Path("/", "Prefix", null, null));
    }

    @Test
    void read_whenMetricsDependenciesAndEgressAreGiven_thenMapsThem() {
        // given the full spec, when read, then
        Service gateway = platform.service("gateway");
        assertThat(gateway.metrics()).isEqualTo(new Metrics("metrics", "/prometheus", "15s"));
        assertThat(gateway.dependsOn()).containsExactly("catalog", "postgresql", "redis");
        assertThat(gateway.egress()).containsExactly(new Egress("0.0.0.0/0", List.of(443)),
                new Egress("10.20.0.0/16", List.of(5432, 6432)));
    }

    @Test
    void read_whenServiceLeavesSettingsOut_thenAppliesTheDefaults() {
        // given the full spec, when read, then catalog has only kind, image, ports and a tier
        Service catalog = platform.service("catalog");
        assertThat(catalog.replicas()).isEqualTo(1);
        assertThat(catalog.tier()).isEqualTo("small");
        assertThat(catalog.resources()).isNull();
        assertThat(catalog.autoscaling()).isNull();
        assertThat(catalog.ingress()).isNull();
        assertThat(catalog.env()).isEmpty();
        assertThat(catalog.command()).isEmpty();
    }

    @Test
    void read_whenStatefulServiceAndDigestImageAreGiven_thenMapsStorageAndDigest() {
        // given the full spec, when read, then
        Service search = platform.service("search");
        assertThat(search.replicas()).isEqualTo(3);
        assertThat(search.storage()).isEqualTo(new Storage("50Gi", "fast-ssd", "/usr/share/data",
                "ReadWriteOncePod"));
        Service indexer = platform.service("indexer");
        assertThat(indexer.image()).isEqualTo(new Image("indexer", "sha256:4f1c9b0e2d"));
        assertThat(indexer.replicas()).isEqualTo(2);
    }

    @Test
    void read_whenScheduleIsGiven_thenMapsEveryFieldAndDefaultsTheRest() {
        // given the full spec, when read, then
        assertThat(platform.service("billing").schedule()).isEqualTo(new Schedule("0 3 1 * *", "Europe/Berlin",
                "Replace", 300L, 3600L, 4, 5, 1, true));
        // backoffLimit 2, 3 successful and 3 failed jobs kept, not suspended
        assertThat(platform.service("report").schedule()).isEqualTo(Schedule.of("@daily"));
    }

    @Test
    void read_whenEnvironmentIsComplete_thenMapsSettingsExactScaleAndOverrides() {
        // given the full spec, when read, then
        assertThat(platform.environments()).extracting(Environment::name).containsExactly("dev", "prod");
        Environment dev = platform.environments().get(0);
        assertThat(dev.profile()).isEqualTo("dev");
        assertThat(dev.namespace()).isEqualTo("shop-dev");
        assertThat(dev.domain()).isEqualTo("dev.shop.example.com");
        assertThat(dev.tlsIssuer()).isEqualTo("letsencrypt-staging");
        assertThat(dev.podSecurity()).isEqualTo(PodSecurityLevel.BASELINE);
        assertThat(dev.networkPolicies()).isFalse();
        assertThat(dev.imageTag()).isEqualTo("2.15.0-rc.1");
        assertThat(dev.resourceScale()).isEqualTo(new BigDecimal("0.5"));
        assertThat(dev.labels()).containsExactly(Map.entry("acme.io/stage", "dev"));
        assertThat(dev.defaults()).isEqualTo(new ServiceOverride(null, null, null, null, "dev-1",
                Map.of("LOG_LEVEL", "debug"), null));
        assertThat(dev.services()).containsExactly(
                Map.entry("gateway", new ServiceOverride(null, 1, 2, new Resources("50m", "100m", "32Mi", "64Mi"),
                        null, null, null)),
                Map.entry("catalog", new ServiceOverride(0, null, null, null, null, Map.of("DEBUG", "true"), null)),
                Map.entry("billing", new ServiceOverride(null, null, null, null, null, null, false)),
                Map.entry("indexer", ServiceOverride.DISABLED));
        assertThat(dev.quota()).isEqualTo(new Quota("4", null, null, "8Gi", null, null, null));
    }

    @Test
    void read_whenEnvironmentOnlyNamesAProfile_thenLeavesEverythingElseUnset() {
        // given the full spec, when read, then
        Environment prod = platform.environments().get(1);
        assertThat(prod).isEqualTo(new Environment("prod", "prod", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null));
        assertThat(prod.defaults()).isEqualTo(ServiceOverride.NONE);
    }

    @Test
    void read_whenGivenTextInsteadOfAFile_thenReadsTheSameModel() throws Exception {
        // given the same spec as text
        String text = Files.readString(Path.of(SpecReaderTest.class.getResource("/spec/full-spec.yaml").toURI()));

        // when
        Platform fromText = SpecReader.read("inline.yaml", text);

        // then
        assertThat(fromText).isEqualTo(platform);
    }

    @Test
    void read_whenSpecUsesAnchorsAndQuotedNumbers_thenResolvesThemAsText() {
        // given an anchor shared by two services and quantities quoted and unquoted
        String yaml = """
                platform: {name: shop}
                services:
                  a:
                    kind: worker
                    image: a:1.0.0
                    resources: &small {cpuRequest: "2", cpuLimit: 2, memoryRequest: 1Gi, memoryLimit: 1Gi}
                  b:
                    kind: worker
                    image: b:1.0.0
                    resources: *small
                """;

        // when
        Platform read = SpecReader.read("anchors.yaml", yaml);

        // then
        assertThat(read.service("b").resources()).isEqualTo(new Resources("2", "2", "1Gi", "1Gi"))
                .isEqualTo(read.service("a").resources());
    }
}
