package dev.kforge.examples;

import dev.kforge.Kforge;
import dev.kforge.testing.Kustomize;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed document 000 (the DotMac platform's Kubernetes orchestration), number by number, on the objects real
 * Kustomize builds from the committed tenant roots. The figures are the document's, written out here; the model is
 * not consulted, so a change to the model that drifts from the document fails here. README.md's requirement table
 * says which object carries each requirement.
 */
class IspTenantsDocumentTest {

    private static final Path DEPLOY = Path.of("deploy");
    /** One tenant per tier, in prod: tier to its built objects. */
    private static final Map<String, List<Map<String, Object>>> PROD = new LinkedHashMap<>();
    /** The document's example tenant (medium, professional, three plugins) in each environment. */
    private static final Map<String, List<Map<String, Object>>> EXAMPLE = new LinkedHashMap<>();

    @BeforeAll
    static void build() {
        Map.of("micro", "acme", "small", "globex", "medium", "example-isp-001", "large", "umbrella",
                "xlarge", "hooli").forEach((tier, tenant) ->
                PROD.put(tier, Kustomize.build(DEPLOY.resolve(Kforge.tenantRoot(tenant, "prod")))));
        for (String env : List.of("dev", "staging", "prod")) {
            EXAMPLE.put(env, Kustomize.build(DEPLOY.resolve(Kforge.tenantRoot("example-isp-001", env))));
        }
    }

    /** RESOURCE_TIERS: cpu/memory request and limit, storage_size, max_replicas. */
    @Test
    void tiers_whenEachTiersTenantIsBuiltForProd_thenRequestsLimitsStorageAndMaxReplicasAreTheDocuments() {
        Map<String, List<Object>> document = Map.of(
                "micro", List.of("100m", "256Mi", "500m", "1Gi", "5Gi", 2),
                "small", List.of("250m", "512Mi", "1000m", "2Gi", "10Gi", 3),
                "medium", List.of("500m", "1Gi", "2000m", "4Gi", "20Gi", 5),
                "large", List.of("1000m", "2Gi", "4000m", "8Gi", "50Gi", 8),
                "xlarge", List.of("2000m", "4Gi", "8000m", "16Gi", "100Gi", 12));
        document.forEach((tier, expected) -> {
            List<Map<String, Object>> objects = PROD.get(tier);
            Map<String, Object> container = container(objects);
            assertThat(List.of(at(container, "resources.requests.cpu"), at(container, "resources.requests.memory"),
                    at(container, "resources.limits.cpu"), at(container, "resources.limits.memory"),
                    at(find(objects, "PersistentVolumeClaim", "dotmac-tenant-data"), "spec.resources.requests.storage"),
                    at(find(objects, "HorizontalPodAutoscaler", "dotmac-tenant"), "spec.maxReplicas")))
                    .as(tier).isEqualTo(expected);
        });
    }

    /** The per-tenant HorizontalPodAutoscaler: CPU 70 %, memory 80 %. */
    @Test
    void hpa_whenBuiltForEveryTier_thenCpu70AndMemory80() {
        PROD.forEach((tier, objects) -> {
            Map<String, Object> hpa = find(objects, "HorizontalPodAutoscaler", "dotmac-tenant");
            assertThat(at(hpa, "spec.metrics[0].resource.name")).as(tier).isEqualTo("cpu");
            assertThat(at(hpa, "spec.metrics[0].resource.target.averageUtilization")).as(tier).isEqualTo(70);
            assertThat(at(hpa, "spec.metrics[1].resource.name")).as(tier).isEqualTo("memory");
            assertThat(at(hpa, "spec.metrics[1].resource.target.averageUtilization")).as(tier).isEqualTo(80);
            assertThat(at(hpa, "spec.scaleTargetRef.name")).as(tier).isEqualTo("dotmac-tenant");
        });
    }

    /** The example tenant's Namespace (name and labels), Deployment (2 replicas of medium) and variables. */
    @Test
    void exampleTenant_whenBuiltForProd_thenNamespaceVariablesAndReplicasAreTheDocuments() {
        List<Map<String, Object>> objects = EXAMPLE.get("prod");
        assertThat(objects).allSatisfy(o -> assertThat(o.get("kind").equals("Namespace")
                ? at(o, "metadata.name") : at(o, "metadata.namespace")).isEqualTo("dotmac-tenant-example-isp-001"));
        // the Namespace's labels, as the document's orchestrator sets them
        Map<?, ?> namespaceLabels = (Map<?, ?>) at(find(objects, "Namespace", "dotmac-tenant-example-isp-001"),
                "metadata.labels");
        assertThat(namespaceLabels.get("dotmac.io/tenant-id")).isEqualTo("example-isp-001");
        assertThat(namespaceLabels.get("dotmac.io/license-tier")).isEqualTo("professional");
        Map<String, Object> deployment = find(objects, "Deployment", "dotmac-tenant");
        assertThat(((Map<?, ?>) at(deployment, "spec.template.metadata.labels")).get("app.kubernetes.io/name"))
                .isEqualTo("dotmac-tenant");
        assertThat(at(find(objects, "HorizontalPodAutoscaler", "dotmac-tenant"), "spec.minReplicas")).isEqualTo(2);
        @SuppressWarnings("unchecked")
        List<Object> env = (List<Object>) at(container(objects), "env");
        assertThat(env).contains(
                Map.of("name", "LICENSE_TIER", "value", "professional"),
                Map.of("name", "ENABLED_PLUGINS", "value", "advanced_billing,crm_integration,analytics"));
        assertThat(at(container(objects), "image")).isEqualTo("docker.io/dotmac/isp-framework:v1.2.0");
        assertThat(at(find(objects, "Ingress", "dotmac-tenant"), "spec.rules[0].host"))
                .isEqualTo("example-isp.dotmac.app");
        // rolling updates with zero downtime
        assertThat(at(deployment, "spec.strategy.rollingUpdate.maxUnavailable")).isEqualTo(0);
    }

    /** The quota's claim count and storage (5 claims, 50Gi for medium). */
    @Test
    void quota_whenTheMediumTenantIsBuilt_thenFiveClaimsAnd50GiOfStorage() {
        Map<?, ?> hard = (Map<?, ?>) at(find(EXAMPLE.get("prod"), "ResourceQuota", "quota"), "spec.hard");
        assertThat(hard.get("persistentvolumeclaims")).isEqualTo("5");
        assertThat(hard.get("requests.storage")).isEqualTo("50Gi");
    }

    /**
     * tenant-network-isolation: in only from ingress-nginx on 8000; out to the namespace database on 5432, redis on
     * 6379, and 443 anywhere. In every environment.
     */
    @Test
    void networkPolicy_whenBuiltInEveryEnvironment_thenTheDocumentsIsolation() {
        EXAMPLE.forEach((env, objects) -> {
            Map<String, Object> policy = find(objects, "NetworkPolicy", "dotmac-tenant");
            assertThat(((Map<?, ?>) at(policy, "spec.ingress[0].from[0].namespaceSelector.matchLabels"))
                    .get("kubernetes.io/metadata.name")).as(env).isEqualTo("ingress-nginx");
            assertThat(at(policy, "spec.ingress[0].ports[0].port")).as(env).isEqualTo(8000);
            assertThat(((Map<?, ?>) at(policy, "spec.egress[0].to[0].namespaceSelector.matchLabels"))
                    .get("kubernetes.io/metadata.name")).as(env).isEqualTo("database");
            assertThat(at(policy, "spec.egress[0].ports[0].port")).as(env).isEqualTo(5432);
            assertThat(((Map<?, ?>) at(policy, "spec.egress[1].to[0].namespaceSelector.matchLabels"))
                    .get("kubernetes.io/metadata.name")).as(env).isEqualTo("redis");
            assertThat(at(policy, "spec.egress[1].ports[0].port")).as(env).isEqualTo(6379);
            assertThat(at(policy, "spec.egress[2].ports[0].port")).as(env).isEqualTo(443);
            assertThat(at(find(objects, "NetworkPolicy", "default-deny"), "spec.policyTypes"))
                    .as(env).isEqualTo(List.of("Ingress", "Egress"));
            assertThat(at(container(objects), "ports[0].containerPort")).as(env).isEqualTo(8000);
        });
    }

    /** tenant-role: configmaps and secrets get/list, pods get/list; bound to the tenant's ServiceAccount. */
    @Test
    void role_whenBuilt_thenOnlyReadsConfigSecretsAndPods() {
        List<Map<String, Object>> objects = EXAMPLE.get("prod");
        assertThat(at(find(objects, "Role", "dotmac-tenant"), "rules")).isEqualTo(List.of(
                Map.of("apiGroups", List.of(""), "resources", List.of("configmaps", "secrets"),
                        "verbs", List.of("get", "list")),
                Map.of("apiGroups", List.of(""), "resources", List.of("pods"), "verbs", List.of("get", "list"))));
        Map<String, Object> binding = find(objects, "RoleBinding", "dotmac-tenant");
        assertThat(at(binding, "subjects[0].name")).isEqualTo(
                at(find(objects, "Deployment", "dotmac-tenant"), "spec.template.spec.serviceAccountName"));
    }

    /** The report lists the document's tiers with their monthly prices ($29 … $999). */
    @Test
    void report_whenRead_thenListsEveryTierWithTheDocumentsPrice() throws Exception {
        String report = Files.readString(DEPLOY.resolve("README.md"));
        assertThat(report).containsPattern("\\| `micro` +\\| +100m \\| +500m \\| +256Mi \\| +1Gi \\| +5Gi \\| +1–2 \\| +29\\.00 \\|")
                .containsPattern("\\| `small` +\\| +250m \\| +1000m \\| +512Mi \\| +2Gi \\| +10Gi \\| +1–3 \\| +79\\.00 \\|")
                .containsPattern("\\| `medium` +\\| +500m \\| +2000m \\| +1Gi \\| +4Gi \\| +20Gi \\| +2–5 \\| +199\\.00 \\|")
                .containsPattern("\\| `large` +\\| +1000m \\| +4000m \\| +2Gi \\| +8Gi \\| +50Gi \\| +2–8 \\| +499\\.00 \\|")
                .containsPattern("\\| `xlarge` +\\| +2000m \\| +8000m \\| +4Gi \\| +16Gi \\| +100Gi \\| +3–12 \\| +999\\.00 \\|");
    }

    private static Map<String, Object> container(List<Map<String, Object>> objects) {
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) at(find(objects, "Deployment", "dotmac-tenant"),
                "spec.template.spec.containers[0]");
        return c;
    }
}
