package dev.kforge.validate;

import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.events.DocumentEndEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ParserException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.Schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads manifests the way kubeconform does, so that verdicts agree on any input:
 * <ul>
 *   <li>a file is cut into documents at every line starting with {@code ---} (the rest of that line is dropped),
 *       exactly like kubeconform's {@code SplitYAMLDocument}; only the first YAML document of each piece counts;</li>
 *   <li>scalars are resolved like go-yaml v2 (what {@code sigs.k8s.io/yaml} uses): YAML 1.1 booleans ({@code yes},
 *       {@code on}, ...), integers in any base ({@code 0x1F}, {@code 0755} octal, {@code 1_000}), floats
 *       ({@code 1e3}, {@code 08}), merge keys ({@code <<}); quoted and block scalars are strings;</li>
 *   <li>a key set twice in a map (also through a merge) is an error, as in {@code yaml.UnmarshalStrict};</li>
 *   <li>keys become strings as {@code sigs.k8s.io/yaml} makes them ({@code .inf} too); a null, list or map key is
 *       an error, and so is a key beyond a signed 64-bit integer, or {@code .nan} or {@code .inf} as a value (JSON
 *       cannot hold them);</li>
 *   <li>YAML 1.1's line breaks NEL, LINE and PARAGRAPH SEPARATOR break lines; tabs between tokens are white space
 *       where go-yaml takes them so (after {@code key:}, an anchor, a tag, a quoted scalar); a directive line ends
 *       the document; a tab before a block scalar's indentation is an error; a block scalar with no line indented
 *       enough is empty text;</li>
 *   <li>alias expansion is bounded by go-yaml's own "excessive aliasing" rule.</li>
 * </ul>
 * What kforge adds for safety: a size limit per file and a nesting limit (see the constants), reported as problems.
 */
final class GoYaml {

    static final int MAX_CHARS = 32 * 1024 * 1024;
    static final int MAX_DEPTH = 256;
    /**
     * Text go-yaml reads but snakeyaml-engine refuses is rewritten one place at a time, each time read again: as
     * many times as reading 64 Mi characters allows (thousands for a usual manifest), at most this many.
     */
    private static final int MAX_REPAIRS = 10_000;
    private static final long MAX_DECODES = 5_000_000;
    private static final Tag IMPLICIT = new Tag("tag:kforge.dev,2026:implicit");
    private static final Tag MERGE = new Tag(Tag.PREFIX + "merge");
    private static final Tag TIMESTAMP = new Tag(Tag.PREFIX + "timestamp");
    private static final Tag BINARY = new Tag(Tag.PREFIX + "binary");
    private static final Pattern YAML_STYLE_FLOAT =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private static final Pattern DECIMAL_FLOAT = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(e[-+]?\\d+)?");
    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setUseMarks(true)
            .setAllowDuplicateKeys(true)
            .setAllowRecursiveKeys(true)
            .setMaxAliasesForCollections(Integer.MAX_VALUE)
            .setCodePointLimit(Integer.MAX_VALUE)
            .setSchema(ImplicitSchema.INSTANCE)
            .build();

    private GoYaml() {
    }

    /** A piece of a file between {@code ---} lines: its text and the line (1-based) it starts on. */
    record Chunk(String text, int line) {
    }

    /** A document read into plain values, with the lines of its map keys and list items; or why it can't be read. */
    static final class Document {
        final Object root;
        final String error;
        final int errorLine;
        /** The first key set twice (kubeconform's strict reading fails on it), or null. */
        final String duplicate;
        final int duplicateLine;
        final IdentityHashMap<Object, Object> lines;
        final int line;

        Document(Object root, String error, int errorLine, String duplicate, int duplicateLine,
                 IdentityHashMap<Object, Object> lines, int line) {
            this.root = root;
            this.error = error;
            this.errorLine = errorLine;
            this.duplicate = duplicate;
            this.duplicateLine = duplicateLine;
            this.lines = lines;
            this.line = line;
        }

