package dev.kforge.objects;

import dev.kforge.api.ExternalSecret;
import dev.kforge.resolve.ResolvedPlatform;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's declared secrets as External Secrets Operator {@code ExternalSecret}s: references to a store,
 * never values. Each creates and owns the Secret of its own name.
 */
final class SecretObjects {

    /** The API version emitted: external-secrets.io/v1, served since External Secrets Operator 0.17. */
    static final String API_VERSION = "external-secrets.io/v1";

    private SecretObjects() {
    }

    static List<HasMetadata> of(ResolvedPlatform rp) {
        List<HasMetadata> out = new ArrayList<>();
        for (ExternalSecret secret : rp.secrets()) {
            out.add(externalSecret(rp, secret));
        }
        return out;
    }

    private static HasMetadata externalSecret(ResolvedPlatform rp, ExternalSecret secret) {
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("name", secret.store().name());
        store.put("kind", secret.store().kind());
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("name", secret.name());
        target.put("creationPolicy", "Owner");
        List<Map<String, Object>> data = new ArrayList<>();
        // by key, as a Helm chart ranges over them: both routes give the same list
        for (ExternalSecret.Data d : secret.data().stream().sorted(Comparator.comparing(ExternalSecret.Data::key))
                .toList()) {
            Map<String, Object> remote = new LinkedHashMap<>();
            remote.put("key", d.remoteKey());
            if (d.property() != null) {
                remote.put("property", d.property());
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("secretKey", d.key());
            item.put("remoteRef", remote);
            data.add(item);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("refreshInterval", secret.refreshInterval());
        spec.put("secretStoreRef", store);
        spec.put("target", target);
        spec.put("data", data);
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind("ExternalSecret")
                .withMetadata(NamespaceObjects.meta(rp, secret.name()))
                .addToAdditionalProperties("spec", spec)
                .build();
    }
}
