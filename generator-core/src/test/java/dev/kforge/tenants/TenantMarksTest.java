package dev.kforge.tenants;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Tenant;
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

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The variables that tell the application its tenant, and the labels on a tenant's pods, as the platform names
 * them: in every tenant root built by real Kustomize and in what real Helm renders from the tenant's values file.
 */
class TenantMarksTest {

    @TempDir
    static Path out;
    private static Platform isp;
    private static Path chart;

    @BeforeAll
    static void render() {
        isp = SamplePlatforms.isp(SamplePlatforms.ispTenants(), Map.of("id", "ISP_TENANT_ID"),
                Map.of("isp.example/tenant-id", "id", "isp.example/license", "licenseTier"));
        Trees.write(Kforge.render(isp, Map.of()), out.resolve("deploy"));
        chart = Helm.offline(out.resolve("deploy/helm/isp-tenant"), out.resolve("offline"));
    }

    @Test
    void tenantRoots_whenThePlatformNamesTheVariablesAndPodLabels_thenEveryPodOfEveryTenantHasThem() {
        int roots = 0;
        for (Tenant tenant : isp.tenants()) {
            for (Environment env : isp.environments()) {
                if (!tenant.runsIn(env.name())) {
                    continue;
                }
                // when
                List<Map<String, Object>> kustomize = Kustomize.build(out.resolve("deploy")
                        .resolve(Kforge.tenantRoot(tenant.id(), env.name())));
                List<Map<String, Object>> helm = Helm.withoutBookkeeping(
                        Helm.template(chart, tenant.id() + "-" + env.name()), "isp-tenant");
                // then
                Map<String, Object> app = find(kustomize, "Deployment", "app");
                @SuppressWarnings("unchecked")
                List<Object> variables = (List<Object>) at(app, "spec.template.spec.containers[0].env");
                assertThat(variables)
                        .contains(Map.of("name", "ISP_TENANT_ID", "value", tenant.id()),
                                Map.of("name", "LICENSE_TIER", "value", tenant.licenseTier()))
                        .noneMatch(e -> "TENANT_ID".equals(((Map<?, ?>) e).get("name")));
                @SuppressWarnings("unchecked")
                Map<String, Object> podLabels = (Map<String, Object>) at(app, "spec.template.metadata.labels");
                assertThat(podLabels).containsEntry("isp.example/tenant-id", tenant.id())
                        .containsEntry("isp.example/license", tenant.licenseTier());
                // a selector cannot change: the tenant's labels stay off it
                assertThat(String.valueOf(at(app, "spec.selector.matchLabels"))).doesNotContain("isp.example");
                assertThat(ObjectSets.differences(kustomize, helm)).as("%s/%s", tenant.id(), env.name()).isEmpty();
                roots++;
            }
        }
        assertThat(roots).isEqualTo(5);
    }

    @Test
    void platformObjects_whenTheyAreNotATenantsPods_thenCarryNoTenantPodLabel() {
        // when
        List<Map<String, Object>> acme = Kustomize.build(out.resolve("deploy")
                .resolve(Kforge.tenantRoot("acme", "prod")));
        // then the label is on pods, not on the tenant's other objects
        assertThat(acme).filteredOn(o -> !"Deployment".equals(o.get("kind")))
                .allSatisfy(o -> assertThat(String.valueOf(at(o, "metadata.labels")))
                        .doesNotContain("isp.example/tenant-id"));
    }
}