        /** The line of a map key or list item inside {@code container}, or -1. */
        @SuppressWarnings("unchecked")
        int lineOf(Object container, Object keyOrIndex) {
            Object l = lines.get(container);
            if (l instanceof Map<?, ?> m) {
                Integer line = ((Map<Object, Integer>) m).get(keyOrIndex);
                return line == null ? -1 : line;
            }
            if (l instanceof int[] items && keyOrIndex instanceof Integer i && i >= 0 && i < items.length) {
                return items[i];
            }
            return -1;
        }
    }

    /** Cuts {@code text} like kubeconform's {@code bufio.Scanner} with {@code SplitYAMLDocument}. */
    static List<Chunk> split(String text) {
        List<Chunk> out = new ArrayList<>();
        int pos = 0;
        int line = 1;
        int n = text.length();
        while (pos < n) {
            int i = text.indexOf("\n---", pos);
            if (i < 0) {
                out.add(new Chunk(text.substring(pos), line));
                break;
            }
            int afterSep = i + 4;
            if (afterSep == n) {
                // "\n---" at the very end: the document before it, then nothing
                out.add(new Chunk(text.substring(pos, i), line));
                break;
            }
            int j = text.indexOf('\n', afterSep);
            if (j < 0) {
                // a last "---..." line without a newline: bufio.Scanner never gets a token, the rest is dropped
                break;
            }
            out.add(new Chunk(text.substring(pos, i), line));
            line += countLines(text, pos, j + 1);
            pos = j + 1;
        }
        return out;
    }

