package dev.kforge.emit;

import dev.kforge.Kforge;
import dev.kforge.api.Autoscaling;
import dev.kforge.api.BackingService;
import dev.kforge.api.Egress;
import dev.kforge.api.DisruptionBudget;
import dev.kforge.api.Environment;
import dev.kforge.api.PodMetric;
import dev.kforge.api.EnvVar;
import dev.kforge.api.TlsSolver;
import dev.kforge.api.Prerequisite;
import dev.kforge.api.Ingress;
import dev.kforge.api.IngressRule;
import dev.kforge.api.Platform;
import dev.kforge.api.Policy;
import dev.kforge.api.Resources;
import dev.kforge.api.Schedule;
import dev.kforge.api.ServiceOverride;
import dev.kforge.api.Tenant;
import dev.kforge.objects.KubeObject;
import dev.kforge.objects.ObjectFactory;
import dev.kforge.resolve.ResolvedPlatform;
import dev.kforge.resolve.Resolver;
import dev.kforge.testing.Models;
import dev.kforge.testing.SamplePlatforms;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportEmitterTest {

    /** An API behind an ingress that calls a users service, a database and HTTPS, and a search indexer. */
    private static Platform.Builder api() {
        return api(Environment.builder("prod").build());
    }

    private static Platform.Builder api(Environment prod) {
        return Platform.builder("api")
                .domain("example.com")
                .backingService(new BackingService("postgresql", List.of(5432), null, null))
                .service(Models.web("gateway")
                        .ingress(Ingress.builder().host("api").build())
                        .dependsOn("users", "postgresql", "indexer")
                        .egress(Egress.HTTPS)
                        .build())
                .service(Models.web("users").build())
                .service(Models.worker("indexer").build())
                .environment(Environment.builder("dev").build())
                .environment(prod);
    }

    private static String report(Platform platform) {
        return Kforge.render(platform, Map.of()).text(ReportEmitter.FILE);
    }

    /** The lines of the report from {@code heading} up to the next heading of the same or a higher level. */
    private static String section(String report, String heading) {
        List<String> lines = report.lines().toList();
        int start = lines.indexOf(heading);
        assertThat(start).as("heading %s in%n%s", heading, report).isNotNegative();
        int level = heading.indexOf(' ');
        StringBuilder out = new StringBuilder(heading).append('\n');
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.matches("#{1," + level + "} .*")) {
                break;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The cells of the table row whose first cell is {@code first}, trimmed. */
    private static List<String> row(String text, String first) {
        return text.lines().filter(l -> l.startsWith("| " + first + " ")).findFirst()
                .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split(" \\| ")).map(String::strip).toList())
                .orElseThrow(() -> new AssertionError("no row " + first + " in\n" + text));
    }

    @Test
    void emit_whenPlatformHasNetworkPolicies_thenDiagramDrawsTheTrafficTheyAllow() {
        // when
        String report = report(api().build());
        // then
        String diagram = section(report, "## Services and traffic");
        assertThat(diagram).contains(
                "  ns_ingress_nginx -->|\"8080/TCP\"| svc_gateway\n",
                "  svc_gateway ==>|\"8080/TCP\"| svc_users\n",
                "  svc_gateway ==>|\"5432/TCP\"| backing_postgresql\n",
                "  svc_gateway -->|\"443/TCP\"| cidr_0_0_0_0_0\n",
                "  platform_namespace -->|\"53/UDP, 53/TCP\"| pods_k8s_app_kube_dns\n",
                "  host_api_example_com -.->|\"/\"| svc_gateway\n");
        // users is only reached from the gateway: nobody else gets in
        assertThat(diagram.lines().filter(l -> l.endsWith("| svc_users"))).hasSize(1);
    }

    @Test
    void emit_whenAServicesNetworkPolicyIsMissing_thenItsTrafficIsGoneFromTheDiagram() {
        // given: the generated objects, without the users service's NetworkPolicy
        Platform platform = api().build();
        ResolvedPlatform base = Resolver.base(platform);
        List<KubeObject> objects = new ArrayList<>(ObjectFactory.build(base));
        objects.removeIf(o -> o.object() instanceof NetworkPolicy && o.part().equals("users"));
        FileTree out = new FileTree();
        // when
        new ReportEmitter().emit(platform, base.target(), objects, List.of(), List.of(), out);
        // then: default deny holds the users service's ingress shut; the dependency is all that is left
        assertThat(out.text(ReportEmitter.FILE))
                .contains("  svc_gateway -.-x|\"depends on; no traffic allowed\"| svc_users\n")
                .doesNotContain("svc_gateway ==>|\"8080/TCP\"| svc_users");
    }

    @Test
    void emit_whenAServiceDependsOnOneWithoutPorts_thenTheDependencyIsDrawnAsAllowingNoTraffic() {
        // when
        String report = report(api().build());
        // then: the indexer serves no port, so no policy lets anything in
        assertThat(report).contains("  svc_gateway -.-x|\"depends on; no traffic allowed\"| svc_indexer\n")
                .contains("    svc_indexer[[\"indexer<br/>worker\"]]\n");
    }

    @Test
    void emit_whenProdOverridesReplicasAndResources_thenProdsRowShowsThemAndDevsDoesNot() {
        // given
        Platform platform = api(Environment.builder("prod").service("mailer", new ServiceOverride(5, null, null,
                        new Resources("300m", "600m", "256Mi", "512Mi"), null, null, null)).build())
                .service(Models.worker("mailer").replicas(2).build())
                .build();
        // when
        String report = report(platform);
        // then
        List<String> prod = row(section(report, "### Workloads in prod"), "`mailer`");
        assertThat(prod.subList(1, 8)).containsExactly("worker", "5", "none", "300m", "600m", "256Mi", "512Mi");
        List<String> dev = row(section(report, "### Workloads in dev"), "`mailer`");
        assertThat(dev.subList(1, 8)).containsExactly("worker", "2", "none", "100m", "500m", "128Mi", "256Mi");
    }

    @Test
    void emit_whenAnEnvironmentRunsFewerPodsThanTheBudgetKeeps_thenItsRowShowsTheBudgetItGets() {
        // given: minAvailable 2 of 3-10 pods; dev runs 1-2, where only maxUnavailable 1 lets a drain through
        Platform platform = Platform.builder("budgets")
                .service(Models.web("web").autoscaling(new Autoscaling(3, 10, 70, null, null, null, null))
                        .disruptionBudget(DisruptionBudget.minAvailable(2)).build())
                .environment(Environment.builder("dev").service("web", ServiceOverride.range(1, 2)).build())
                .environment(Environment.builder("staging").service("web", ServiceOverride.range(2, 4)).build())
                .environment(Environment.builder("prod").build())
                .build();
        // when
        String report = report(platform);
        // then
        assertThat(row(section(report, "### Workloads in dev"), "`web`").get(3)).isEqualTo("maxUnavailable 1");
        assertThat(row(section(report, "### Workloads in staging"), "`web`").get(3)).isEqualTo("minAvailable 1");
        assertThat(row(section(report, "### Workloads in prod"), "`web`").get(3)).isEqualTo("minAvailable 2");
    }

    private static Platform sized() {
        return Platform.builder("sized")
                .service(Models.web("web").resources("100m", "200m", "128Mi", "256Mi")
                        .autoscaling(new Autoscaling(2, 4, 70, null, null, null, null)).build())
                .service(Models.worker("worker").resources("250m", "500m", "256Mi", "512Mi").replicas(3).build())
                .service(Models.job("job").resources("100m", "100m", "128Mi", "128Mi").build())
                .service(Models.stateful("db").resources("500m", "1", "1Gi", "2Gi").build())
                .environment(Environment.builder("prod")
                        .service("web", ServiceOverride.range(3, 10)).build())
                .build();
    }

    @Test
    void emit_whenEnvironmentTotals_thenSumsPerPodValuesTimesReplicasAtMinAndMax() {
        // when
        String report = report(sized());
        // then: web 3-10 x (100m, 128Mi), worker 3 x (250m, 256Mi), job 0-1 x (100m, 128Mi), db 1 x (500m, 1Gi)
        List<String> prod = row(section(report, "## Totals per environment"), "`prod`");
        assertThat(prod.subList(1, 7)).containsExactly(
                "7–15",                  // 3+3+0+1 .. 10+3+1+1
                "1.55–2.35",             // 0.3+0.75+0.5 .. 1.0+0.75+0.1+0.5
                "2.13–3.13",             // (384+768+1024)Mi .. (1280+768+128+1024)Mi, in GiB rounded up
                "3.1–4.6",               // 0.6+1.5+1 .. 2+1.5+0.1+1
                "4.25–6.13",             // (768+1536+2048)Mi .. (2560+1536+128+2048)Mi
                "10");                   // the db's one claim of 10Gi
        List<String> job = row(section(report, "### Workloads in prod"), "`job`");
        assertThat(job.get(2)).isEqualTo("`0 2 * * *`");
        assertThat(row(section(report, "### Workloads in prod"), "`db`").get(8)).isEqualTo("10Gi per pod");
    }

    @Test
    void emit_whenServiceHasAPricedTier_thenPricesItOncePerEnvironment() {
        // when: the shop's cart is sized by the tier small at 19.00 a month
        String report = report(SamplePlatforms.shop());
        // then
        assertThat(row(section(report, "### Workloads in prod"), "`cart`")).last().isEqualTo("19.00");
        assertThat(row(section(report, "### Workloads in prod"), "`mailer`")).last().isEqualTo("none");
        assertThat(row(section(report, "## Totals per environment"), "`prod`")).last().isEqualTo("19.00");
    }

    @Test
    void emit_whenRulesAreSuppressed_thenListsEachWithItsReasonEscaped() {
        // given
        Platform platform = api().policy(new Policy(List.of(
                new Policy.Suppression("users", "spread-replicas", "single zone | spreading buys *nothing*"),
                new Policy.Suppression("gateway", "probe-liveness", "the proxy restarts itself <always>")),
                Map.of())).build();
        // when
        String suppressions = section(report(platform), "## Policy suppressions");
        // then
        assertThat(row(suppressions, "`users`")).containsExactly("`users`", "`spread-replicas`",
                "single zone \\| spreading buys \\*nothing\\*");
        assertThat(row(suppressions, "`gateway`")).containsExactly("`gateway`", "`probe-liveness`",
                "the proxy restarts itself \\<always\\>");
    }

    @Test
    void emit_whenAnEnvironmentHasFindings_thenListsThemWithTheSeverityThatFailsIt() {
        // when: the shop's prod breaks warning rules; a render shows them, generate would stop on them
        String prod = section(report(SamplePlatforms.shop()), "### Policy findings in prod");
        // then
        assertThat(prod).contains("A finding of severity `warning` or worse fails the build here. 4 findings below "
                + "do: `mvn k8s:generate` writes nothing until they are fixed or suppressed.");
        assertThat(row(prod, "warning").subList(1, 5)).containsExactly("`StatefulSet/cart`",
                "`.spec.template.spec.containers[0]`", "no livenessProbe; a hung process is never restarted",
                "`probe-liveness`");
    }

    @Test
    void emit_whenPathsAndHostsCarryMarkdownOrMermaidCharacters_thenTheyAreEscaped() {
        // given
        Platform platform = Platform.builder("odd")
                .service(Models.web("web").ingress(Ingress.builder()
                        .host("a-b.example.com", new IngressRule.Path("/q|x\"<y>`#", null, null, null))
                        .host("a.b.example.com").build()).build())
                .environment(Environment.builder("dev").build())
                .build();
        // when
        String report = report(platform);
        // then: a table cell keeps its pipe inside the code span, a Mermaid label uses entity codes
        assertThat(row(section(report, "### Ingress in dev"), "`a-b.example.com`").get(1))
                .isEqualTo("``/q\\|x\"<y>`#``");
        assertThat(report).contains("  host_a_b_example_com -.->|\"/q|x#quot;#lt;y#gt;#96;#35;\"| svc_web\n")
                // the two hosts differ only in punctuation: their ids stay distinct
                .contains("  host_a_b_example_com>\"a-b.example.com\"]\n",
                        "  host_a_b_example_com_2>\"a.b.example.com\"]\n");
    }

    @Test
    void label_whenTextHasMermaidSyntax_thenEveryCharacterMermaidReadsIsAnEntity() {
        assertThat(MermaidFlowchart.label("a \"b\" <c> & #d `e`", "line\ntwo"))
                .isEqualTo("\"a #quot;b#quot; #lt;c#gt; #amp; #35;d #96;e#96;<br/>line two\"");
        assertThat(MermaidFlowchart.safeId("svc_end-ü.x")).isEqualTo("svc_end___x");
    }

    @Test
    void emit_whenRendered_thenLfOnlyNoTrailingSpacesAlignedTablesAndAGeneratedHeader() {
        // given
        List<String> reports = List.of(report(SamplePlatforms.shop()), report(sized()),
                report(SamplePlatforms.isp(SamplePlatforms.ispTenants())));
        for (String report : reports) {
            // then
            assertThat(report).startsWith("<!-- " + YamlWriter.GENERATED + " -->\n# ").endsWith("\n")
                    .doesNotContain("\r").doesNotContain("\n\n\n");
            assertThat(report.lines()).noneMatch(l -> l.endsWith(" ") || l.endsWith("\t"));
            List<List<String>> tables = tables(report);
            assertThat(tables).isNotEmpty();
            for (List<String> table : tables) {
                int width = table.get(0).codePointCount(0, table.get(0).length());
                assertThat(table).allMatch(l -> l.codePointCount(0, l.length()) == width, "aligned: " + table);
            }
        }
    }

    private static List<List<String>> tables(String report) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : report.split("\n", -1)) {
            if (line.startsWith("|")) {
                current.add(line);
            } else if (!current.isEmpty()) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        return out;
    }

    @Test
    void emit_whenRenderedTwice_thenIdenticalBytes() {
        // when
        FileTree first = Kforge.render(SamplePlatforms.shop(), Map.of());
        FileTree second = Kforge.render(SamplePlatforms.shop(), Map.of());
        FileTree tenantsFirst = Kforge.render(SamplePlatforms.isp(SamplePlatforms.ispTenants()), Map.of());
        FileTree tenantsSecond = Kforge.render(SamplePlatforms.isp(SamplePlatforms.ispTenants()), Map.of());
        // then
        assertThat(second.files().get(ReportEmitter.FILE)).isEqualTo(first.files().get(ReportEmitter.FILE));
        assertThat(tenantsSecond.files().get(ReportEmitter.FILE))
                .isEqualTo(tenantsFirst.files().get(ReportEmitter.FILE));
    }

    @Test
    void tenants_whenTenantsOnSeveralTiers_thenCountsThemPerTierAndEnvironmentWithTheirPrices() {
        // given: acme (medium) everywhere, globex (micro) in prod only, initech (xlarge) everywhere
        String report = report(SamplePlatforms.isp(SamplePlatforms.ispTenants()));
        // then
        String staging = section(report, "### Tenants per tier in staging");
        assertThat(row(staging, "`micro`").get(1)).isEqualTo("0");
        assertThat(row(staging, "`medium`").get(1)).isEqualTo("1");
        assertThat(row(staging, "`xlarge`").get(1)).isEqualTo("1");
        String prod = section(report, "### Tenants per tier in prod");
        assertThat(row(prod, "`micro`").get(1)).isEqualTo("1");
        // micro: 1 pod of 100m and 128Mi, 1Gi of storage, 9.00 a month
        assertThat(row(prod, "`micro`").subList(2, 5)).containsExactly("1", "0.1", "0.13");
        assertThat(row(prod, "`micro`")).last().isEqualTo("9.00");
        String totals = section(report, "## Totals per environment");
        assertThat(row(totals, "`staging`").get(1)).isEqualTo("2");
        assertThat(row(totals, "`prod`").get(1)).isEqualTo("3");
        assertThat(row(totals, "`prod`")).last().isEqualTo("587.00");   // 9 + 79 + 499
        assertThat(section(report, "### Ingress in prod")).contains("| `app`   | `{domain}` | `/`  |");
    }

    @Test
    void tenants_whenTenantsRunServicesOfTheirOwn_thenEachIsDrawnWithItsHostsDependenciesAndTraffic() {
        // given a PaaS user with an automation tool that depends on its own database
        Platform paas = dev.kforge.spec.SpecReader.read("platform.yaml", """
                platform:
                  name: paas
                tenancy:
                  namespacePrefix: paas
                  repoUrl: https://git.example/gitops.git
                plans:
                  starter: {cpu: 500, memory: 1024, storage: 10}
                tenants:
                  alice:
                    tier: small
                    licenseTier: free
                    domain: alice.example.com
                    instances:
                      My Flows: {template: automation, plan: starter, params: {database: db}}
                      db: {template: postgresql, plan: starter}
                environments:
                  staging: {}
                  prod: {}
                """);
        // when
        String report = report(paas);
        // then: drawn from prod, the last environment alice runs in
        String alice = section(report, "### Tenant `alice`");
        assertThat(alice).contains("In `prod`, namespace `paas-alice`", "svc_my_flows[\"my-flows",
                "host_my_flows_alice_example_com>\"my-flows.alice.example.com\"]",
                "svc_my_flows ==>|\"5432/TCP\"| svc_db");
    }

    @Test
    void tenants_whenTheCatalogGrows_thenTheReportKeepsItsSize() {
        // given
        List<Tenant> few = tenants(5);
        List<Tenant> many = tenants(500);
        // when
        String small = report(SamplePlatforms.isp(few));
        String large = report(SamplePlatforms.isp(many));
        // then: counts change, rows do not
        assertThat(large.lines().count()).isEqualTo(small.lines().count());
        assertThat(row(section(large, "## Totals per environment"), "`prod`").get(1)).isEqualTo("500");
    }

    private static List<Tenant> tenants(int n) {
        String[] tiers = {"micro", "small", "medium", "large", "xlarge"};
        List<Tenant> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Tenant("t" + i, null, tiers[i % tiers.length], "standard", List.of(),
                    "t" + i + ".isp.example", List.of()));
        }
        return out;
    }

    @Test
    void emit_whenAJobIsSuspendedInAnEnvironment_thenItsRowSaysSoAndItCountsNoPod() {
        // given
        Platform platform = Platform.builder("jobs")
                .service(Models.job("report").schedule(new Schedule("0 3 1 * *", "Etc/UTC", null, null, null, 2, 3,
                        3, false)).build())
                .environment(Environment.builder("dev")
                        .service("report", new ServiceOverride(null, null, null, null, null, null, true)).build())
                .environment(Environment.builder("prod").build())
                .build();
        // when
        String report = report(platform);
        // then
        assertThat(row(section(report, "### Workloads in dev"), "`report`").get(2))
                .isEqualTo("`0 3 1 * *` Etc/UTC, suspended");
        assertThat(row(section(report, "## Totals per environment"), "`dev`").get(1)).isEqualTo("0");
        assertThat(row(section(report, "## Totals per environment"), "`prod`").get(1)).isEqualTo("0–1");
    }

    @Test
    void emit_whenThePlatformNeedsControllersAndPrerequisites_thenBeforeYouApplyListsThemWithTheirProviders() {
        // given: a declared Secret read by web, a chart's Secret nobody reads here, pod metrics, dns01 in prod
        Platform platform = Platform.builder("needs")
                .domain("needs.example")
                .prerequisite(Prerequisite.secret("web-db", "the database team"))
                .prerequisite(Prerequisite.secret("chart-auth", "the postgresql chart's existingSecret"))
                .backingService(new BackingService("queue", List.of(5672), null, "messaging"))
                .service(Models.web("web").env(EnvVar.fromSecret("DB_PASSWORD", "web-db", "password"))
                        .autoscaling(new Autoscaling(1, 3, 70, null, List.of(new PodMetric("rps", "10")), null, null))
                        .ingress(Ingress.builder().host("www").build()).dependsOn("queue").build())
                .environment(Environment.builder("dev").build())
                .environment(Environment.builder("prod").tlsIssuer("corp-acme").tlsSolver(TlsSolver.DNS01).build())
                .build();
        // when
        String section = section(report(platform), "## Before you apply");
        // then
        assertThat(row(section, "cert-manager").get(2)).isEqualTo("`dev`: ClusterIssuer `letsencrypt-prod` (ACME "
                + "HTTP-01); `prod`: ClusterIssuer `corp-acme` (ACME DNS-01)");
        assertThat(row(section, "an ingress controller").get(1)).isEqualTo("the Ingresses (class `nginx`)");
        assertThat(row(section, "a custom metrics API").get(1)).isEqualTo("the HorizontalPodAutoscalers' pod metrics");
        assertThat(row(section, "the backing service `queue`").get(2)).contains("running in the namespace messaging");
        assertThat(row(section, "Secret").subList(1, 4)).containsExactly("`web-db`", "`web`", "the database team");
        assertThat(section).contains("| Secret | `chart-auth` | a chart, or nothing kforge generates | the "
                + "postgresql chart's existingSecret |").doesNotContain("Prometheus Operator", "External Secrets");
    }

    @Test
    void emit_whenClaimsNameNoStorageClass_thenBeforeYouApplyAsksForADefaultOne() {
        // given: one claim on the cluster's default class, one on a named class
        Platform platform = Platform.builder("disks")
                .service(Models.web("notes").storage(new dev.kforge.api.Storage("5Gi", null, "/data", null)).build())
                .environment(Environment.builder("dev").build())
                .build();
        Platform named = Platform.builder("disks")
                .service(Models.web("notes").storage(new dev.kforge.api.Storage("5Gi", null, "/data", null)).build())
                .service(Models.web("search").storage(new dev.kforge.api.Storage("5Gi", "fast-ssd", "/data", null))
                        .build())
                .environment(Environment.builder("dev").build())
                .build();
        // when / then
        assertThat(row(section(report(platform), "## Before you apply"), "storage").get(2))
                .isEqualTo("a default StorageClass");
        assertThat(row(section(report(named), "## Before you apply"), "storage").get(2))
                .isEqualTo("the StorageClass `fast-ssd`, and a default StorageClass");
    }

    @Test
    void emit_whenMultiTenant_thenBeforeYouApplyIsReadFromTheTenantsRoots() {
        // when: the sample tenants' roots hold Ingresses with TLS
        String section = section(Kforge.render(SamplePlatforms.isp(SamplePlatforms.ispTenants()), Map.of()).text(ReportEmitter.FILE),
                "## Before you apply");
        // then
        assertThat(section).contains("| cert-manager ", "| Argo CD ");
    }
}
