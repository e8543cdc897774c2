package dev.kforge.validate;

import dev.kforge.validate.GoYaml.Refused;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.kforge.validate.GoYaml.IMPLICIT;
import static dev.kforge.validate.GoYaml.MAX_DEPTH;

/**
 * Node graph to plain values with go-yaml v2's rules: aliases and merge keys (bounded by go-yaml's "excessive
 * aliasing" rule), keys set twice, keys made strings, tagged scalars, and the tabs in a block scalar's
 * indentation that go-yaml refuses and snakeyaml-engine reads. One converter reads one document.
 */
final class NodeConverter {

    private static final long MAX_DECODES = 5_000_000;
    private static final Tag MERGE = new Tag(Tag.PREFIX + "merge");
    private static final Tag TIMESTAMP = new Tag(Tag.PREFIX + "timestamp");
    private static final Tag BINARY = new Tag(Tag.PREFIX + "binary");

    private final int base;
    private final IdentityHashMap<Node, Boolean> defined = new IdentityHashMap<>();
    private final IdentityHashMap<Node, Boolean> expanding = new IdentityHashMap<>();
    final IdentityHashMap<Object, Object> lines = new IdentityHashMap<>();
    private long decodes;
    private long aliasDecodes;
    private int aliasDepth;
    String duplicate;
    int duplicateLine;
    /** A map key is being read: go-yaml keeps .inf and .nan there, sigs.k8s.io/yaml writes them as text. */
    private boolean keyContext;

    /** The text read, for go-yaml's checks of block scalar indentation that snakeyaml does not make. */
    private final String body;
    private int[] lineStarts;
    private final IdentityHashMap<Node, Boolean> blocksChecked = new IdentityHashMap<>();

    NodeConverter(int base, String body) {
        this.base = base;
        this.body = body;
    }

    private int line(Node n) {
        return base + n.getStartMark().map(Mark::getLine).orElse(0);
    }

    Object value(Node n, int depth) {
        if (depth > MAX_DEPTH) {
            throw new Refused(line(n), "nests lists and maps deeper than " + MAX_DEPTH
                    + " levels; kforge does not read manifests this deep");
        }
        boolean alias = n.getAnchor().isPresent() && defined.containsKey(n);
        if (n.getAnchor().isPresent() && !alias) {
            defined.put(n, Boolean.TRUE);
        }
        if (alias) {
            if (expanding.containsKey(n)) {
                throw new Refused(line(n), "anchor '" + n.getAnchor().get().getValue() + "' value contains itself");
            }
            expanding.put(n, Boolean.TRUE);
            aliasDepth++;
            try {
                return decode(n, depth);
            } finally {
                aliasDepth--;
                expanding.remove(n);
            }
        }
        if (n.getAnchor().isPresent()) {
            expanding.put(n, Boolean.TRUE);
            try {
                return decode(n, depth);
            } finally {
                expanding.remove(n);
            }
        }
        return decode(n, depth);
    }

