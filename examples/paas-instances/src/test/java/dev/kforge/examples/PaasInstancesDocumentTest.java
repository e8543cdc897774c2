package dev.kforge.examples;

import dev.kforge.Kforge;
import dev.kforge.testing.Kustomize;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed document 002 (the MinisPod backend's Kubernetes integration), requirement by requirement, on the objects real
 * Kustomize builds from a user's committed root. The document's names and values are written out here; the model is
 * not consulted. README.md's requirement table says which object carries each requirement.
 */
class PaasInstancesDocumentTest {

    private static List<Map<String, Object>> alice;
    private static List<Map<String, Object>> chen;

    @BeforeAll
    static void build() {
        alice = Kustomize.build(Path.of("deploy").resolve(Kforge.tenantRoot("alice", "prod")));
        chen = Kustomize.build(Path.of("deploy").resolve(Kforge.tenantRoot("chen", "prod")));
    }

    /** Namespace user-{userId}; per instance {instanceName}-config, a PVC, Deployment {instanceName}, Service, Ingress. */
    @Test
    void user_whenBuilt_thenOwnNamespaceAndEachInstancesObjects() {
        assertThat(alice).allSatisfy(o -> assertThat(o.get("kind").equals("Namespace")
                ? at(o, "metadata.name") : at(o, "metadata.namespace")).isEqualTo("user-alice"));
        for (String instance : List.of("sales-automations", "alice-s-blog")) {
            find(alice, "ConfigMap", instance + "-config");
            find(alice, "PersistentVolumeClaim", instance + "-data");
            find(alice, "Deployment", instance);
            find(alice, "Service", instance);
            Map<String, Object> ingress = find(alice, "Ingress", instance);
            assertThat(at(ingress, "spec.tls[0].hosts[0]")).isEqualTo(instance + ".alice.paas.example.com");
            assertThat(((Map<?, ?>) at(ingress, "metadata.annotations")).get("cert-manager.io/cluster-issuer"))
                    .isEqualTo("letsencrypt-prod");
        }
    }

    /** N8N: N8N_HOST the subdomain, N8N_PORT 3000, https, WEBHOOK_URL, GENERIC_TIMEZONE Asia/Jakarta. */
    @Test
    void automation_whenBuilt_thenTheDocumentsVariablesAndPort() {
        for (Map.Entry<List<Map<String, Object>>, String> e : Map.of(alice, "sales-automations.alice.paas.example.com",
                chen, "ops.chen.paas.example.com").entrySet()) {
            String name = e.getValue().substring(0, e.getValue().indexOf('.'));
            Map<String, Object> c = container(e.getKey(), name);
            assertThat(env(c)).contains(Map.of("name", "N8N_HOST", "value", e.getValue()),
                    Map.of("name", "N8N_PORT", "value", "3000"), Map.of("name", "N8N_PROTOCOL", "value", "https"),
                    Map.of("name", "WEBHOOK_URL", "value", "https://" + e.getValue() + "/"),
                    Map.of("name", "GENERIC_TIMEZONE", "value", "Asia/Jakarta"));
            assertThat(at(c, "ports[0].containerPort")).isEqualTo(3000);
        }
    }

    /** Ghost: url, NODE_ENV production, sqlite3 in /var/lib/ghost/content/data/ghost.db. */
    @Test
    void blog_whenBuilt_thenTheDocumentsVariables() {
        Map<String, Object> c = container(alice, "alice-s-blog");
        assertThat(env(c)).contains(Map.of("name", "url", "value", "https://alice-s-blog.alice.paas.example.com"),
                Map.of("name", "database__client", "value", "sqlite3"),
                Map.of("name", "database__connection__filename", "value", "/var/lib/ghost/content/data/ghost.db"));
        assertThat(at(find(alice, "ConfigMap", "alice-s-blog-config"), "data.NODE_ENV")).isEqualTo("production");
    }

    /** PostgreSQL: POSTGRES_DB the instance's name, POSTGRES_USER postgres, a generated password, PGDATA. */
    @Test
    void database_whenBuilt_thenTheDocumentsVariablesAndThePasswordOnlyAsAReference() {
        Map<String, Object> c = container(alice, "flows-db");
        assertThat(env(c)).contains(Map.of("name", "POSTGRES_DB", "value", "flows-db"),
                Map.of("name", "POSTGRES_USER", "value", "postgres"),
                Map.of("name", "PGDATA", "value", "/var/lib/postgresql/data/pgdata"),
                Map.of("name", "POSTGRES_PASSWORD", "valueFrom",
                        Map.of("secretKeyRef", Map.of("name", "flows-db-credentials", "key", "password"))));
        assertThat(alice).noneMatch(o -> "Ingress".equals(o.get("kind")) && "flows-db".equals(at(o, "metadata.name")));
    }

    /** CPU and memory limits from the plan's cpuMilli and memoryMb, storage from storageGb (starter: 500, 1024, 10). */
    @Test
    void instance_whenOnTheStarterPlan_thenLimitsAndStorageAreThePlans() {
        Map<String, Object> c = container(alice, "sales-automations");
        assertThat(at(c, "resources.limits.cpu")).isEqualTo("500m");
        assertThat(at(c, "resources.limits.memory")).isEqualTo("1024Mi");
        assertThat(at(find(alice, "PersistentVolumeClaim", "sales-automations-data"), "spec.resources.requests.storage"))
                .isEqualTo("10Gi");
    }

    private static Map<String, Object> container(List<Map<String, Object>> objects, String deployment) {
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) at(find(objects, "Deployment", deployment),
                "spec.template.spec.containers[0]");
        return c;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> env(Map<String, Object> container) {
        return (List<Object>) container.get("env");
    }
}
