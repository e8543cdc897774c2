package dev.kforge.validate;

import java.util.List;
import java.util.Map;

/**
 * Reading Kubernetes objects held as plain trees ({@code Map<String, Object>} of maps, lists and scalars, as a YAML
 * reader gives them): a value at a path, or {@code null} wherever the tree has another shape. Rules read hand-written
 * manifests with these, so that a value of an unexpected type is "not there" rather than an exception.
 */
public final class ObjectTrees {

    private ObjectTrees() {
    }

    /** The value under {@code keys} from {@code node}, or {@code null} when a step is missing or not a map. */
    public static Object get(Object node, String... keys) {
        Object current = node;
        for (String k : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(k);
        }
        return current;
    }

    /** {@code o} as a map with text keys, or {@code null}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** {@code o} as a list, or an empty list. */
    public static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    /** The maps of the list under {@code keys}, skipping items of other shapes. */
    public static List<Map<String, Object>> maps(Object node, String... keys) {
        return list(get(node, keys)).stream().map(ObjectTrees::map).filter(java.util.Objects::nonNull).toList();
    }

    /** The text under {@code keys}: a string, or a number or boolean written as text; {@code null} otherwise. */
    public static String text(Object node, String... keys) {
        Object v = get(node, keys);
        return v instanceof String || v instanceof Number || v instanceof Boolean ? v.toString() : null;
    }

    /** The whole number under {@code keys}, or {@code null}. */
    public static Integer integer(Object node, String... keys) {
        return get(node, keys) instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                ? n.intValue() : null;
    }

    /** The object's kind, or {@code ""}. */
    public static String kind(Map<String, Object> o) {
        Object kind = o.get("kind");
        return kind instanceof String s ? s : "";
    }

    /** The object's {@code metadata.name}, or {@code null}. */
    public static String name(Map<String, Object> o) {
        return text(o, "metadata", "name");
    }

    /** The object's namespace; {@code ""} when it names none (the namespace it is applied to). */
    public static String namespace(Map<String, Object> o) {
        String ns = text(o, "metadata", "namespace");
        return ns == null ? "" : ns;
    }

    /** The text-valued entries of the map under {@code keys} (labels, annotations, a plain selector). */
    public static Map<String, String> strings(Object node, String... keys) {
        Map<String, Object> m = map(get(node, keys));
        if (m == null) {
            return Map.of();
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                out.put(k, v.toString());
            }
        });
        return out;
    }

    /** A deep copy of a tree of maps (keys as text) and lists; other values are shared, as they are immutable. */
    public static Object copy(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), copy(x)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new java.util.ArrayList<>(l.size());
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return node;
    }
}
