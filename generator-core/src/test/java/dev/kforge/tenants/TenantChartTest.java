package dev.kforge.tenants;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Tenant;
import dev.kforge.emit.FileTree;
import dev.kforge.testing.Helm;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import dev.kforge.testing.SamplePlatforms;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant chart of the ISP sample, rendered and linted by real Helm, against its tenant roots built by real
 * Kustomize.
 */
class TenantChartTest {

    @TempDir
    static Path out;
    private static Platform isp;
    private static FileTree tree;
    private static Path chart;

    @BeforeAll
    static void render() {
        isp = SamplePlatforms.isp(SamplePlatforms.ispTenants());
        tree = Kforge.render(isp, Map.of());
        Trees.write(tree, out.resolve("deploy"));
        chart = Helm.offline(out.resolve("deploy/helm/isp-tenant"), out.resolve("offline"));
    }

    @Test
    void template_whenEachTenantsValuesFileInEachEnvironment_thenRendersExactlyWhatItsTenantRootBuilds() {
        int rendered = 0;
        for (Tenant tenant : isp.tenants()) {
            for (Environment env : isp.environments()) {
                String values = "values-" + tenant.id() + "-" + env.name() + ".yaml";
                if (!tenant.runsIn(env.name())) {
                    assertThat(tree.files()).doesNotContainKey("helm/isp-tenant/" + values);
                    continue;
                }
                // when
                List<Map<String, Object>> helm = Helm.withoutBookkeeping(
                        Helm.template(chart, tenant.id() + "-" + env.name()), "isp-tenant");
                // then
                List<Map<String, Object>> kustomize = Kustomize.build(
                        out.resolve("deploy").resolve(Kforge.tenantRoot(tenant.id(), env.name())));
                assertThat(ObjectSets.differences(kustomize, helm)).as("helm template -f %s", values).isEmpty();
                rendered++;
            }
        }
        assertThat(rendered).isEqualTo(5);
    }

    @Test
    void template_whenOnlyTheChartsOwnValues_thenRendersExactlyWhatTheTenantBaseBuilds() {
        // when
        List<Map<String, Object>> helm = Helm.withoutBookkeeping(Helm.template(chart, List.of(), Map.of()),
                "isp-tenant");
        // then
        List<Map<String, Object>> kustomize = Kustomize.build(out.resolve("deploy").resolve(Kforge.TENANT_BASE));
        assertThat(ObjectSets.differences(kustomize, helm)).isEmpty();
    }

    @Test
    void template_whenTheApexAndASubDomainAreHosts_thenOneIngressEachNamedAsKustomizeNamesThem() throws Exception {
        // given
        Path hosts = out.resolve("two-hosts.yaml");
        java.nio.file.Files.writeString(hosts, """
                services:
                  app:
                    ingress:
                      hosts:
                      - host: "@"
                        paths: [{path: /, pathType: Prefix, service: app, port: http}]
                      - host: www
                        paths: [{path: /, pathType: Prefix, service: app, port: http}]
                """);
        // when
        List<Map<String, Object>> objects = Helm.template(chart,
                List.of(chart.resolve("values-acme-prod.yaml"), hosts), Map.of());
        // then
        assertThat(ObjectSets.at(ObjectSets.find(objects, "Ingress", "app-apex"), "spec.rules[0].host"))
                .isEqualTo("acme.isp.example");
        assertThat(ObjectSets.at(ObjectSets.find(objects, "Ingress", "app-www"), "spec.rules[0].host"))
                .isEqualTo("www.acme.isp.example");
    }

    @Test
    void lint_whenStrict_thenPasses() {
        // when / then
        Helm.assertLintsStrictly(chart);
    }

    @Test
    void render_whenMultiTenant_thenOneChartWithOnlyTheTenantsDifferencesPerValuesFile() {
        // then
        assertThat(tree.files().keySet()).filteredOn(p -> p.startsWith("helm/"))
                .allMatch(p -> p.startsWith("helm/isp-tenant/"))
                .contains("helm/isp-tenant/Chart.yaml", "helm/isp-tenant/values.yaml",
                        "helm/isp-tenant/values.schema.json", "helm/isp-tenant/values-acme-prod.yaml",
                        "helm/isp-tenant/templates/_helpers.tpl");
        assertThat(tree.text("helm/isp-tenant/Chart.yaml")).contains("name: isp-tenant")
                .doesNotContain("dependencies");
        String acme = tree.text("helm/isp-tenant/values-acme-prod.yaml");
        assertThat(acme).contains("Tenant acme in environment prod",
                "helm upgrade --install isp-acme-prod helm/isp-tenant -f helm/isp-tenant/values-acme-prod.yaml",
                "kforge.dev/tenant: acme", "name: isp-acme", "domain: acme.isp.example")
                .doesNotContain("kubernetesVersion", "backingServices");
    }
}
