package dev.kforge.spec;

import dev.kforge.api.Checks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Converts the nodes of one source file to the typed values the model wants — text, whole numbers, decimals,
 * booleans, one of a set of words, lists and maps of them — reporting every conversion failure to its
 * {@link Context} as a problem at the node, never as an exception (the failed value reads as {@code null}).
 */
final class Scalars {

    private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?");
    // longer digit strings are certainly out of range; refusing them early keeps parsing trivially cheap
    private static final int MAX_NUMBER_LENGTH = 40;

    private final Context cx;

    Scalars(Context cx) {
        this.cx = cx;
    }

    /** The text of a scalar, or a problem naming what was {@code expected}. */
    String scalar(String path, Node node, String expected) {
        if (Context.absent(node)) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        cx.report(path, node, "expected " + expected + ", found " + Context.describe(node));
        return null;
    }

    String text(String path, Node node) {
        return scalar(path, node, "text");
    }

    Integer whole(String path, Node node) {
        Long value = whole(path, node, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return value == null ? null : value.intValue();
    }

    Long wholeLong(String path, Node node) {
        return whole(path, node, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A whole number between {@code min} and {@code max}; text too long to be one is too large, not parsed. */
    private Long whole(String path, Node node, long min, long max) {
        String text = scalar(path, node, "a whole number");
        if (text == null) {
            return null;
        }
        if (!WHOLE.matcher(text).matches()) {
            cx.report(path, node, "expected a whole number, found '" + Checks.printable(text) + "'");
            return null;
        }
        Long value = null;
        if (text.length() <= MAX_NUMBER_LENGTH) {
            try {
                value = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            } catch (NumberFormatException e) {
                // out of the range of a long: too large like any other out-of-range value
            }
        }
        if (value == null || value < min || value > max) {
            cx.report(path, node, "'" + Checks.printable(text) + (text.startsWith("-")
                    ? "' is too small; expected a whole number down to " + min
                    : "' is too large; expected a whole number up to " + max));
            return null;
        }
        return value;
    }

    /** A decimal taken from the text as written, so that {@code 0.5} stays exactly 0.5. */
    BigDecimal decimal(String path, Node node) {
        String text = scalar(path, node, "a decimal number");
        if (text == null) {
            return null;
        }
        if (!DECIMAL.matcher(text).matches() || text.length() > MAX_NUMBER_LENGTH) {
            cx.report(path, node, "expected a decimal number like 0.5 or 12.90, found '" + Checks.printable(text) + "'");
            return null;
        }
        return new BigDecimal(text);
    }

    Boolean bool(String path, Node node) {
        String text = scalar(path, node, "true or false");
        if (text == null) {
            return null;
        }
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        cx.report(path, node, "expected true or false, found '" + Checks.printable(text) + "'");
        return null;
    }

    /** One of a fixed set of lower-case words. */
    <E> E choice(String path, Node node, String what, Map<String, E> options) {
        String text = scalar(path, node, what);
        if (text == null) {
            return null;
        }
        E value = options.get(text);
        if (value == null) {
            cx.report(path, node, "'" + Checks.printable(text) + "' is not a valid " + what + "; use one of: "
                    + String.join(", ", options.keySet()));
        }
        return value;
    }

    /** The items of a list (empty when not given); each item's path is {@code path.<index>}. */
    List<Node> items(String path, Node node, String what) {
        if (Context.absent(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            cx.report(path, node, "expected a list of " + what + ", found " + Context.describe(node));
            return List.of();
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            cx.mark(path + "." + i, item);
            out.add(item);
        }
        return out;
    }

    /** A list of text; {@code null} items are reported, not kept. */
    List<String> texts(String path, Node node, String what) {
        List<String> out = new ArrayList<>();
        List<Node> items = items(path, node, what);
        for (int i = 0; i < items.size(); i++) {
            String value = scalar(path + "." + i, items.get(i), "text");
            if (value == null && Context.absent(items.get(i))) {
                cx.report(path + "." + i, items.get(i), "is empty; remove it or give a value");
            } else if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    List<Integer> wholes(String path, Node node, String what) {
        List<Integer> out = new ArrayList<>();
        List<Node> items = items(path, node, what);
        for (int i = 0; i < items.size(); i++) {
            Integer value = whole(path + "." + i, items.get(i));
            if (value == null && Context.absent(items.get(i))) {
                cx.report(path + "." + i, items.get(i), "is empty; remove it or give a number");
            } else if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    /** A map of text to text (labels, annotations, literals), in the order written. */
    Map<String, String> textMap(String path, Node node, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        Fields fields = Fields.of(cx, path, node, "a map of " + what, null);
        if (fields == null) {
            return out;
        }
        for (String key : fields.keys()) {
            Node value = fields.value(key);
            if (Context.absent(value)) {
                cx.report(fields.path(key), fields.keyNode(key), "has no value; write an empty value as \"\"");
                continue;
            }
            String text = scalar(fields.path(key), value, "text");
            if (text != null) {
                out.put(key, text);
            }
        }
        return out;
    }
}
