package dev.kforge.validate;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link GoYaml#read}: a document in the plain block style nearly every manifest is written in is
 * read here in one pass over its lines, to the same values and line numbers snakeyaml-engine and
 * {@link GoYaml}'s converter give; any document outside that style is left to them ({@link #read} returns
 * {@code null}), so that nothing about go-yaml's verdicts depends on this class being complete.
 *
 * <p>The style read here: printable ASCII only (no tabs, no carriage returns); a block mapping or sequence at the
 * root; keys that are plain words of letters, digits and {@code _ . / -} starting with a letter, {@code _} or
 * {@code $}, each given once;
 * block mappings and sequences nested by indentation, a sequence also at its key's indentation, a mapping also on
 * an item's dash line; values that are plain one-line scalars, quoted ones without escapes, {@code {}},
 * {@code []} or literal block scalars ({@code |}, {@code |-}) whose first line sets the indentation; comments. Anything
 * else — flow collections, folded and other block scalars, anchors, aliases, tags, merge keys, multi-line scalars, keys that resolve
 * to something other than text, a key given twice, empty items, values JSON cannot hold, and every syntax error —
 * is outside and goes the slow way, which reports it as go-yaml would.
 */
final class BlockYaml {

    /** Deeper documents go the slow way, which applies {@link GoYaml#MAX_DEPTH}. */
    private static final int MAX_DEPTH = 64;
    /** YAML's limit on an implicit key's length; longer keys go the slow way, which refuses them. */
    private static final int MAX_KEY = 1000;

    /** The document is not in the style this class reads. */
    private static final class Outside extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Outside INSTANCE = new Outside();

