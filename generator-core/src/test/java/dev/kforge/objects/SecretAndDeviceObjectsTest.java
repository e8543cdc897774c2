package dev.kforge.objects;

import dev.kforge.Kforge;
import dev.kforge.testing.ObjectSets;
import dev.kforge.testing.SamplePlatforms;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/** ExternalSecrets, GPUs and per-environment rate limits as the objects stage makes them. */
class SecretAndDeviceObjectsTest {

    private static List<Map<String, Object>> objects(String environment) {
        return ObjectSets.trees(Kforge.objects(SamplePlatforms.inference(), environment, Map.of()));
    }

    @Test
    void externalSecret_whenBase_thenReferencesTheDeclaredStoreAndKeysSortedAndOwnsItsSecret() {
        // when
        Map<String, Object> secret = find(objects(null), "ExternalSecret", "model-store");
        // then
        assertThat(secret.get("apiVersion")).isEqualTo("external-secrets.io/v1");
        assertThat(at(secret, "metadata.namespace")).isEqualTo("inference");
        assertThat(at(secret, "metadata.labels")).isEqualTo(Map.of("app.kubernetes.io/part-of", "inference",
                "app.kubernetes.io/managed-by", "kforge"));
        assertThat(at(secret, "spec")).isEqualTo(Map.of(
                "refreshInterval", "1h",
                "secretStoreRef", Map.of("name", "aws", "kind", "SecretStore"),
                "target", Map.of("name", "model-store", "creationPolicy", "Owner"),
                "data", List.of(
                        Map.of("secretKey", "access-key-id",
                                "remoteRef", Map.of("key", "inference/model-store", "property", "id")),
                        Map.of("secretKey", "secret-access-key",
                                "remoteRef", Map.of("key", "inference/model-store", "property", "secret")))));
    }

    @Test
    void externalSecret_whenEnvironmentsSetAStoreOrAPrefix_thenEachReadsItsOwn() {
        // when
        Map<String, Object> dev = find(objects("dev"), "ExternalSecret", "model-store");
        Map<String, Object> prod = find(objects("prod"), "ExternalSecret", "model-store");
        // then
        assertThat(at(dev, "spec.secretStoreRef")).isEqualTo(Map.of("name", "aws", "kind", "SecretStore"));
        assertThat(at(dev, "spec.data[0].remoteRef.key")).isEqualTo("dev/inference/model-store");
        assertThat(at(prod, "spec.secretStoreRef")).isEqualTo(Map.of("name", "vault-prod",
                "kind", "ClusterSecretStore"));
        assertThat(at(prod, "spec.data[1].remoteRef.key")).isEqualTo("inference/model-store");
    }

    @Test
    void objects_whenSecretsAreDeclared_thenNoSecretObjectCarriesAValue() {
        // when
        List<Map<String, Object>> all = objects("prod");
        // then
        assertThat(all).extracting(o -> o.get("kind")).doesNotContain("Secret");
        Map<String, Object> model = find(all, "Deployment", "model");
        assertThat(at(model, "spec.template.spec.containers[0].env[1]")).isEqualTo(Map.of(
                "name", "AWS_SECRET_ACCESS_KEY",
                "valueFrom", Map.of("secretKeyRef", Map.of("name", "model-store", "key", "secret-access-key"))));
    }

    @Test
    void gpuService_whenDevScalesResourcesByHalf_thenCpuAndMemoryHalveAndTheGpuStaysOneInRequestsAndLimits() {
        // when
        Map<String, Object> dev = find(objects("dev"), "Deployment", "model");
        // then
        assertThat(at(dev, "spec.template.spec.containers[0].resources")).isEqualTo(Map.of(
                "requests", Map.of("cpu", "1", "memory", "4Gi", "nvidia.com/gpu", "1"),
                "limits", Map.of("cpu", "2", "memory", "8Gi", "nvidia.com/gpu", "1")));
        assertThat(at(dev, "spec.template.spec.nodeSelector")).isEqualTo(Map.of("nvidia.com/gpu.present", "true"));
        assertThat(at(dev, "spec.template.spec.tolerations")).isEqualTo(List.of(Map.of("key", "nvidia.com/gpu",
                "operator", "Exists", "effect", "NoSchedule")));
        assertThat(at(dev, "spec.template.spec.containers[0].startupProbe.tcpSocket.port")).isEqualTo("grpc");
        assertThat(at(dev, "spec.template.spec.affinity.podAntiAffinity"
                + ".requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey")).isEqualTo("kubernetes.io/hostname");
    }

    @Test
    void ingress_whenProdDefaultsARateLimit_thenProdUsesItAndDevKeepsTheServices() {
        // when
        Object dev = at(find(objects("dev"), "Ingress", "api"), "metadata.annotations");
        Object prod = at(find(objects("prod"), "Ingress", "api"), "metadata.annotations");
        // then
        assertThat(((Map<?, ?>) dev).get("nginx.ingress.kubernetes.io/limit-rps")).isEqualTo("10");
        assertThat(((Map<?, ?>) prod).get("nginx.ingress.kubernetes.io/limit-rps")).isEqualTo("200");
    }

    @Test
    void externalSecret_whenMultiTenant_thenEachTenantsNamespaceReadsItsOwnRemoteKey() {
        // given
        var isp = SamplePlatforms.isp(SamplePlatforms.ispTenants());
        // when
        Map<String, Object> acme = find(ObjectSets.trees(Kforge.tenantObjects(isp, "acme", "prod", Map.of())),
                "ExternalSecret", "app-database");
        Map<String, Object> initech = find(ObjectSets.trees(Kforge.tenantObjects(isp, "initech", "staging",
                Map.of())), "ExternalSecret", "app-database");
        // then
        assertThat(at(acme, "metadata.namespace")).isEqualTo("isp-acme");
        assertThat(at(acme, "spec.data[0].remoteRef.key")).isEqualTo("isp/acme/database");
        assertThat(at(acme, "spec.secretStoreRef.name")).isEqualTo("vault-prod");
        assertThat(at(initech, "spec.data[0].remoteRef.key")).isEqualTo("isp/initech/database");
        assertThat(at(initech, "spec.secretStoreRef.name")).isEqualTo("vault");
    }
}
