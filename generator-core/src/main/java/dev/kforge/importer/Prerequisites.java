package dev.kforge.importer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Secrets and ConfigMaps the imported services still reference but kforge will not make: every Secret (its
 * values never go into a spec, so kforge never makes one from the input) and every ConfigMap that is not among the
 * manifests. The spec declares them under {@code prerequisites:}, so that the readiness gate of {@code k8s:generate}
 * takes them as existing beforehand and {@code deploy/README.md} lists them under "Before you apply".
 */
final class Prerequisites {

    private Prerequisites() {
    }

    /** {@code secrets} and {@code configMaps}, each name to what provides it, sorted; empty sections left out. */
    static Map<String, Object> of(List<Draft> drafts, ManifestObjects objects) {
        Map<String, String> secrets = new TreeMap<>();
        Map<String, String> configMaps = new TreeMap<>();
        for (Draft d : drafts) {
            String by = d.workload.describe();
            if (d.spec.get("env") instanceof Map<?, ?> env) {
                env.values().forEach(v -> reference(v, by, objects, secrets, configMaps));
            }
            if (d.spec.get("volumes") instanceof List<?> volumes) {
                volumes.forEach(v -> reference(v, by, objects, secrets, configMaps));
            }
        }
        Map<String, Object> out = new TreeMap<>();
        if (!configMaps.isEmpty()) {
            out.put("configMaps", configMaps);
        }
        if (!secrets.isEmpty()) {
            out.put("secrets", secrets);
        }
        return out;
    }

    private static void reference(Object value, String by, ManifestObjects objects, Map<String, String> secrets,
                                  Map<String, String> configMaps) {
        if (!(value instanceof Map<?, ?> ref)) {
            return;
        }
        if (ref.get("secret") instanceof String name) {
            secrets.putIfAbsent(name, objects.named("Secret", name) != null
                    ? "a Secret of the imported manifests, whose values kforge never copies: create it before applying"
                    : "referenced by " + by + "; not among the imported manifests");
        } else if (ref.get("configMap") instanceof String name && objects.named("ConfigMap", name) == null) {
            configMaps.putIfAbsent(name, "referenced by " + by + "; not among the imported manifests");
        }
    }
}
