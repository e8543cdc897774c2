package dev.kforge.tenants;

import dev.kforge.Kforge;
import dev.kforge.api.Platform;
import dev.kforge.api.Tenant;
import dev.kforge.emit.FileTree;
import dev.kforge.emit.ReportEmitter;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import dev.kforge.testing.SamplePlatforms;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

class TenantRootsTest {

    @TempDir
    Path out;

    @Test
    void tenantRoots_whenBuiltByKustomize_thenEqualTheTenantsObjectsInEachEnvironment() {
        // given
        Platform isp = SamplePlatforms.isp(SamplePlatforms.ispTenants());
        Trees.write(Kforge.render(isp, Map.of()), out);
        int roots = 0;
        for (Tenant tenant : isp.tenants()) {
            for (var env : isp.environments()) {
                Path root = out.resolve(Kforge.tenantRoot(tenant.id(), env.name()));
                if (!tenant.runsIn(env.name())) {
                    assertThat(root).doesNotExist();
                    continue;
                }
                // when
                List<Map<String, Object>> built = Kustomize.build(root);
                // then
                List<Map<String, Object>> expected = ObjectSets.trees(
                        Kforge.tenantObjects(isp, tenant.id(), env.name(), Map.of()));
                assertThat(ObjectSets.differences(expected, built)).as("%s/%s", tenant.id(), env.name()).isEmpty();
                roots++;
            }
        }
        assertThat(roots).isEqualTo(5);
    }

