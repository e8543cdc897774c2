package dev.kforge.emit;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.testing.Helm;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import dev.kforge.testing.SamplePlatforms;
import dev.kforge.testing.Trees;
import dev.kforge.validate.SchemaValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings real microservices need, on both routes: {@link SamplePlatforms#boutique()} generated, each overlay
 * built by real Kustomize equal to the objects generated for its environment and to what real Helm renders from
 * its values file, and every file valid against the Kubernetes schemas.
 */
class BoutiqueRoutesTest {

    @TempDir
    static Path out;
    private static Platform boutique;
    private static Path chart;
    private static FileTree files;

    @BeforeAll
    static void render() {
        boutique = SamplePlatforms.boutique();
        files = Kforge.render(boutique);
        Trees.write(files, out.resolve("deploy"));
        chart = Helm.offline(out.resolve("deploy/helm/boutique"), out.resolve("offline"));
    }

    @Test
    void overlays_whenBuiltByKustomizeAndRenderedByHelm_thenBothAreTheObjectsOfTheirEnvironment() {
        for (Environment env : boutique.environments()) {
            // when
            List<Map<String, Object>> kustomize = Kustomize.build(out.resolve("deploy/kustomize/overlays/"
                    + env.name()));
            List<Map<String, Object>> helm = Helm.withoutBookkeeping(Helm.template(chart, env.name()), "boutique");
            // then
            List<Map<String, Object>> expected = ObjectSets.trees(Kforge.objects(boutique, env.name(),
                    dev.kforge.spec.EnvironmentProfiles.builtIn()));
            assertThat(ObjectSets.differences(expected, kustomize)).as("kustomize overlay %s", env.name()).isEmpty();
            assertThat(ObjectSets.differences(kustomize, helm)).as("helm values-%s.yaml", env.name()).isEmpty();
        }
    }

    @Test
    void base_whenBuiltByKustomizeAndRenderedByHelm_thenTheSame() {
        // when
        List<Map<String, Object>> kustomize = Kustomize.build(out.resolve("deploy/kustomize/base"));
        List<Map<String, Object>> helm = Helm.withoutBookkeeping(Helm.template(chart, List.of(), Map.of()),
                "boutique");
        // then
        assertThat(ObjectSets.differences(kustomize, helm)).isEmpty();
    }

    @Test
    void files_whenValidatedAgainstKubernetes_thenNoProblemAndTheChartLints() {
        // when / then
        assertThat(SchemaValidator.forVersion(boutique.kubernetesVersion()).validate(files)).isEmpty();
        Helm.assertLintsStrictly(chart);
    }

    @Test
    void probes_whenOfEveryKind_thenEachContainerHasItsAction() {
        // given
        List<Map<String, Object>> prod = Kustomize.build(out.resolve("deploy/kustomize/overlays/prod"));
        String container = "spec.template.spec.containers[0].";
        // when
        Map<String, Object> frontend = find(prod, "Deployment", "frontend");
        Map<String, Object> cart = find(prod, "Deployment", "cartservice");
        Map<String, Object> catalog = find(prod, "Deployment", "productcatalog");
        // then
        assertThat(at(frontend, container + "readinessProbe")).isEqualTo(Map.of("httpGet", Map.of(
                "path", "/_healthz", "port", "http", "httpHeaders", List.of(Map.of("name", "Cookie",
                        "value", "shop_session-id=x-readiness-probe"))),
                "periodSeconds", 5, "timeoutSeconds", 2, "failureThreshold", 3, "successThreshold", 2));
        // Kubernetes takes only a number as a gRPC probe's port: the port's name became its number
        assertThat(at(cart, container + "livenessProbe.grpc")).isEqualTo(Map.of("port", 7070));
        assertThat(at(cart, container + "readinessProbe.grpc")).isEqualTo(Map.of("port", 7070,
                "service", "hipstershop.CartService"));
        assertThat(at(catalog, container + "livenessProbe.exec.command")).isEqualTo(List.of(
                "/bin/grpc_health_probe", "-addr=:3550"));
        assertThat(at(catalog, container + "readinessProbe.tcpSocket.port")).isEqualTo("grpc");
        assertThat(at(catalog, container + "startupProbe.httpGet")).isEqualTo(Map.of("path", "/ready",
                "port", "metrics", "scheme", "HTTPS"));
    }

    @Test
    void services_whenPortsAreMappedAndExposed_thenEachServiceHasItsTypePortsAndSettings() {
        // given
        List<Map<String, Object>> prod = Kustomize.build(out.resolve("deploy/kustomize/overlays/prod"));
        // when
        Map<String, Object> frontend = find(prod, "Service", "frontend");
        Map<String, Object> catalog = find(prod, "Service", "productcatalog");
        Map<String, Object> redis = find(prod, "Service", "redis-cart");
        Map<String, Object> shipping = find(prod, "Service", "shipping");
        // then
        assertThat(at(frontend, "spec.type")).isEqualTo("LoadBalancer");
        assertThat(at(frontend, "spec.ports")).isEqualTo(List.of(Map.of("name", "http", "port", 80,
                "targetPort", "http", "protocol", "TCP", "appProtocol", "http")));
        assertThat(at(frontend, "spec.loadBalancerSourceRanges")).isEqualTo(List.of("203.0.113.0/24",
                "198.51.100.0/24"));
        assertThat(at(frontend, "spec.externalTrafficPolicy")).isEqualTo("Local");
        assertThat(at(frontend, "metadata.annotations")).isEqualTo(Map.of(
                "service.beta.kubernetes.io/aws-load-balancer-type", "nlb"));
        assertThat(at(catalog, "spec.type")).isEqualTo("NodePort");
        assertThat(at(catalog, "spec.ports[1]")).isEqualTo(Map.of("name", "metrics", "port", 9091,
                "targetPort", "metrics", "protocol", "TCP", "appProtocol", "http"));
        assertThat(at(redis, "spec.clusterIP")).isEqualTo("None");
        assertThat(at(redis, "spec.type")).isEqualTo("ClusterIP");
        assertThat(at(shipping, "spec.ports[0].nodePort")).isEqualTo(30051);
    }

    @Test
    void networkPolicies_whenAServiceIsReachedFromOutside_thenItsPortsAreOpenToAnyAddressAndNoOtherIs() {
        // given
        List<Map<String, Object>> prod = Kustomize.build(out.resolve("deploy/kustomize/overlays/prod"));
        // when
        Object frontendIn = at(find(prod, "NetworkPolicy", "frontend"), "spec.ingress");
        Object cartIn = at(find(prod, "NetworkPolicy", "cartservice"), "spec.ingress");
        // then the container's port, not the Service's, is what a NetworkPolicy admits
        assertThat(frontendIn).isEqualTo(List.of(Map.of("from", List.of(Map.of("ipBlock", Map.of("cidr",
                "0.0.0.0/0"))), "ports", List.of(Map.of("protocol", "TCP", "port", 8080)))));
        assertThat(String.valueOf(cartIn)).doesNotContain("ipBlock");
    }

    @Test
    void enabled_whenAServiceIsLeftOutOfAnEnvironment_thenNoneOfItsObjectsAndNoAllowToOrFromIt() {
        // given
        List<Map<String, Object>> prod = Kustomize.build(out.resolve("deploy/kustomize/overlays/prod"));
        List<Map<String, Object>> staging = Kustomize.build(out.resolve("deploy/kustomize/overlays/staging"));
        List<Map<String, Object>> dev = Kustomize.build(out.resolve("deploy/kustomize/overlays/dev"));
        // when / then the load generator is gone from prod, with the frontend's allow from it
        assertThat(names(prod, "loadgenerator")).isEmpty();
        assertThat(names(staging, "loadgenerator")).containsExactly("Deployment", "NetworkPolicy", "ServiceAccount");
        assertThat(String.valueOf(at(find(staging, "NetworkPolicy", "frontend"), "spec.ingress")))
                .contains("loadgenerator");
        assertThat(String.valueOf(at(find(prod, "NetworkPolicy", "frontend"), "spec.ingress")))
                .doesNotContain("loadgenerator");
        // and the ad service is gone from dev, with the frontend's allow to it
        assertThat(names(dev, "adservice")).isEmpty();
        assertThat(String.valueOf(at(find(dev, "NetworkPolicy", "frontend"), "spec.egress")))
                .doesNotContain("adservice").contains("cartservice");
        assertThat(String.valueOf(at(find(prod, "NetworkPolicy", "frontend"), "spec.egress"))).contains("adservice");
    }

    @Test
    void enabled_whenLeftOut_thenTheValuesFileTurnsItOffAndASetBringsItBack() throws java.io.IOException {
        // given
        String values = java.nio.file.Files.readString(chart.resolve("values-prod.yaml"));
        // when
        List<Map<String, Object>> back = Helm.withoutBookkeeping(Helm.template(chart,
                List.of(chart.resolve("values-prod.yaml")), Map.of("services.loadgenerator.enabled", true)),
                "boutique");
        // then
        assertThat(values).contains("  loadgenerator:\n    enabled: false\n");
        assertThat(names(back, "loadgenerator")).containsExactly("Deployment", "NetworkPolicy", "ServiceAccount");
    }

    @Test
    void pod_whenSettingsSidecarsInitArgsAndClaimsAreGiven_thenThePodSpecHasEach() {
        // given
        List<Map<String, Object>> prod = Kustomize.build(out.resolve("deploy/kustomize/overlays/prod"));
        // when
        Map<String, Object> frontend = find(prod, "Deployment", "frontend");
        Object pod = at(frontend, "spec.template.spec");
        // then
        assertThat(at(pod, "terminationGracePeriodSeconds")).isEqualTo(5);
        assertThat(at(pod, "priorityClassName")).isEqualTo("shop-critical");
        assertThat(at(pod, "imagePullSecrets")).isEqualTo(List.of(Map.of("name", "registry-credentials")));
        assertThat(at(pod, "containers[0].name")).isEqualTo("server");
        assertThat(at(pod, "containers[0].lifecycle")).isEqualTo(Map.of("preStop", Map.of("sleep",
                Map.of("seconds", 3))));
        assertThat(at(pod, "containers[1].name")).isEqualTo("log-shipper");
        // the native sidecar runs first among the init containers and keeps running
        assertThat(at(pod, "initContainers[0].name")).isEqualTo("proxy");
        assertThat(at(pod, "initContainers[0].restartPolicy")).isEqualTo("Always");
        assertThat(at(pod, "initContainers[1].args")).isEqualTo(List.of("--to", "latest-schema"));
        assertThat(at(pod, "volumes[1]")).isEqualTo(Map.of("name", "uploads", "persistentVolumeClaim",
                Map.of("claimName", "frontend-uploads")));
        assertThat(at(find(prod, "PersistentVolumeClaim", "frontend-uploads"), "spec.storageClassName"))
                .isEqualTo("fast-ssd");
        assertThat(at(frontend, "metadata.annotations")).isEqualTo(Map.of("reloader.stakater.com/auto", "true"));
        assertThat(at(find(prod, "Service", "frontend"), "metadata.labels.app")).isEqualTo("frontend");
        assertThat(at(frontend, "spec.template.metadata.labels.app")).isEqualTo("frontend");
        assertThat(at(frontend, "spec.selector.matchLabels")).isEqualTo(Map.of("app.kubernetes.io/name", "frontend",
                "app.kubernetes.io/part-of", "boutique"));
    }

    @Test
    void statefulService_whenAVolumeHasAClaim_thenEachPodClaimsItAndAPreStopCommandRuns() {
        // given
        List<Map<String, Object>> prod = Kustomize.build(out.resolve("deploy/kustomize/overlays/prod"));
        // when
        Map<String, Object> redis = find(prod, "StatefulSet", "redis-cart");
        // then
        assertThat(((List<?>) at(redis, "spec.volumeClaimTemplates")).stream().map(t -> at(t, "metadata.name")))
                .containsExactly("data", "backups");
        assertThat(at(redis, "spec.volumeClaimTemplates[1].spec.storageClassName")).isEqualTo("standard");
        assertThat(at(redis, "spec.template.spec.containers[0].lifecycle.preStop.exec.command"))
                .isEqualTo(List.of("redis-cli", "shutdown"));
        assertThat(prod).noneMatch(o -> "redis-cart-backups".equals(at(o, "metadata.name")));
    }

    @Test
    void alerts_whenAServiceHasThem_thenItsPrometheusRuleHoldsThemAsWritten() {
        // given
        List<Map<String, Object>> prod = Kustomize.build(out.resolve("deploy/kustomize/overlays/prod"));
        // when
        Map<String, Object> rule = find(prod, "PrometheusRule", "productcatalog");
        // then Prometheus' own templates in annotations are kept for Prometheus, on both routes
        assertThat(at(rule, "spec.groups")).isEqualTo(List.of(Map.of("name", "productcatalog", "rules", List.of(
                Map.of("alert", "CatalogErrors", "expr", "sum(rate(grpc_server_handled_total{job=\"productcatalog\","
                                + "grpc_code!=\"OK\"}[5m])) > 1", "for", "10m",
                        "labels", Map.of("severity", "warning"),
                        "annotations", Map.of("summary", "productcatalog fails {{ $value }} calls a second",
                                "runbook_url", "https://runbooks.boutique.example/catalog")),
                Map.of("alert", "CatalogDown", "expr", "up{job=\"productcatalog\"} == 0",
                        "labels", Map.of("severity", "critical"))))));
        assertThat(((Map<?, ?>) at(rule, "metadata.labels")).get("app.kubernetes.io/name"))
                .isEqualTo("productcatalog");
        assertThat(prod.stream().filter(o -> "PrometheusRule".equals(o.get("kind")))).hasSize(1);
    }

    /** The kinds of the objects named {@code name}, sorted. */
    private static List<String> names(List<Map<String, Object>> objects, String name) {
        return objects.stream().filter(o -> name.equals(at(o, "metadata.name"))).map(o -> (String) o.get("kind"))
                .sorted().toList();
    }
}