    private Object decode(Node n, int depth) {
        count(n);
        if (n instanceof ScalarNode s) {
            return scalar(s);
        }
        if (n instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            List<Object> out = new ArrayList<>(items.size());
            int[] itemLines = new int[items.size()];
            for (int i = 0; i < items.size(); i++) {
                itemLines[i] = line(items.get(i));
                checkBlockIndentation(items.get(i), -1); // the item's own dash
                out.add(value(items.get(i), depth + 1));
            }
            lines.put(out, itemLines);
            return out;
        }
        MappingNode map = (MappingNode) n;
        Map<Object, Object> typed = new LinkedHashMap<>();
        Map<Object, Integer> keyLines = new LinkedHashMap<>();
        mapping(map, typed, keyLines, depth);
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, typed.size() * 2));
        Map<Object, Integer> stringLines = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : typed.entrySet()) {
            String key = GoScalars.keyString(e.getKey(), keyLines.get(e.getKey()));
            out.put(key, e.getValue());
            stringLines.put(key, keyLines.get(e.getKey()));
        }
        lines.put(out, stringLines);
        return out;
    }

    /**
     * go-yaml refuses a tab met before a block scalar's indentation is complete ("found a tab character where an
     * indentation space is expected"), on any of its lines and the line after it; snakeyaml-engine takes the
     * tab for content or for the end of the scalar. {@code parentIndent} is the column of the collection that
     * holds the scalar: its key's, or its sequence's dash.
     */
    private void checkBlockIndentation(Node n, int parentIndent) {
        if (!(n instanceof ScalarNode s) || s.getScalarStyle() != ScalarStyle.LITERAL
                && s.getScalarStyle() != ScalarStyle.FOLDED || s.getStartMark().isEmpty()
                || blocksChecked.put(n, Boolean.TRUE) != null) {
            return;
        }
        if (lineStarts == null) {
            List<Integer> starts = new ArrayList<>();
            for (int at = 0; at >= 0; at = GoYaml.nextLineStart(body, at)) {
                starts.add(at);
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }
        // the node starts at its anchor or tag, if it has one: the header (| or >) follows them
        int at = GoYaml.offset(body, s.getStartMark().get());
        while (at >= 0 && at < body.length() && (body.charAt(at) == '&' || body.charAt(at) == '!')) {
            while (at < body.length() && " \t\r\n".indexOf(body.charAt(at)) < 0) {
                at++;
            }
            while (at < body.length() && (body.charAt(at) == ' ' || body.charAt(at) == '\t')) {
                at++;
            }
        }
        if (at < 0 || at >= body.length() || body.charAt(at) != '|' && body.charAt(at) != '>') {
            return; // a header on a line of its own after the anchor: left to snakeyaml
        }
        int header = java.util.Arrays.binarySearch(lineStarts, at);
        header = header >= 0 ? header : -header - 2;
        if (parentIndent < 0) {
            parentIndent = dashColumn(lineStarts[header], at);
        }
        // an explicit indentation indicator (|2, >-1) fixes the indentation
        int indent = 0;
        for (int i = at + 1; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c >= '1' && c <= '9') {
                indent = parentIndent + (c - '0');
                break;
            }
            if (c != '+' && c != '-') {
                break;
            }
        }
        int maxIndent = 0;
        boolean content = false;
        for (int line = header + 1; line < lineStarts.length; line++) {
            String text = lineText(line);
            int col = 0;
            while ((indent == 0 || col < indent) && col < text.length() && text.charAt(col) == ' ') {
                col++;
            }
            maxIndent = Math.max(maxIndent, col);
            if ((indent == 0 || col < indent) && col < text.length() && text.charAt(col) == '\t') {
                throw new Refused(base + line, "invalid YAML: found a tab character where an indentation space is "
                        + "expected (in the block scalar that starts on line " + (base + header) + ")");
            }
            if (col >= text.length() || text.charAt(col) == '\r' || text.charAt(col) == '\n') {
                continue; // an empty line belongs to the scalar
            }
            if (!content && indent == 0) {
                indent = Math.max(Math.max(maxIndent, parentIndent + 1), 1);
            }
            content = true;
            if (col < indent) {
                return; // a line indented less ends the scalar
            }
        }
    }

    /** The column of the sequence dash before {@code at} on the line starting at {@code lineStart}, or 0. */
    private int dashColumn(int lineStart, int at) {
        for (int i = at - 1; i >= lineStart; i--) {
            boolean dash = body.charAt(i) == '-' && i + 1 < body.length()
                    && (body.charAt(i + 1) == ' ' || body.charAt(i + 1) == '\t')
                    && (i == lineStart || body.charAt(i - 1) == ' ' || body.charAt(i - 1) == '\t');
            if (dash) {
                return body.codePointCount(lineStart, i);
            }
        }
        return 0;
    }

    /** The text of a line, its line break included. */
    private String lineText(int line) {
        int to = line + 1 < lineStarts.length ? lineStarts[line + 1] : body.length();
        return body.substring(lineStarts[line], to);
    }

    private void count(Node n) {
        decodes++;
        if (aliasDepth > 0) {
            aliasDecodes++;
        }
        if (aliasDecodes > 100 && decodes > 1000 && (double) aliasDecodes / decodes > allowedAliasRatio(decodes)
                || decodes > MAX_DECODES) {
            throw new Refused(line(n), "document contains excessive aliasing");
        }
    }

    private static double allowedAliasRatio(long decodes) {
        if (decodes <= 400_000) {
            return 0.99;
        }
        if (decodes >= 4_000_000) {
            return 0.10;
        }
        return 0.99 - 0.89 * ((decodes - 400_000) / 3_600_000.0);
    }

    private void mapping(MappingNode map, Map<Object, Object> out, Map<Object, Integer> keyLines, int depth) {
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            if (isMerge(k)) {
                merge(t.getValueNode(), out, keyLines, depth);
                continue;
            }
            Object key;
            keyContext = k instanceof ScalarNode;
            try {
                key = value(k, depth + 1);
            } finally {
                keyContext = false;
            }
            if (key instanceof Map<?, ?> || key instanceof List<?>) {
                throw new Refused(line(k), "invalid map key: a list or map cannot be a key");
            }
            checkBlockIndentation(t.getValueNode(), k.getStartMark().map(Mark::getColumn).orElse(0));
            Object v = value(t.getValueNode(), depth + 1);
            put(out, keyLines, key, v, line(k), line(t.getValueNode()));
        }
    }

    private void put(Map<Object, Object> out, Map<Object, Integer> keyLines, Object key, Object v, int keyLine,
                     int valueLine) {
        // NaN is never equal to itself in go-yaml's map, so two .nan keys are no duplicate
        boolean nan = key instanceof Double d && d.isNaN();
        if (!nan && out.containsKey(key) && duplicate == null) {
            duplicate = key instanceof Double d ? GoScalars.keyString(d, keyLine) : String.valueOf(key);
            duplicateLine = valueLine;
        }
        out.put(key, v);
        keyLines.put(key, keyLine);
    }

    private boolean isMerge(Node k) {
        return k instanceof ScalarNode s && "<<".equals(s.getValue())
                && (s.getTag().equals(MERGE) || s.getTag().equals(IMPLICIT) && s.getScalarStyle() == ScalarStyle.PLAIN);
    }

    private void merge(Node v, Map<Object, Object> out, Map<Object, Integer> keyLines, int depth) {
        if (v instanceof MappingNode m) {
            mergeOne(m, out, keyLines, depth);
        } else if (v instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = items.size() - 1; i >= 0; i--) {
                if (!(items.get(i) instanceof MappingNode m)) {
                    throw new Refused(line(items.get(i)), "map merge requires map or sequence of maps as the value");
                }
                mergeOne(m, out, keyLines, depth);
            }
        } else {
            throw new Refused(line(v), "map merge requires map or sequence of maps as the value");
        }
    }

    private void mergeOne(MappingNode m, Map<Object, Object> out, Map<Object, Integer> keyLines, int depth) {
        boolean alias = m.getAnchor().isPresent() && defined.containsKey(m);
        if (m.getAnchor().isPresent() && !alias) {
            defined.put(m, Boolean.TRUE);
        }
        if (alias && expanding.containsKey(m)) {
            throw new Refused(line(m), "anchor '" + m.getAnchor().get().getValue() + "' value contains itself");
        }
        expanding.put(m, Boolean.TRUE);
        if (alias) {
            aliasDepth++;
        }
        try {
            count(m);
            mapping(m, out, keyLines, depth + 1);
        } finally {
            if (alias) {
                aliasDepth--;
            }
            expanding.remove(m);
        }
    }

    private Object scalar(ScalarNode s) {
        String in = s.getValue();
        Tag tag = s.getTag();
        if (tag.equals(IMPLICIT)) {
            if (s.getScalarStyle() != ScalarStyle.PLAIN) {
                return in;
            }
            return GoScalars.resolvePlain(in, keyContext, line(s));
        }
        if (tag.equals(Tag.STR)) {
            return in;
        }
        if (tag.equals(BINARY)) {
            try {
                byte[] bytes = Base64.getDecoder().decode(in.replace("\n", "").replace("\r", ""));
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Refused(line(s), "!!binary value contains invalid base64 data");
            }
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL) || tag.equals(Tag.NULL)
                || tag.equals(TIMESTAMP)) {
            Object v = GoScalars.resolvePlain(in, keyContext, line(s));
            boolean ok = tag.equals(Tag.INT) ? v instanceof Long || v instanceof BigInteger
                    : tag.equals(Tag.FLOAT) ? v instanceof Double || v instanceof Long || v instanceof BigInteger
                    : tag.equals(Tag.BOOL) ? v instanceof Boolean
                    : tag.equals(Tag.NULL) ? v == null
                    : v instanceof String;
            if (!ok) {
                throw new Refused(line(s), "cannot decode `" + GoYaml.printable(in) + "` as a " + tag.getValue()
                        .substring(Tag.PREFIX.length()));
            }
            if (tag.equals(Tag.FLOAT) && !(v instanceof Double)) {
                return ((Number) v).doubleValue();
            }
            return v;
        }
        // any other tag: go-yaml keeps the text
        return in;
    }
}
