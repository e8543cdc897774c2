package dev.kforge.examples;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Tenant;
import dev.kforge.api.Tier;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.spec.SpecReader;
import dev.kforge.testing.Helm;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed deploy/ of the ISP example: every tenant root, built by real Kustomize, and the tenant chart with
 * each tenant's values, rendered by real Helm.
 */
class IspTenantsDeployTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static Platform platform;
    private static Map<String, Environment> profiles;
    /** Every tenant root, built once: "tenant/env" to objects. */
    private static final Map<String, List<Map<String, Object>>> BUILT = new LinkedHashMap<>();

    @BeforeAll
    static void buildEveryRoot() {
        platform = SpecReader.read(Path.of("src/main/kforge/platform.yaml"));
        profiles = EnvironmentProfiles.builtIn();
        for (Tenant tenant : platform.tenants()) {
            for (Environment env : platform.environments()) {
                Path root = DEPLOY.resolve(Kforge.tenantRoot(tenant.id(), env.name()));
                if (tenant.runsIn(env.name())) {
                    BUILT.put(tenant.id() + "/" + env.name(), Kustomize.build(root));
                } else {
                    assertThat(root).as("a root for an environment the tenant does not run in").doesNotExist();
                }
            }
        }
    }

    @Test
    void catalog_whenRead_thenAtLeast25TenantsAcrossEveryTier() {
        Set<String> tiers = new HashSet<>();
        platform.tenants().forEach(t -> tiers.add(t.tier()));
        assertThat(platform.tenants()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(tiers).containsExactlyInAnyOrder("micro", "small", "medium", "large", "xlarge");
        assertThat(BUILT).hasSizeGreaterThanOrEqualTo(70);
    }

    @Test
    void everyTenantRoot_whenBuilt_thenEqualsTheTenantsObjects() {
        BUILT.forEach((root, built) -> {
            String[] parts = root.split("/");
            List<Map<String, Object>> expected = ObjectSets.trees(
                    Kforge.tenantObjects(platform, parts[0], parts[1], profiles));
            assertThat(ObjectSets.differences(expected, built)).as(root).isEmpty();
        });
    }

    @Test
    void everyTenantRoot_whenBuilt_thenQuotaLimitsAndStorageAreItsTiers() {
        for (Tenant tenant : platform.tenants()) {
            Tier tier = platform.tier(tenant.tier());
            List<Map<String, Object>> prod = BUILT.get(tenant.id() + "/prod");
            Map<?, ?> hard = (Map<?, ?>) at(find(prod, "ResourceQuota", "quota"), "spec.hard");
            assertThat(hard.get("requests.cpu")).as(tenant.id()).isEqualTo(tier.quota().requestsCpu());
            assertThat(hard.get("limits.memory")).as(tenant.id()).isEqualTo(tier.quota().limitsMemory());
            assertThat(hard.get("persistentvolumeclaims")).as(tenant.id())
                    .isEqualTo(tier.quota().persistentVolumeClaims().toString());
            assertThat(at(find(prod, "LimitRange", "limits"), "spec.limits[0].default.cpu")).as(tenant.id())
                    .isEqualTo(tier.resources().cpuLimit());
            assertThat(at(find(prod, "PersistentVolumeClaim", "dotmac-tenant-data"), "spec.resources.requests.storage"))
                    .as(tenant.id()).isEqualTo(tier.storage());
            Map<String, Object> hpa = find(prod, "HorizontalPodAutoscaler", "dotmac-tenant");
            assertThat(at(hpa, "spec.minReplicas")).as(tenant.id()).isEqualTo(tier.minReplicas());
            assertThat(at(hpa, "spec.maxReplicas")).as(tenant.id()).isEqualTo(tier.maxReplicas());
        }
    }

    @Test
    void everyTenantRoot_whenBuilt_thenRunsTheTenantsPinnedImageTagOrTheEnvironments() {
        // umbrella is pinned to v1.1.4 in the catalog; everyone else follows the environment (prod: v1.2.0)
        BUILT.forEach((root, objects) -> {
            String image = String.valueOf(at(find(objects, "Deployment", "dotmac-tenant"), "spec.template.spec.containers[0].image"));
            if (root.startsWith("umbrella/")) {
                assertThat(image).as(root).isEqualTo("docker.io/dotmac/isp-framework:v1.1.4");
            } else {
                assertThat(image).as(root).doesNotEndWith(":v1.1.4");
            }
            if (root.endsWith("/prod") && !root.startsWith("umbrella/")) {
                assertThat(image).as(root).isEqualTo("docker.io/dotmac/isp-framework:v1.2.0");
            }
        });
    }

    @Test
    void everyTenantRoot_whenBuilt_thenIsolatedAndToldWhoItServes() {
        BUILT.forEach((root, objects) -> {
            Tenant tenant = platform.tenants().stream().filter(t -> root.startsWith(t.id() + "/")).findFirst()
                    .orElseThrow();
            String namespace = "dotmac-tenant-" + tenant.id();
            Map<?, ?> nsLabels = (Map<?, ?>) at(find(objects, "Namespace", namespace), "metadata.labels");
            assertThat(nsLabels.get("kforge.dev/tenant")).as(root).isEqualTo(tenant.id());
            assertThat(nsLabels.get("kforge.dev/license-tier")).as(root).isEqualTo(tenant.licenseTier());
            assertThat(objects).as(root).allSatisfy(o -> {
                Object ns = at(o, "metadata.namespace");
                assertThat(ns == null ? at(o, "metadata.name") : ns).isEqualTo(namespace);
            });
            // in only from the ingress controller and Prometheus; out only to the database, the cache and HTTPS
            Map<String, Object> policy = find(objects, "NetworkPolicy", "dotmac-tenant");
            assertThat((List<?>) at(policy, "spec.ingress")).as(root).hasSize(2);
            assertThat(((Map<?, ?>) at(policy, "spec.ingress[0].from[0].namespaceSelector.matchLabels"))
                    .get("kubernetes.io/metadata.name")).as(root).isEqualTo("ingress-nginx");
            assertThat((List<?>) at(policy, "spec.egress")).as(root).hasSize(3);
            assertThat(((Map<?, ?>) at(policy, "spec.egress[0].to[0].namespaceSelector.matchLabels"))
                    .get("kubernetes.io/metadata.name")).as(root).isEqualTo("database");
            assertThat(at(policy, "spec.egress[2].ports[0].port")).as(root).isEqualTo(443);
            find(objects, "NetworkPolicy", "default-deny");
            // the application knows its tenant
            @SuppressWarnings("unchecked")
            List<Object> env = (List<Object>) at(find(objects, "Deployment", "dotmac-tenant"),
                    "spec.template.spec.containers[0].env");
            assertThat(env).as(root).contains(Map.of("name", "TENANT_ID", "value", tenant.id()),
                    Map.of("name", "LICENSE_TIER", "value", tenant.licenseTier()),
                    Map.of("name", "ENABLED_PLUGINS", "value", String.join(",", tenant.plugins())));
            assertThat(at(find(objects, "Ingress", "dotmac-tenant"), "spec.rules[0].host")).as(root)
                    .isEqualTo(tenant.domain());
            assertThat(at(find(objects, "Role", "dotmac-tenant"), "rules[0].verbs")).as(root)
                    .isEqualTo(List.of("get", "list"));
        });
    }

    @Test
    void tenantChart_whenEveryTenantsValuesFileIsTemplated_thenRendersExactlyWhatItsTenantRootBuilds(
            @TempDir Path work) {
        Path chart = Helm.offline(DEPLOY.resolve("helm/isp-tenant"), work);
        Helm.assertLintsStrictly(chart);
        BUILT.forEach((root, built) -> {
            String[] parts = root.split("/");
            List<Map<String, Object>> helm = Helm.withoutBookkeeping(
                    Helm.template(chart, parts[0] + "-" + parts[1]), "isp-tenant");
            assertThat(ObjectSets.differences(built, helm)).as("helm template -f values-%s-%s.yaml", parts[0],
                    parts[1]).isEmpty();
        });
        try (var files = Files.list(chart)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("values-"))).hasSize(BUILT.size());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void applicationSets_whenGenerated_thenOnePerEnvironmentOverTheCommittedRoots() throws Exception {
        for (Environment env : platform.environments()) {
            String set = Files.readString(DEPLOY.resolve("argocd/isp-tenants-" + env.name() + ".yaml"));
            assertThat(set).contains("path: examples/isp-tenants/deploy/kustomize/tenants/*/" + env.name(),
                    "namespace: dotmac-tenant-{{ index .path.segments 5 }}");
        }
    }
}
