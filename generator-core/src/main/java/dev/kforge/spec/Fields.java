package dev.kforge.spec;

import dev.kforge.api.Checks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The entries of one YAML map, checked once for what every map in a spec must satisfy: text keys, no key twice,
 * only the keys allowed at that place. Typed getters convert values and report problems under the entry's path.
 */
final class Fields {

    private final Context cx;
    private final String path;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private Fields(Context cx, String path) {
        this.cx = cx;
        this.path = path;
    }

    /**
     * The map at {@code node}: empty when the node is absent, {@code null} (with a problem) when it is not a map.
     *
     * @param what    what the map holds, for messages: "a map of service name to service settings"
     * @param allowed the keys allowed, or {@code null} when keys are names chosen by the user
     */
    static Fields of(Context cx, String path, Node node, String what, Collection<String> allowed) {
        Fields fields = new Fields(cx, path);
        if (Context.absent(node)) {
            return fields;
        }
        if (!(node instanceof MappingNode map)) {
            cx.report(path, node, "expected " + what + ", found " + Context.describe(node));
            return null;
        }
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || Context.absent(keyNode)) {
                cx.report(path, keyNode, "a key must be text, found " + Context.describe(keyNode));
                continue;
            }
            String key = scalar.getValue();
            String keyPath = Context.join(path, key);
            NodeTuple earlier = fields.entries.get(key);
            if (earlier != null) {
                // snakeyaml's duplicate-key check lives in its Constructor, which the Compose API never runs
                cx.report(keyPath, keyNode, "duplicate key '" + Checks.printable(key) + "'; it is already set on line "
                        + Context.line(earlier.getKeyNode()) + "; keep one");
                continue;
            }
            if (allowed != null && !allowed.contains(key)) {
                cx.report(keyPath, keyNode, unknownKey(key, allowed));
                continue;
            }
            cx.mark(keyPath, keyNode);
            fields.entries.put(key, tuple);
        }
        return fields;
    }

    static String unknownKey(String key, Collection<String> allowed) {
        String suggestion = Checks.closest(key, allowed);
        if (suggestion != null) {
            return "unknown key '" + Checks.printable(key) + "'; did you mean '" + suggestion + "'?";
        }
        return "unknown key '" + Checks.printable(key) + "'; allowed keys: " + String.join(", ", allowed);
    }

    String path() {
        return path;
    }

    String path(String key) {
        return Context.join(path, key);
    }

    Set<String> keys() {
        return entries.keySet();
    }

    boolean has(String key) {
        return entries.containsKey(key) && !Context.absent(value(key));
    }

    Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getKeyNode();
    }

    Node value(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    /** The nested map at {@code key}, or {@code null} when it is not given or not a map. */
    Fields map(String key, String what, Collection<String> allowed) {
        if (!has(key)) {
            return null;
        }
        return of(cx, path(key), value(key), what, allowed);
    }

    String text(String key) {
        return cx.values().text(path(key), value(key));
    }

    Integer whole(String key) {
        return cx.values().whole(path(key), value(key));
    }

    Long wholeLong(String key) {
        return cx.values().wholeLong(path(key), value(key));
    }

    BigDecimal decimal(String key) {
        return cx.values().decimal(path(key), value(key));
    }

    Boolean bool(String key) {
        return cx.values().bool(path(key), value(key));
    }

    <E> E choice(String key, String what, Map<String, E> options) {
        return cx.values().choice(path(key), value(key), what, options);
    }

    List<Node> items(String key, String what) {
        return cx.values().items(path(key), value(key), what);
    }

    List<String> texts(String key, String what) {
        return cx.values().texts(path(key), value(key), what);
    }

    List<Integer> wholes(String key, String what) {
        return cx.values().wholes(path(key), value(key), what);
    }

    Map<String, String> textMap(String key, String what) {
        return cx.values().textMap(path(key), value(key), what);
    }

    /** Reads a value from the entry {@code name} at {@code path} of a map whose keys are names the user chose. */
    interface EntryReader<T> {
        T read(String name, String path, Node body);
    }

    /** Reads each entry of the map at {@code key}, whose keys the user chose; entries that fail are left out. */
    <T> List<T> named(String key, String what, EntryReader<T> reader) {
        List<T> out = new ArrayList<>();
        Fields entries = map(key, "a map of " + what, null);
        if (entries == null) {
            return out;
        }
        for (String name : entries.keys()) {
            T value = reader.read(name, entries.path(name), entries.value(name));
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    /** Reads each map in the list at {@code key}; items that are not maps or fail to build are left out. */
    <T> List<T> listOf(String key, String what, List<String> allowed, Function<Fields, T> reader) {
        List<T> out = new ArrayList<>();
        List<Node> items = items(key, what);
        for (int i = 0; i < items.size(); i++) {
            Fields item = Fields.of(cx, path(key) + "." + i, items.get(i),
                    "a map of " + String.join(", ", allowed), allowed);
            if (item == null) {
                continue;
            }
            if (Context.absent(items.get(i))) {
                cx.report(item.path(), items.get(i), "is empty; remove it or fill it in");
                continue;
            }
            T value = reader.apply(item);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    /** The options of a {@link #choice}: each of {@code values} by the word a spec writes for it, in their order. */
    static <E> Map<String, E> words(E[] values, Function<E, String> word) {
        Map<String, E> out = new LinkedHashMap<>();
        for (E value : values) {
            out.put(word.apply(value), value);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Reports {@code key} as missing when it is not given; returns whether it is given. */
    boolean require(String key, String hint) {
        if (has(key)) {
            return true;
        }
        cx.reportAt(path(key), "is required" + (hint == null ? "" : "; " + hint));
        return false;
    }
}
