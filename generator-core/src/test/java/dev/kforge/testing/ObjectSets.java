package dev.kforge.testing;

import dev.kforge.emit.JsonPatch;
import dev.kforge.emit.Manifests;
import dev.kforge.objects.KubeObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Compares two sets of Kubernetes objects field by field and describes every difference readably. */
public final class ObjectSets {

    private ObjectSets() {
    }

    /** Objects as trees. */
    public static List<Map<String, Object>> trees(List<KubeObject> objects) {
        return objects.stream().map(o -> Manifests.toTree(o.object())).toList();
    }

    /** Objects by {@code Kind namespace/name}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> o : objects) {
            Map<String, Object> meta = (Map<String, Object>) o.get("metadata");
            String id = o.get("kind") + " " + meta.getOrDefault("namespace", "") + "/" + meta.get("name");
            if (out.put(id, o) != null) {
                throw new AssertionError("two objects are " + id);
            }
        }
        return out;
    }

    /** Every difference, one per line; empty when the sets are equal. */
    public static List<String> differences(List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
        Map<String, Map<String, Object>> e = byId(expected);
        Map<String, Map<String, Object>> a = byId(actual);
        List<String> out = new ArrayList<>();
        e.keySet().stream().filter(k -> !a.containsKey(k)).forEach(k -> out.add("missing: " + k));
        a.keySet().stream().filter(k -> !e.containsKey(k)).forEach(k -> out.add("unexpected: " + k));
        e.forEach((id, exp) -> {
            if (a.containsKey(id)) {
                for (Map<String, Object> op : JsonPatch.diff(a.get(id), exp)) {
                    out.add(id + ": " + op.get("path") + " " + ("remove".equals(op.get("op")) ? "is not expected"
                            : "add".equals(op.get("op")) ? "is missing, expected " + op.get("value")
                            : "differs, expected " + op.get("value")));
                }
            }
        });
        return out;
    }

    /** The object of {@code kind} named {@code name}; fails when there is none. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))
                        && name.equals(((Map<String, Object>) o.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " among "
                        + byId(objects).keySet()));
    }

    /** The value at a dotted path with list indices ({@code spec.template.spec.containers[0].image}), or null. */
    public static Object at(Object tree, String path) {
        Object node = tree;
        for (String part : path.split("\\.")) {
            String key = part;
            Integer index = null;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                key = part.substring(0, bracket);
                index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
            }
            if (!key.isEmpty()) {
                if (!(node instanceof Map<?, ?> map)) {
                    return null;
                }
                node = map.get(key);
            }
            if (index != null) {
                if (!(node instanceof List<?> list) || index >= list.size()) {
                    return null;
                }
                node = list.get(index);
            }
        }
        return node;
    }
}
