package dev.kforge.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The path being checked and the issues found so far in one object. */
final class Walk {

    /** One violation: where (map keys and list indexes from the object's root) and what. */
    record Issue(List<Object> path, String message) {
    }

    private final ArrayList<Object> path = new ArrayList<>();
    final List<Issue> issues = new ArrayList<>();

    void push(Object segment) {
        path.add(segment);
    }

    void pop() {
        path.remove(path.size() - 1);
    }

    void issue(String message) {
        issues.add(new Issue(List.copyOf(path), message));
    }

    void issueAt(Object segment, String message) {
        push(segment);
        issue(message);
        pop();
    }

    // -- Kubernetes built-in schemas

    void object(Map<?, ?> m, K8sSchema.TypeDef def) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object key = e.getKey();
            K8sSchema.Ty t = def.properties.get(key);
            if (t == null) {
                issueAt(key, "unknown field \"" + key + "\"");
                continue;
            }
            push(key);
            check(e.getValue(), t, !def.isRequired((String) key));
            pop();
        }
        for (String r : def.required) {
            if (!m.containsKey(r)) {
                issue("missing required field \"" + r + "\"");
            }
        }
        if (def.apiVersion != null && m.containsKey("apiVersion") && !def.apiVersion.equals(m.get("apiVersion"))) {
            issueAt("apiVersion", "must be \"" + def.apiVersion + "\" for a " + def.kind + ", not "
                    + quoted(m.get("apiVersion")));
        }
        if (def.kind != null && m.containsKey("kind") && !def.kind.equals(m.get("kind"))) {
            issueAt("kind", "must be \"" + def.kind + "\", not " + quoted(m.get("kind")));
        }
    }

    void check(Object v, K8sSchema.Ty t, boolean nullable) {
        if (v == null) {
            switch (t.kind) {
                case ANY -> {
                    // anything goes
                }
                case INT_OR_STRING, QUANTITY ->
                        // both branches of the oneOf accept null, so oneOf rejects it
                        issue("expected a " + t.describe() + ", got null");
                default -> {
                    if (!nullable) {
                        issue("expected " + t.describe() + ", got null");
                    }
                }
            }
            return;
        }
        switch (t.kind) {
            case STRING -> expect(v instanceof String, v, t);
            case INTEGER -> expect(K8sSchema.isInteger(v), v, t);
            case NUMBER -> expect(K8sSchema.isNumber(v), v, t);
            case BOOLEAN -> expect(v instanceof Boolean, v, t);
            case OBJECT -> expect(v instanceof Map<?, ?>, v, t);
            case ANY -> {
                // anything goes
            }
            case INT_OR_STRING -> expect(v instanceof String || K8sSchema.isInteger(v), v, t);
            case QUANTITY -> expect(v instanceof String || K8sSchema.isNumber(v), v, t);
            case REF -> {
                if (v instanceof Map<?, ?> m) {
                    object(m, t.ref);
                } else {
                    expect(false, v, t);
                }
            }
            case ARRAY -> {
                if (v instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        push(i);
                        check(list.get(i), t.elem, true);
                        pop();
                    }
                } else {
                    expect(false, v, t);
                }
            }
            case MAP -> {
                if (v instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        push(e.getKey());
                        check(e.getValue(), t.elem, true);
                        pop();
                    }
                } else {
                    expect(false, v, t);
                }
            }
        }
    }

    private void expect(boolean ok, Object v, K8sSchema.Ty t) {
        if (!ok) {
            issue("expected " + t.describe() + ", got " + K8sSchema.jsonType(v) + describeValue(v));
        }
    }

    static String describeValue(Object v) {
        if (v instanceof String s) {
            return " " + quoted(s);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return " " + v;
        }
        return "";
    }

    static String quoted(Object v) {
        if (v instanceof String s) {
            String shown = s.length() > 60 ? s.substring(0, 57) + "..." : s;
            return "\"" + GoYaml.printable(shown) + "\"";
        }
        return String.valueOf(v);
    }

    /** {@code .spec.template.spec.containers[0].name}; keys that are not plain names as {@code ["a.b/c"]}. */
    static String render(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else {
                String key = String.valueOf(segment);
                if (!key.isEmpty() && key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-'
                        || c == '$')) {
                    out.append('.').append(key);
                } else {
                    out.append("[\"").append(GoYaml.printable(key).replace("\"", "\\\"")).append("\"]");
                }
            }
        }
        return out.toString();
    }
}
