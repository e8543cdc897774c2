package dev.kforge.emit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a values file given with {@code -f} must hold to turn one values tree into another under Helm's merge:
 * maps merge key by key, a {@code null} removes a key, anything else (lists included) replaces. The result is
 * the smallest such file: only what differs.
 */
final class ValuesDiff {

    private ValuesDiff() {
    }

    /** The overrides turning {@code base} into {@code target}; empty when they are equal. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> overrides(Map<String, Object> base, Map<String, Object> target) {
        Map<String, Object> out = new LinkedHashMap<>();
        target.forEach((key, value) -> {
            Object before = base.get(key);
            if (!base.containsKey(key)) {
                out.put(key, value);
            } else if (before instanceof Map<?, ?> b && value instanceof Map<?, ?> t) {
                Map<String, Object> nested = overrides((Map<String, Object>) b, (Map<String, Object>) t);
                if (!nested.isEmpty()) {
                    out.put(key, nested);
                }
            } else if (!JsonPatch.sameValue(before, value)) {
                out.put(key, value);
            }
        });
        base.keySet().stream().filter(key -> !target.containsKey(key)).forEach(key -> out.put(key, null));
        return out;
    }

    /** {@code base} with {@code overrides} merged over it the way Helm merges a values file. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> apply(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        overrides.forEach((key, value) -> {
            if (value == null) {
                out.remove(key);
            } else if (value instanceof Map<?, ?> v && out.get(key) instanceof Map<?, ?> b) {
                out.put(key, apply((Map<String, Object>) b, (Map<String, Object>) v));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }
}
