package dev.kforge.emit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private static final List<String> NAME_FIRST = List.of("name");

    @SuppressWarnings("unchecked")
    private static Object canonicalValue(Object value, List<String> first) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> source = (Map<String, Object>) map;
            String[] keys = source.keySet().toArray(new String[0]);
            // the keys named first keep their given order; the rest follow alphabetically
            java.util.Arrays.sort(keys, (a, b) -> {
                int ia = first.indexOf(a);
                int ib = first.indexOf(b);
                if (ia >= 0 || ib >= 0) {
                    return ia < 0 ? 1 : ib < 0 ? -1 : Integer.compare(ia, ib);
                }
                return a.compareTo(b);
            });
            Map<String, Object> out = new LinkedHashMap<>(keys.length * 2);
            for (String key : keys) {
                out.put(key, canonicalValue(source.get(key), "metadata".equals(key) ? METADATA : NAME_FIRST));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(canonicalValue(item, NAME_FIRST));
            }
            return out;
        }
        return value;
    }
}