    @Test
    void tenantRoot_whenBuilt_thenIsolatedNamespaceSizedByTierWithTenantEnvironment() {
        // given
        Platform isp = SamplePlatforms.isp(SamplePlatforms.ispTenants());
        Trees.write(Kforge.render(isp, Map.of()), out);
        // when
        List<Map<String, Object>> acme = Kustomize.build(out.resolve(Kforge.tenantRoot("acme", "prod")));
        // then: namespace with tenant labels and Pod Security
        @SuppressWarnings("unchecked")
        Map<String, Object> nsLabels = (Map<String, Object>) at(find(acme, "Namespace", "isp-acme"), "metadata.labels");
        assertThat(nsLabels).containsEntry("kforge.dev/tenant", "acme").containsEntry("kforge.dev/tier", "medium")
                .containsEntry("kforge.dev/license-tier", "enterprise")
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        // quota and limits from the medium tier
        assertThat(at(find(acme, "ResourceQuota", "quota"), "spec.hard")).isEqualTo(Map.of("requests.cpu", "3",
                "requests.memory", "4Gi", "limits.cpu", "6", "limits.memory", "8Gi", "requests.storage", "40Gi",
                "pods", "25", "persistentvolumeclaims", "4"));
        assertThat(at(find(acme, "LimitRange", "limits"), "spec.limits[0].default.cpu")).isEqualTo("1");
        // HPA range and storage from the tier
        Map<String, Object> hpa = find(acme, "HorizontalPodAutoscaler", "app");
        assertThat(at(hpa, "spec.minReplicas")).isEqualTo(2);
        assertThat(at(hpa, "spec.maxReplicas")).isEqualTo(4);
        assertThat(at(hpa, "spec.metrics[0].resource.target.averageUtilization")).isEqualTo(70);
        assertThat(at(hpa, "spec.metrics[1].resource.target.averageUtilization")).isEqualTo(80);
        assertThat(at(find(acme, "PersistentVolumeClaim", "app-data"), "spec.resources.requests.storage"))
                .isEqualTo("20Gi");
        // tenant environment
        @SuppressWarnings("unchecked")
        List<Object> env = (List<Object>) at(find(acme, "Deployment", "app"), "spec.template.spec.containers[0].env");
        assertThat(env).contains(Map.of("name", "TENANT_ID", "value", "acme"),
                Map.of("name", "LICENSE_TIER", "value", "enterprise"),
                Map.of("name", "ENABLED_PLUGINS", "value", "sso,audit"));
        // ingress on the tenant's own domain
        assertThat(at(find(acme, "Ingress", "app"), "spec.rules[0].host")).isEqualTo("acme.isp.example");
        // isolation: in from the ingress controller only, out to the data namespace, and HTTPS
        Map<String, Object> policy = find(acme, "NetworkPolicy", "app");
        assertThat(at(policy, "spec.ingress[0].from[0].namespaceSelector.matchLabels"))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
        assertThat((List<?>) at(policy, "spec.ingress")).hasSize(1);
        assertThat(at(policy, "spec.egress[0].to[0].namespaceSelector.matchLabels"))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "isp-data"));
        assertThat(at(policy, "spec.egress[2].ports[0].port")).isEqualTo(443);
        // read-only access to its own namespace
        assertThat(at(find(acme, "Role", "app"), "rules[0].verbs")).isEqualTo(List.of("get", "list", "watch"));
        assertThat(at(find(acme, "RoleBinding", "app"), "subjects[0].namespace")).isEqualTo("isp-acme");
    }

    @Test
    void render_whenOneTenantChangesTier_thenOnlyThatTenantsFilesAndTheReportsCountsChange() {
        // given
        List<Tenant> tenants = new ArrayList<>(SamplePlatforms.ispTenants());
        FileTree before = Kforge.render(SamplePlatforms.isp(tenants), Map.of());
        Tenant globex = tenants.get(1);
        tenants.set(1, new Tenant(globex.id(), globex.displayName(), "large", globex.licenseTier(), globex.plugins(),
                globex.domain(), globex.environments()));
        // when
        FileTree after = Kforge.render(SamplePlatforms.isp(tenants), Map.of());
        // then
        TreeSet<String> changed = new TreeSet<>();
        after.files().forEach((path, bytes) -> {
            if (!java.util.Arrays.equals(bytes, before.files().get(path))) {
                changed.add(path);
            }
        });
        assertThat(after.files().keySet()).isEqualTo(before.files().keySet());
        // the report counts tenants per tier; it lists none of them
        assertThat(changed).containsExactly(ReportEmitter.FILE, "helm/isp-tenant/values-globex-prod.yaml",
                Kforge.tenantRoot("globex", "prod") + "kustomization.yaml");
    }

    @Test
    void render_whenOneTenantPinsAnImageTagOrChangesPlugins_thenOnlyThatTenantsFilesChange() {
        // given
        List<Tenant> tenants = new ArrayList<>(SamplePlatforms.ispTenants());
        FileTree before = Kforge.render(SamplePlatforms.isp(tenants), Map.of());
        Tenant globex = tenants.get(1);
        // when: one tenant pinned to a release, then one given a plugin
        tenants.set(1, globex.withImageTag("3.0.0-rc1"));
        FileTree pinned = Kforge.render(SamplePlatforms.isp(tenants), Map.of());
        tenants.set(1, new Tenant(globex.id(), globex.displayName(), globex.tier(), globex.licenseTier(),
                List.of("sso"), globex.domain(), globex.environments()));
        FileTree plugin = Kforge.render(SamplePlatforms.isp(tenants), Map.of());
        // then
        List<String> globexFiles = List.of("helm/isp-tenant/values-globex-prod.yaml",
                Kforge.tenantRoot("globex", "prod") + "kustomization.yaml");
        assertThat(changed(before, pinned)).containsExactlyElementsOf(globexFiles);
        assertThat(changed(before, plugin)).containsExactlyElementsOf(globexFiles);
        assertThat(pinned.text(globexFiles.get(0))).contains("3.0.0-rc1");
        assertThat(pinned.text(globexFiles.get(1))).contains("3.0.0-rc1");
        assertThat(plugin.text(globexFiles.get(1))).contains("sso");
    }

    @Test
    void tenantObjects_whenTenantPinsAnImageTag_thenItsSharedServicesRunThatTagInEveryEnvironment() {
        // given initech, pinned to 2.4.1, and acme, which follows the platform
        Platform isp = SamplePlatforms.isp(SamplePlatforms.ispTenants());
        for (var env : isp.environments()) {
            // when
            List<Map<String, Object>> initech = ObjectSets.trees(
                    Kforge.tenantObjects(isp, "initech", env.name(), Map.of()));
            List<Map<String, Object>> acme = ObjectSets.trees(Kforge.tenantObjects(isp, "acme", env.name(), Map.of()));
            // then
            assertThat(String.valueOf(ObjectSets.at(ObjectSets.find(initech, "Deployment", "app"),
                    "spec.template.spec.containers[0].image"))).as(env.name()).endsWith(":2.4.1");
            assertThat(String.valueOf(ObjectSets.at(ObjectSets.find(acme, "Deployment", "app"),
                    "spec.template.spec.containers[0].image"))).as(env.name()).doesNotEndWith(":2.4.1");
        }
    }

    private static TreeSet<String> changed(FileTree before, FileTree after) {
        TreeSet<String> changed = new TreeSet<>();
        after.files().forEach((path, bytes) -> {
            if (!java.util.Arrays.equals(bytes, before.files().get(path))) {
                changed.add(path);
            }
        });
        assertThat(after.files().keySet()).isEqualTo(before.files().keySet());
        return changed;
    }

    @Test
    void render_whenTenancyNamesARepository_thenOneApplicationSetPerEnvironmentOverTheTenantRoots()
            throws Exception {
        // given
        Platform isp = SamplePlatforms.isp(SamplePlatforms.ispTenants());
        // when
        FileTree tree = Kforge.render(isp, Map.of());
        // then
        String prod = tree.text("argocd/isp-tenants-prod.yaml");
        assertThat(prod).contains("kind: ApplicationSet", "path: deploy/kustomize/tenants/*/prod",
                "repoURL: https://git.isp.example/gitops.git", "name: prod",
                "namespace: isp-{{ index .path.segments 3 }}");
        assertThat(tree.files().keySet()).noneMatch(p -> p.startsWith("kustomize/base/"));
        Trees.write(tree, out);
        assertThat(Files.readString(out.resolve("kustomize/tenant-base/kustomization.yaml"))).contains("- app");
    }
}
