package dev.kforge.emit;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Deterministic JSON: two-space indent, LF, keys in the order given, ASCII only (everything else escaped). A
 * generated file's first line carries a {@code "$comment"} saying it is generated, as JSON has no comments.
 */
final class JsonWriter {

    private JsonWriter() {
    }

    /** A generated JSON file: {@code tree} with {@code comment} as its first member, on the first line. */
    static String file(String comment, Map<String, Object> tree) {
        StringBuilder out = new StringBuilder("{\"$comment\": ");
        string(comment, out);
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            out.append(",\n  ");
            string(e.getKey(), out);
            out.append(": ");
            value(e.getValue(), 1, out);
        }
        return out.append("\n}\n").toString();
    }

    private static void value(Object value, int depth, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                newline(depth + 1, out);
                string((String) e.getKey(), out);
                out.append(": ");
                value(e.getValue(), depth + 1, out);
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            newline(depth, out);
            out.append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                newline(depth + 1, out);
                value(list.get(i), depth + 1, out);
                if (i < list.size() - 1) {
                    out.append(',');
                }
            }
            newline(depth, out);
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void newline(int depth, StringBuilder out) {
        out.append('\n');
        out.append("  ".repeat(depth));
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
