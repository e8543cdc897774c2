package dev.kforge.emit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The smallest RFC 6902 patch (add / remove / replace) that turns one tree into another. Maps are compared key
 * by key; lists of the same length element by element; lists of different lengths are replaced whole, so that
 * a patch never depends on index shifts.
 */
public final class JsonPatch {

    private JsonPatch() {
    }

    /** The operations turning {@code from} into {@code to}, each an ordered map {@code op, path[, value]}. */
    public static List<Map<String, Object>> diff(Object from, Object to) {
        List<Map<String, Object>> ops = new ArrayList<>();
        diff(from, to, "", ops);
        return ops;
    }

    @SuppressWarnings("unchecked")
    private static void diff(Object from, Object to, String path, List<Map<String, Object>> ops) {
        if (from instanceof Map<?, ?> a && to instanceof Map<?, ?> b) {
            Map<String, Object> fromMap = (Map<String, Object>) a;
            Map<String, Object> toMap = (Map<String, Object>) b;
            for (String k : fromMap.keySet()) {
                if (!toMap.containsKey(k)) {
                    ops.add(op("remove", path + "/" + escape(k), null));
                }
            }
            for (Map.Entry<String, Object> e : toMap.entrySet()) {
                String k = e.getKey();
                Object before = fromMap.get(k);
                if (before == e.getValue()) {
                    continue;
                }
                if (before != null || fromMap.containsKey(k)) {
                    diff(before, e.getValue(), path + "/" + escape(k), ops);
                } else {
                    ops.add(op("add", path + "/" + escape(k), e.getValue()));
                }
            }
        } else if (from instanceof List<?> a && to instanceof List<?> b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(a.get(i), b.get(i), path + "/" + i, ops);
            }
        } else if (!sameValue(from, to)) {
            ops.add(op("replace", path, to));
        }
    }

    /** Equality that treats 3, 3L and 3.0 alike, as YAML readers do not keep Java's number types. */
    public static boolean sameValue(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Number x && b instanceof Number y && x.getClass() == y.getClass()) {
            return x.equals(y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.size() == y.size() && x.entrySet().stream()
                    .allMatch(e -> y.containsKey(e.getKey()) && sameValue(e.getValue(), y.get(e.getKey())));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameValue(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("op", op);
        out.put("path", path);
        if (!"remove".equals(op)) {
            out.put("value", value);
        }
        return out;
    }

    /** RFC 6901 escaping of one path segment ({@code app.kubernetes.io/name} becomes {@code app.kubernetes.io~1name}). */
    static String escape(String key) {
        if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
            return key;
        }
        return key.replace("~", "~0").replace("/", "~1");
    }
}