    private static int countLines(String s, int from, int to) {
        int count = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                count++;
            }
        }
        return count;
    }

    /** Reads the first YAML document of a chunk. Never throws. */
    static Document read(Chunk chunk) {
        String body = chunk.text();
        int base = chunk.line();
        if (body.startsWith("\uFEFF")) {
            body = body.substring(1);
        }
        if (body.length() > MAX_CHARS) {
            return failed("is larger than " + MAX_CHARS + " characters; kforge does not read manifests this large",
                    base);
        }
        body = goLineBreaks(body);
        Document plain = BlockYaml.read(body, base);
        return plain != null ? plain : compose(body, base);
    }

    /** Reads {@code body} (line breaks as go-yaml sees them) with snakeyaml-engine, whatever its style. */
    static Document compose(String body, int base) {
        Node node = null;
        int maxRepairs = (int) Math.min(MAX_REPAIRS, Math.max(8, (64L << 20) / Math.max(1, body.length())));
        for (int retry = 0; node == null; retry++) {
            Guard guard = new Guard(new ParserImpl(SETTINGS, new StreamReader(SETTINGS, body)), body);
            try {
                Composer composer = new Composer(SETTINGS, guard);
                if (!composer.hasNext()) {
                    return new Document(null, null, 0, null, 0, new IdentityHashMap<>(), base);
                }
                node = composer.next();
            } catch (MarkedYamlEngineException e) {
                String repaired = asGoYamlReadsIt(body, e);
                if (repaired == null) {
                    return unreadable(e, body, base, guard);
                }
                if (retry >= maxRepairs) {
                    return failed("invalid YAML: more than " + maxRepairs + " tabs or empty block scalars that "
                            + "Kubernetes reads but kforge re-reads one at a time; replace the tabs between tokens "
                            + "with spaces", base + e.getProblemMark().map(Mark::getLine).orElse(0));
                }
                body = repaired;
            } catch (RuntimeException | StackOverflowError e) {
                return unreadable(e, body, base, guard);
            }
        }
        Converter converter = new Converter(base, body);
        try {
            Object root = converter.value(node, 0);
            int line = base + node.getStartMark().map(Mark::getLine).orElse(0);
            return new Document(root, null, 0, converter.duplicate, converter.duplicateLine, converter.lines, line);
        } catch (Refused e) {
            return failed(e.getMessage(), e.line);
        } catch (StackOverflowError e) {
            return failed("nests too deeply to be read", base);
        }
    }

    /** The problem of a chunk that cannot be read. */
    private static Document unreadable(Throwable e, String body, int base, Guard guard) {
        if (e instanceof Refused r) {
            return failed(r.getMessage(), base + r.line - 1);
        }
        if (e instanceof MarkedYamlEngineException m) {
            Optional<Mark> mark = m.getProblemMark().isPresent() ? m.getProblemMark() : m.getContextMark();
            String problem = m.getProblem() == null ? "syntax error" : m.getProblem();
            return failed("invalid YAML: " + printable(problem), base + mark.map(Mark::getLine).orElse(0));
        }
        if (e instanceof ReaderException r) {
            int offset = body.offsetByCodePoints(0, Math.min(r.getPosition(), body.codePointCount(0, body.length())));
            return failed("contains the character U+" + String.format(Locale.ROOT, "%04X", r.getCodePoint())
                    + ", which YAML does not allow (is this a binary file?)", base + countLines(body, 0, offset));
        }
        if (e instanceof YamlEngineException y) {
            return failed("invalid YAML: " + printable(String.valueOf(y.getMessage())), base + guard.line() - 1);
        }
        return failed("cannot be read as YAML (" + e.getClass().getSimpleName() + ")", base + guard.line() - 1);
    }

    /**
     * go-yaml v2 (libyaml) takes NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR for line breaks, as YAML 1.1 does;
     * snakeyaml-engine reads YAML 1.2, where they are ordinary characters. Making them line feeds gives the
     * structure go-yaml sees (inside a quoted string the character becomes a folded space instead of itself: the
     * value stays a string).
     */
    static String goLineBreaks(String body) {
        if (body.indexOf('\u0085') < 0 && body.indexOf('\u2028') < 0 && body.indexOf('\u2029') < 0) {
            return body;
        }
        return body.replace('\u0085', '\n').replace('\u2028', '\n').replace('\u2029', '\n');
    }

    /**
     * {@code body} rewritten at the place snakeyaml-engine refused, so that it reads as go-yaml reads the original;
     * or null when go-yaml refuses it too (or kforge does not know better).
     */
    private static String asGoYamlReadsIt(String body, MarkedYamlEngineException e) {
        int tab = separatingTab(body, e);
        if (tab >= 0) {
            return body.substring(0, tab) + ' ' + body.substring(tab + 1);
        }
        int[] header = emptyBlockScalarHeader(body, e);
        if (header != null) {
            return body.substring(0, header[0]) + "\"" + "\\n".repeat(header[2]) + "\"" + body.substring(header[1]);
        }
        return null;
    }

    /**
     * A block scalar whose first non-empty line is indented less than the scalar needs ({@code key: |} followed by
     * a less indented key, or the end): go-yaml reads an empty string, snakeyaml-engine refuses it ("the leading
     * empty lines contain more spaces ... than the first non-empty line"). Returns the start and end offsets of the
     * header ({@code |}, {@code >-}, ...) to replace with a quoted string, and the number of line breaks that string
     * holds (a header that keeps them, {@code |+}, keeps one per empty line), or null.
     */
    static int[] emptyBlockScalarHeader(String body, MarkedYamlEngineException e) {
        if (e.getProblem() == null || !e.getProblem().contains("the leading empty lines contain more spaces")
                || e.getContextMark().isEmpty()) {
            return null;
        }
        int at = offset(body, e.getContextMark().get());
        if (at < 0 || at >= body.length() || body.charAt(at) != '|' && body.charAt(at) != '>') {
            return null;
        }
        int end = at + 1;
        while (end < body.length() && "-+123456789".indexOf(body.charAt(end)) >= 0) {
            end++;
        }
        int rest = end;
        while (rest < body.length() && (body.charAt(rest) == ' ' || body.charAt(rest) == '\t')) {
            rest++;
        }
        boolean headerEnds = rest >= body.length() || body.charAt(rest) == '\n' || body.charAt(rest) == '\r'
                || body.charAt(rest) == '#' && rest > end;
        if (!headerEnds) {
            return null;
        }
        int breaks = 0;
        if (body.substring(at, end).indexOf('+') >= 0) {
            // go-yaml keeps the line break of every empty line after the header's own
            for (int line = nextLineStart(body, rest); line >= 0; line = nextLineStart(body, line)) {
                int c = line;
                while (c < body.length() && body.charAt(c) == ' ') {
                    c++;
                }
                if (c >= body.length() || body.charAt(c) != '\n' && body.charAt(c) != '\r') {
                    break;
                }
                breaks++;
            }
        }
        return new int[] {at, end, breaks};
    }

    /** The offset in {@code body} of a mark's line and column, or -1. */
    private static int offset(String body, Mark mark) {
        int lineStart = 0;
        for (int line = 0; line < mark.getLine(); line++) {
            lineStart = nextLineStart(body, lineStart);
            if (lineStart < 0) {
                return -1;
            }
        }
        try {
            return body.offsetByCodePoints(lineStart, mark.getColumn());
        } catch (IndexOutOfBoundsException outside) {
            return -1;
        }
    }

    /**
     * The offset of a tab that snakeyaml-engine refused as the start of a token but go-yaml takes for white space,
     * or -1. go-yaml skips tabs between tokens where no simple key may start: after the {@code :} of a
     * {@code key:}, after an anchor, a tag or a quoted scalar. It refuses them, as snakeyaml does, in indentation
     * and after {@code -}, {@code ?} or a {@code :} that starts a line (a complex key's value).
     */
    static int separatingTab(String body, MarkedYamlEngineException e) {
        // snakeyaml says "found character '\t(TAB)' that cannot start any token", or after a tag "expected ' '"
        if (e.getProblem() == null || !(e.getProblem().startsWith("found character '\\t(TAB)'")
                || e.getProblem().startsWith("expected ' ', but found")) || e.getProblemMark().isEmpty()) {
            return -1;
        }
        int at = offset(body, e.getProblemMark().get());
        if (at < 0 || at >= body.length() || body.charAt(at) != '\t') {
            return -1;
        }
        int lineStart = at;
        while (lineStart > 0 && body.charAt(lineStart - 1) != '\n' && body.charAt(lineStart - 1) != '\r') {
            lineStart--;
        }
        String before = body.substring(lineStart, at).stripTrailing();
        if (before.isEmpty()) {
            return -1;
        }
        char last = before.charAt(before.length() - 1);
        boolean indicator = (last == '-' || last == '?')
                && (before.length() == 1 || before.charAt(before.length() - 2) == ' '
                || before.charAt(before.length() - 2) == '\t');
        boolean complexValue = last == ':' && before.strip().equals(":");
        return indicator || complexValue ? -1 : at;
    }

    /** The start of the line after the one starting at {@code from} (breaks as snakeyaml counts them), or -1. */
    private static int nextLineStart(String body, int from) {
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < body.length() && body.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }

    private static Document failed(String message, int line) {
        return new Document(null, message, line, null, 0, new IdentityHashMap<>(), line);
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c < 0x20 && c != '\n' || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString().replace('\n', ' ');
    }

    /** Resolves no tag: every untagged scalar keeps a marker tag, so that go-yaml's rules can be applied here. */
    private static final class ImplicitSchema implements Schema {
        static final ImplicitSchema INSTANCE = new ImplicitSchema();

        @Override
        public ScalarResolver getScalarResolver() {
            return (value, implicit) -> IMPLICIT;
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            return Map.of();
        }
    }

    /** Stops the composer at {@link #MAX_DEPTH} levels, before its recursion overflows the stack. */
    private static final class Guard extends dev.kforge.spec.GuardedParser {
        /** A directive go-yaml's scanner reads (an unknown or malformed one is an error there too). */
        private static final Pattern DIRECTIVE = Pattern.compile(
                "%(YAML[ \\t]+[0-9]+\\.[0-9]+|TAG[ \\t]+![-0-9A-Za-z]*!?[ \\t]+[^ \\t\\r\\n]+)[ \\t]*(#[^\\r\\n]*)?(\\r?\\n|$)");
        private final String body;

        Guard(Parser parser, String body) {
            super(parser, MAX_DEPTH);
            this.body = body;
        }

        /**
         * go-yaml ends a document at a directive ({@code %YAML}, {@code %TAG}) without {@code ...} before it, and
         * kubeconform reads only the first document of a piece; snakeyaml-engine (YAML 1.2) refuses the directive.
         * Set when that refusal came: the document has ended.
         */
        private Event implicitEnd;

        @Override
        protected RuntimeException tooDeep(int line, int limit) {
            return new Refused(line, "nests lists and maps deeper than " + limit
                    + " levels; kforge does not read manifests this deep");
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            try {
                return implicitEnd == null ? super.checkEvent(id) : id == Event.ID.DocumentEnd;
            } catch (ParserException e) {
                endAtDirective(e);
                return id == Event.ID.DocumentEnd;
            }
        }

        @Override
        public Event peekEvent() {
            try {
                return implicitEnd == null ? super.peekEvent() : implicitEnd;
            } catch (ParserException e) {
                endAtDirective(e);
                return implicitEnd;
            }
        }

        @Override
        public Event next() {
            try {
                return implicitEnd == null ? super.next() : implicitEnd;
            } catch (ParserException e) {
                endAtDirective(e);
                return implicitEnd;
            }
        }

        private void endAtDirective(ParserException e) {
            if (e.getProblem() == null || !e.getProblem().startsWith("expected '<document end>' before directives")
                    || e.getProblemMark().isEmpty()) {
                throw e;
            }
            int at = offset(body, e.getProblemMark().get());
            if (at < 0 || !DIRECTIVE.matcher(body).region(at, body.length()).lookingAt()) {
                throw e;
            }
            implicitEnd = new DocumentEndEvent(false, e.getProblemMark(), e.getProblemMark());
        }
    }

    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;

        Refused(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /** Node graph to plain values with go-yaml v2's rules. */
    private static final class Converter {
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

        Converter(int base, String body) {
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
                String key = keyString(e.getKey(), keyLines.get(e.getKey()));
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
                for (int at = 0; at >= 0; at = nextLineStart(body, at)) {
                    starts.add(at);
                }
                lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
            }
            // the node starts at its anchor or tag, if it has one: the header (| or >) follows them
            int at = offset(body, s.getStartMark().get());
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
                duplicate = key instanceof Double d ? keyString(d, keyLine) : String.valueOf(key);
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
                return resolvePlain(in, keyContext, line(s));
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
                Object v = resolvePlain(in, keyContext, line(s));
                boolean ok = tag.equals(Tag.INT) ? v instanceof Long || v instanceof BigInteger
                        : tag.equals(Tag.FLOAT) ? v instanceof Double || v instanceof Long || v instanceof BigInteger
                        : tag.equals(Tag.BOOL) ? v instanceof Boolean
                        : tag.equals(Tag.NULL) ? v == null
                        : v instanceof String;
                if (!ok) {
                    throw new Refused(line(s), "cannot decode `" + printable(in) + "` as a " + tag.getValue()
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

    /**
     * go-yaml v2's {@code resolve} for an untagged plain scalar; {@code key} when it is a map key (go-yaml keeps
     * .inf and .nan there), {@code line} for the problem when it cannot be written as JSON.
     */
    static Object resolvePlain(String in, boolean key, int line) {
        switch (in) {
            case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
                return Boolean.TRUE;
            case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
                return Boolean.FALSE;
            case "", "~", "null", "Null", "NULL":
                return null;
            case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf",
                    "-.INF":
                if (key) {
                    return in.endsWith("n") || in.endsWith("N") ? Double.NaN
                            : in.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                throw new Refused(line, "the value " + in + " cannot be written as JSON");
            case "<<":
                return in;
            default:
                break;
        }
        char c = in.charAt(0);
        if (c == '.') {
            Double d = goParseFloat(in);
            return d != null ? finite(d, in, key, line) : in;
        }
        if (c == '+' || c == '-' || c >= '0' && c <= '9') {
            String plain = in.replace("_", "");
            Object integer = goParseInt(plain);
            if (integer != null) {
                return integer;
            }
            if (YAML_STYLE_FLOAT.matcher(plain).matches()) {
                Double d = goParseFloat(plain);
                if (d != null) {
                    return finite(d, in, key, line);
                }
            }
            if (plain.startsWith("0b") || plain.startsWith("-0b")) {
                boolean negative = plain.startsWith("-");
                String digits = plain.substring(negative ? 3 : 2);
                if (!digits.isEmpty() && digits.chars().allMatch(ch -> ch == '0' || ch == '1')) {
                    BigInteger v = new BigInteger(digits, 2);
                    v = negative ? v.negate() : v;
                    if (v.bitLength() < 64 || !negative && v.bitLength() == 64) {
                        return normalize(v);
                    }
                }
            }
        }
        return in;
    }

    private static Object finite(double d, String in, boolean key, int line) {
        if ((Double.isNaN(d) || Double.isInfinite(d)) && !key) {
            throw new Refused(line, "the value " + in + " cannot be written as JSON");
        }
        return d;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}, falling back to {@code ParseUint}; {@code null} if neither. */
    static Object goParseInt(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String rest = s.substring(i);
        int radix = 10;
        if (rest.length() >= 2 && rest.charAt(0) == '0') {
            char p = Character.toLowerCase(rest.charAt(1));
            if (p == 'x') {
                radix = 16;
                rest = rest.substring(2);
            } else if (p == 'b') {
                radix = 2;
                rest = rest.substring(2);
            } else if (p == 'o') {
                radix = 8;
                rest = rest.substring(2);
            } else {
                radix = 8;
                rest = rest.substring(1);
            }
        }
        if (rest.isEmpty()) {
            return null;
        }
        for (int k = 0; k < rest.length(); k++) {
            if (Character.digit(rest.charAt(k), radix) < 0 || rest.charAt(k) > 0x7f) {
                return null;
            }
        }
        BigInteger v = new BigInteger(rest, radix);
        if (negative) {
            v = v.negate();
        }
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        if (!negative && v.bitLength() == 64) {
            return v; // fits ParseUint
        }
        return null;
    }

    private static Object normalize(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** Go's {@code strconv.ParseFloat(s, 64)} for decimal input; {@code null} on a syntax or range error. */
    static Double goParseFloat(String s) {
        String t = s;
        if (t.isEmpty()) {
            return null;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity") || unsigned.equals("nan")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY
                    : unsigned.equals("nan") ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL_FLOAT.matcher(unsigned).matches()) {
            return null;
        }
        try {
            BigDecimal exact = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
            double d = exact.doubleValue();
            if (Double.isInfinite(d)) {
                return null; // ErrRange
            }
            return d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code sigs.k8s.io/yaml}'s key to string conversion. */
    private static String keyString(Object key, Integer line) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof Long) {
            return key.toString();
        }
        if (key instanceof BigInteger) {
            // only numbers beyond a signed 64-bit integer are kept as BigInteger: go-yaml's uint64, which
            // sigs.k8s.io/yaml does not turn into a JSON key
            throw new Refused(line == null ? 0 : line, "unsupported map key: " + key
                    + " is larger than a signed 64-bit integer and cannot be written as JSON; quote it");
        }
        if (key instanceof Double d) {
            // strconv.FormatFloat(f, 'g', -1, 32), with go-yaml's names for the values JSON has none for
            String text = formatFloat32(d);
            return switch (text) {
                case "+Inf" -> ".inf";
                case "-Inf" -> "-.inf";
                case "NaN" -> ".nan";
                default -> text;
            };
        }
        if (key instanceof Boolean b) {
            return b ? "true" : "false";
        }
        throw new Refused(line == null ? 0 : line, "unsupported map key: a null key cannot be written as JSON");
    }

    /** Go's {@code strconv.FormatFloat(d, 'g', -1, 32)}. */
    static String formatFloat32(double d) {
        float f = (float) d;
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        if (f == 0) {
            return (1 / f < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Float.toString(Math.abs(f))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int dp = digits.length() - exact.scale();
        int exp = dp - 1;
        StringBuilder out = new StringBuilder(f < 0 ? "-" : "");
        if (exp < -4 || exp >= 6) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            if (Math.abs(exp) < 10) {
                out.append('0');
            }
            return out.append(Math.abs(exp)).toString();
        }
        if (dp <= 0) {
            return out.append("0.").append("0".repeat(-dp)).append(digits).toString();
        }
        if (dp >= digits.length()) {
            return out.append(digits).append("0".repeat(dp - digits.length())).toString();
        }
        return out.append(digits, 0, dp).append('.').append(digits, dp, digits.length()).toString();
    }
}