        private Outside() {
            super(null, null, false, false);
        }
    }

    private final String body;
    private final int base;
    /** Per line: where it starts, where its content starts (-1 for a blank or comment line), where it ends. */
    private final int[] lineStart;
    private final int[] content;
    private final int[] lineEnd;
    private final IdentityHashMap<Object, Object> lines = new IdentityHashMap<>();
    /** The next line to read. */
    private int line;
    /** Where the first key of a mapping on an item's dash line starts, or -1. */
    private int resume = -1;

    private BlockYaml(String body, int base, int[] lineStart, int[] content, int[] lineEnd) {
        this.body = body;
        this.base = base;
        this.lineStart = lineStart;
        this.content = content;
        this.lineEnd = lineEnd;
    }

    /**
     * The document {@code body} (line breaks already as go-yaml sees them), whose first line is line {@code base}
     * of its file; {@code null} when it is not in the style this class reads.
     */
    static GoYaml.Document read(String body, int base) {
        int n = body.length();
        int count = 1;
        for (int i = 0; i < n; i++) {
            char c = body.charAt(i);
            if (c == '\n') {
                count++;
            } else if (c < 0x20 || c > 0x7e) {
                return null;
            }
        }
        int[] starts = new int[count];
        int[] contents = new int[count];
        int[] ends = new int[count];
        for (int l = 0, at = 0; l < count; l++) {
            int end = body.indexOf('\n', at);
            end = end < 0 ? n : end;
            int c = at;
            while (c < end && body.charAt(c) == ' ') {
                c++;
            }
            if (c == at && end - at >= 3 && (body.startsWith("---", at) || body.startsWith("...", at))) {
                return null; // document markers
            }
            starts[l] = at;
            contents[l] = c == end || body.charAt(c) == '#' ? -1 : c;
            ends[l] = end;
            at = end + 1;
        }
        BlockYaml reader = new BlockYaml(body, base, starts, contents, ends);
        try {
            return reader.document();
        } catch (Outside | GoYaml.Refused e) {
            return null;
        }
    }

    private GoYaml.Document document() {
        int first = next(0);
        if (first < 0) {
            throw Outside.INSTANCE;
        }
        line = first;
        Object root = node(indent(first), 0);
        if (next(line) >= 0) {
            throw Outside.INSTANCE; // a line indented less than the root
        }
        return new GoYaml.Document(root, null, 0, null, 0, lines, base + first);
    }

    /** A block mapping whose keys stand at column {@code indent}, from the current line. */
    private Map<String, Object> mapping(int indent, int depth) {
        if (depth > MAX_DEPTH) {
            throw Outside.INSTANCE;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<Object, Integer> keyLines = new LinkedHashMap<>();
        while (true) {
            int from;
            if (resume >= 0) {
                from = resume;
                resume = -1;
            } else {
                int l = next(line);
                if (l < 0 || indent(l) < indent) {
                    break;
                }
                if (indent(l) > indent || isDash(content[l], lineEnd[l])) {
                    throw Outside.INSTANCE;
                }
                line = l;
                from = content[l];
            }
            int keyLine = line;
            int end = lineEnd[keyLine];
            int colon = keyEnd(from, end);
            if (colon < 0) {
                throw Outside.INSTANCE;
            }
            String key = body.substring(from, colon);
            if (!(GoScalars.resolvePlain(key, true, base + keyLine) instanceof String) || out.containsKey(key)) {
                throw Outside.INSTANCE;
            }
            int v = colon + 1;
            while (v < end && body.charAt(v) == ' ') {
                v++;
            }
            Object value;
            line = keyLine + 1;
            if (v == end || body.charAt(v) == '#') {
                int l = next(line);
                if (l >= 0 && indent(l) > indent) {
                    line = l;
                    value = node(indent(l), depth + 1);
                } else if (l >= 0 && indent(l) == indent && isDash(content[l], lineEnd[l])) {
                    line = l;
                    value = sequence(indent, depth + 1);
                } else {
                    value = null;
                }
            } else {
                value = scalar(v, end, keyLine, indent);
                noContinuation(indent);
            }
            out.put(key, value);
            keyLines.put(key, base + keyLine);
        }
        lines.put(out, keyLines);
        return out;
    }

    /** A block sequence whose dashes stand at column {@code indent}, from the current line. */
    private List<Object> sequence(int indent, int depth) {
        if (depth > MAX_DEPTH) {
            throw Outside.INSTANCE;
        }
        List<Object> out = new ArrayList<>();
        int[] itemLines = new int[8];
        while (true) {
            int l = next(line);
            if (l < 0 || indent(l) < indent || indent(l) == indent && !isDash(content[l], lineEnd[l])) {
                break; // the sequence ends; a key at its indentation belongs to the mapping that holds it
            }
            if (indent(l) > indent) {
                throw Outside.INSTANCE;
            }
            int end = lineEnd[l];
            int c = content[l] + 1;
            while (c < end && body.charAt(c) == ' ') {
                c++;
            }
            if (out.size() == itemLines.length) {
                itemLines = java.util.Arrays.copyOf(itemLines, itemLines.length * 2);
            }
            if (c == end || body.charAt(c) == '#') {
                int m = next(l + 1);
                if (m < 0 || indent(m) <= indent) {
                    throw Outside.INSTANCE; // an empty item
                }
                line = m;
                itemLines[out.size()] = base + m;
                out.add(node(indent(m), depth + 1));
            } else if (isDash(c, end)) {
                throw Outside.INSTANCE; // a sequence on the dash line
            } else if (keyEnd(c, end) >= 0) {
                line = l;
                resume = c;
                itemLines[out.size()] = base + l;
                out.add(mapping(c - lineStart[l], depth + 1));
            } else {
                itemLines[out.size()] = base + l;
                line = l + 1;
                out.add(scalar(c, end, l, indent));
                noContinuation(indent);
            }
        }
        lines.put(out, java.util.Arrays.copyOf(itemLines, out.size()));
        return out;
    }

    /** A mapping or sequence starting on the current line, at column {@code indent}. */
    private Object node(int indent, int depth) {
        return isDash(content[line], lineEnd[line]) ? sequence(indent, depth) : mapping(indent, depth);
    }

    /**
     * A scalar from {@code from} on line {@code at}: to the end of the line (or a comment), or a literal block
     * scalar on the lines after it, in a collection at column {@code parent}.
     */
    private Object scalar(int from, int end, int at, int parent) {
        char c = body.charAt(from);
        if (c == '|') {
            return literal(from, end, at, parent);
        }
        if ((c == '{' || c == '[') && from + 1 < end && body.charAt(from + 1) == (c == '{' ? '}' : ']')) {
            afterToken(from + 2, end);
            if (c == '[') {
                List<Object> empty = new ArrayList<>(0);
                lines.put(empty, new int[0]);
                return empty;
            }
            Map<String, Object> empty = new LinkedHashMap<>();
            lines.put(empty, new LinkedHashMap<Object, Integer>());
            return empty;
        }
        if (c == '"' || c == '\'') {
            int close = body.indexOf(c, from + 1);
            if (close < 0 || close >= end || c == '"' && body.lastIndexOf('\\', close) > from) {
                throw Outside.INSTANCE; // escapes, or a quote over several lines
            }
            afterToken(close + 1, end);
            return body.substring(from + 1, close);
        }
        boolean start = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "_./+~$()=^;\\".indexOf(c) >= 0
                || c == '-' && from + 1 < end && body.charAt(from + 1) != ' ';
        if (!start) {
            throw Outside.INSTANCE;
        }
        int stop = end;
        for (int i = from + 1; i < end; i++) {
            char ch = body.charAt(i);
            if (ch == ':' && (i + 1 == end || body.charAt(i + 1) == ' ')) {
                throw Outside.INSTANCE;
            }
            if (ch == '#' && body.charAt(i - 1) == ' ') {
                stop = i;
                break;
            }
        }
        while (body.charAt(stop - 1) == ' ') {
            stop--;
        }
        return GoScalars.resolvePlain(body.substring(from, stop), false, base + at);
    }

    /**
     * A literal block scalar, {@code |} (one final line break) or {@code |-} (none), whose first line is not empty
     * and sets the indentation; empty lines inside it count, those after it do not. Leaves {@link #line} on the line
     * after it.
     */
    private String literal(int from, int end, int at, int parent) {
        boolean strip = from + 2 == end && body.charAt(from + 1) == '-';
        if (from + 1 != end && !strip || at + 1 >= content.length) {
            throw Outside.INSTANCE; // another header: +, an indentation indicator, a comment
        }
        int first = at + 1;
        int indent = spaces(first);
        if (lineStart[first] + indent == lineEnd[first] || indent <= parent) {
            throw Outside.INSTANCE; // the indentation is not set by the first line
        }
        StringBuilder out = new StringBuilder();
        int last = first;
        int l = first;
        for (; l < content.length; l++) {
            int length = lineEnd[l] - lineStart[l];
            int spaces = spaces(l);
            if (spaces == length) {
                if (length > indent) {
                    throw Outside.INSTANCE; // white space beyond the indentation: content of an empty-looking line
                }
                continue;
            }
            if (spaces < indent) {
                break;
            }
            for (int k = last; k < l; k++) {
                out.append('\n');
            }
            out.append(body, lineStart[l] + indent, lineEnd[l]);
            last = l;
        }
        if (!strip && lineEnd[last] < body.length()) {
            out.append('\n');
        }
        line = l;
        return out.toString();
    }

    /** The spaces line {@code l} starts with. */
    private int spaces(int l) {
        int c = lineStart[l];
        while (c < lineEnd[l] && body.charAt(c) == ' ') {
            c++;
        }
        return c - lineStart[l];
    }

    /** Only white space and a comment may follow a quoted scalar or an empty collection on its line. */
    private void afterToken(int from, int end) {
        int r = from;
        if (r < end) {
            if (body.charAt(r) != ' ') {
                throw Outside.INSTANCE;
            }
            while (r < end && body.charAt(r) == ' ') {
                r++;
            }
            if (r < end && body.charAt(r) != '#') {
                throw Outside.INSTANCE;
            }
        }
    }

    /** A scalar ends its line: a line indented more than {@code indent} after it would continue it. */
    private void noContinuation(int indent) {
        int l = next(line);
        if (l >= 0 && indent(l) > indent) {
            throw Outside.INSTANCE;
        }
    }

    /** Where the {@code :} after a plain key starting at {@code from} stands, or -1 if there is no such key. */
    private int keyEnd(int from, int end) {
        char c = body.charAt(from);
        if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$')) {
            return -1;
        }
        int e = from + 1;
        while (e < end && e - from <= MAX_KEY) {
            char k = body.charAt(e);
            if (k >= 'a' && k <= 'z' || k >= 'A' && k <= 'Z' || k >= '0' && k <= '9' || k == '_' || k == '.'
                    || k == '/' || k == '-') {
                e++;
            } else {
                break;
            }
        }
        if (e >= end || body.charAt(e) != ':' || e - from > MAX_KEY || e + 1 < end && body.charAt(e + 1) != ' ') {
            return -1;
        }
        return e;
    }

    private boolean isDash(int at, int end) {
        return body.charAt(at) == '-' && (at + 1 == end || body.charAt(at + 1) == ' ');
    }

    /** The first line from {@code from} on with content, or -1. */
    private int next(int from) {
        for (int l = from; l < content.length; l++) {
            if (content[l] >= 0) {
                return l;
            }
        }
        return -1;
    }

    private int indent(int l) {
        return content[l] - lineStart[l];
    }
}
