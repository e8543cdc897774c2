package dev.kforge.emit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typed objects to plain, canonically ordered trees of maps, lists and scalars — the form that is diffed and
 * written. Canonical order: {@code apiVersion, kind, metadata} first; in metadata {@code name, namespace,
 * labels, annotations} first; elsewhere {@code name} first; then alphabetical.
 */
public final class Manifests {

    // Jackson is fabric8's own serializer; its annotations decide which fields exist and how they are spelled
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final List<String> TOP = List.of("apiVersion", "kind", "metadata");
    private static final List<String> METADATA = List.of("name", "namespace", "labels", "annotations");

    private Manifests() {
    }

    /** The object as a canonical tree. */
    public static Map<String, Object> toTree(HasMetadata object) {
        Map<String, Object> raw = MAPPER.convertValue(object, new TypeReference<Map<String, Object>>() { });
        return canonical(raw);
    }

    /** Re-orders a parsed or built tree canonically (a new tree; the argument is not changed). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> canonical(Map<String, Object> tree) {
        return (Map<String, Object>) canonicalValue(tree, TOP);
    }

    @SuppressWarnings("unchecked")
    private static Object canonicalValue(Object value, List<String> first) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String key : first) {
                if (map.containsKey(key)) {
                    out.put(key, canonicalValue(map.get(key), "metadata".equals(key) ? METADATA : List.of("name")));
                }
            }
            TreeMap<String, Object> rest = new TreeMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                if (!first.contains(k)) {
                    rest.put(k, v);
                }
            });
            rest.forEach((k, v) -> out.put(k, canonicalValue(v, "metadata".equals(k) ? METADATA : List.of("name"))));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(canonicalValue(item, List.of("name"))));
            return out;
        }
        return value;
    }
}
