package dev.kforge.validate;

import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.events.DocumentEndEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ParserException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.Schema;

import java.util.ArrayList;
import java.util.IdentityHashMap;
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
 * <p>This class cuts files and reads documents; plain block-style text is read by {@link BlockYaml} in one pass, the
 * rest by snakeyaml-engine with the repairs of {@link GoYamlRepairs}, its nodes made values by {@link NodeConverter};
 * both readers resolve scalars with {@link GoScalars}.
 */
final class GoYaml {

    static final int MAX_CHARS = 32 * 1024 * 1024;
    static final int MAX_DEPTH = 256;
    /**
     * Text go-yaml reads but snakeyaml-engine refuses is rewritten one place at a time, each time read again: as
     * many times as reading 64 Mi characters allows (thousands for a usual manifest), at most this many.
     */
    private static final int MAX_REPAIRS = 10_000;
    /** The tag every untagged scalar keeps (see {@link ImplicitSchema}), for {@link NodeConverter}'s rules. */
    static final Tag IMPLICIT = new Tag("tag:kforge.dev,2026:implicit");
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
                String repaired = GoYamlRepairs.asGoYamlReadsIt(body, e);
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
        NodeConverter converter = new NodeConverter(base, body);
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

    /** The offset in {@code body} of a mark's line and column, or -1. */
    static int offset(String body, Mark mark) {
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

    /** The start of the line after the one starting at {@code from} (breaks as snakeyaml counts them), or -1. */
    static int nextLineStart(String body, int from) {
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
}
