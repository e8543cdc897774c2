package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;

import java.util.List;
import java.util.Map;

/** Label selectors as the API server evaluates them. */
final class Selectors {

    private Selectors() {
    }

    /**
     * Whether a {@code LabelSelector} ({@code matchLabels} and {@code matchExpressions}) selects {@code labels}. An
     * empty selector selects everything; {@code null} (no selector) selects nothing.
     */
    static boolean matches(Map<String, Object> selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (!plainMatches(ObjectTrees.strings(selector, "matchLabels"), labels)) {
            return false;
        }
        for (Map<String, Object> e : ObjectTrees.maps(selector, "matchExpressions")) {
            String key = ObjectTrees.text(e, "key");
            List<String> values = ObjectTrees.list(e.get("values")).stream().map(String::valueOf).toList();
            String value = labels.get(key);
            boolean ok = switch (String.valueOf(e.get("operator"))) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether every entry of a plain selector (a Service's) is among {@code labels}. */
    static boolean plainMatches(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** Whether a selector is empty: it selects every pod. */
    static boolean isEmpty(Map<String, Object> selector) {
        return selector != null && ObjectTrees.strings(selector, "matchLabels").isEmpty()
                && ObjectTrees.list(selector.get("matchExpressions")).isEmpty();
    }

    /** A selector for messages: {@code app=web, tier in (a, b)}. */
    static String describe(Map<String, Object> selector) {
        if (selector == null) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        ObjectTrees.strings(selector, "matchLabels").forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ")
                .append(k).append('=').append(v));
        for (Map<String, Object> e : ObjectTrees.maps(selector, "matchExpressions")) {
            out.append(out.isEmpty() ? "" : ", ").append(ObjectTrees.text(e, "key")).append(' ')
                    .append(String.valueOf(e.get("operator")).toLowerCase(java.util.Locale.ROOT));
            if (e.get("values") instanceof List<?> values) {
                out.append(" (").append(String.join(", ", values.stream().map(String::valueOf).toList())).append(')');
            }
        }
        return out.isEmpty() ? "everything" : out.toString();
    }

    /** Labels for messages: {@code app=web, tier=front}. */
    static String labels(Map<String, String> labels) {
        return labels.isEmpty() ? "no labels" : String.join(", ", labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
