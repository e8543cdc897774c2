package dev.kforge.spec;

import dev.kforge.api.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns source text into one YAML node tree with line marks, refusing what a hostile or broken file could use to
 * exhaust memory or stack: more than {@value #MAX_CODE_POINTS} code points, more than {@value #MAX_ALIASES}
 * aliases to lists or maps (alias bombs), nesting deeper than {@value #MAX_DEPTH} (the composer recurses per
 * level), and control characters. Every failure is a problem in the {@link Context}, never an exception.
 */
final class YamlText {

    static final int MAX_CODE_POINTS = 10 * 1024 * 1024;
    static final int MAX_ALIASES = 50;
    static final int MAX_DEPTH = 50;

    private YamlText() {
    }

    /** Reads a file as strict UTF-8; {@code null} (with a problem) when it cannot be read. */
    static String readFile(Context cx, Path file) {
        byte[] bytes;
        try {
            // checking the size first keeps a huge file from being read into memory at all
            if (Files.isRegularFile(file) && Files.size(file) > 4L * MAX_CODE_POINTS) {
                cx.reportLine("", 1, tooLarge());
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            cx.reportFile("the file does not exist: " + Checks.printable(file.toString()));
            return null;
        } catch (AccessDeniedException e) {
            cx.reportFile("the file cannot be read (access denied): " + Checks.printable(file.toString()));
            return null;
        } catch (IOException | SecurityException e) {
            cx.reportFile("the file cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Checks.printable(e.getMessage())) + ")");
            return null;
        }
        return decode(cx, bytes);
    }

    /** Reads a file a spec names, through the project's boundary ({@link ProjectFiles#read}), like the above. */
    static String readFile(Context cx, Path file, ProjectFiles files) {
        byte[] bytes;
        try {
            bytes = files.read(file, 4L * MAX_CODE_POINTS);
        } catch (NoSuchFileException e) {
            cx.reportFile("the file does not exist: " + Checks.printable(file.toString()));
            return null;
        } catch (IOException | SecurityException e) {
            cx.reportFile("the file cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Checks.printable(e.getMessage())) + ")");
            return null;
        }
        if (bytes == null) {
            cx.reportLine("", 1, tooLarge());
            return null;
        }
        return decode(cx, bytes);
    }

    /** Reads a stream as strict UTF-8; {@code null} (with a problem) when it cannot be read. */
    static String readStream(Context cx, InputStream in) {
        try (in) {
            return decode(cx, in.readAllBytes());
        } catch (IOException e) {
            cx.reportFile("cannot be read (" + Checks.printable(String.valueOf(e.getMessage())) + ")");
            return null;
        }
    }

    private static String decode(Context cx, byte[] bytes) {
        Utf8Text decoded = Utf8Text.decode(bytes);
        if (decoded.text() == null) {
            cx.reportLine("", decoded.line(), decoded.error());
        }
        return decoded.text();
    }

    /**
     * The single document of {@code text}; {@code null} when the text holds no document (then no problem is
     * reported: whether empty is allowed is the caller's choice) or when it cannot be parsed (then it is).
     */
    static Node parse(Context cx, String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (body.length() > 2L * MAX_CODE_POINTS || body.codePointCount(0, body.length()) > MAX_CODE_POINTS) {
            cx.reportLine("", 1, tooLarge());
            return null;
        }
        if (!printable(cx, body)) {
            return null;
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(cx.source())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setUseMarks(true)
                .setSchema(new CoreSchema())
                .build();
        Guard guard = new Guard(new ParserImpl(settings, new StreamReader(settings, body)));
        try {
            Optional<Node> node = new Composer(settings, guard).getSingleNode();
            if (node.isPresent()) {
                cx.root(node.get());
            }
            return node.orElse(null);
        } catch (Refused e) {
            cx.reportLine(e.path, e.line, e.getMessage());
        } catch (MarkedYamlEngineException e) {
            cx.reportLine(guard.path(), line(e, guard), syntaxMessage(e));
        } catch (YamlEngineException e) {
            cx.reportLine(guard.path(), guard.line(), "cannot be read as YAML: "
                    + Checks.printable(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            cx.reportLine(guard.path(), guard.line(), "cannot be read as YAML (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    private static String tooLarge() {
        return "is larger than " + MAX_CODE_POINTS + " characters; a spec this large is not a hand-written "
                + "platform description, split it or check that the right file is read";
    }

    /** Reports the first character YAML does not allow (binary junk, NUL, lone surrogates). */
    private static boolean printable(Context cx, String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0x7E) || c == 0x85
                    || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!ok) {
                cx.reportLine("", line, "contains the control character U+"
                        + String.format(Locale.ROOT, "%04X", c) + " at column " + column
                        + "; a spec must be plain UTF-8 text (is this a binary file?)");
                return false;
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static int line(MarkedYamlEngineException e, Guard guard) {
        // at the end of the stream the problem mark is the end of the file; where the open quote or bracket
        // started is the line to look at
        boolean atEnd = e.getProblem() != null && e.getProblem().contains("end of stream");
        Optional<Mark> mark = e.getProblemMark().isPresent() && !(atEnd && e.getContextMark().isPresent())
                ? e.getProblemMark() : e.getContextMark();
        return mark.map(m -> m.getLine() + 1).orElse(guard.line());
    }

    private static String syntaxMessage(MarkedYamlEngineException e) {
        String context = e.getContext();
        if (context != null && context.contains("single document")) {
            return "holds more than one YAML document; a spec is a single document, remove the '---' separator";
        }
        String problem = e.getProblem() == null ? "syntax error" : Checks.printable(e.getProblem());
        String where = context == null || context.isBlank() ? "" : " (" + Checks.printable(context) + ")";
        if (problem.startsWith("found undefined alias")) {
            return "invalid YAML: " + problem + "; define the anchor ('&name') before the alias ('*name'), or "
                    + "quote the value if the '*' is text";
        }
        return "invalid YAML: " + problem + where
                + "; check the indentation, quoting and brackets here or on the line before";
    }

    /** A file refused before it is composed. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final String path;

        Refused(int line, String path, String message) {
            super(message, null, false, false);
            this.line = line;
            this.path = path;
        }
    }

    /**
     * Watches the parser's events as the composer pulls them, to stop deep nesting before the composer's
     * recursion overflows the stack, to count aliases with the line where the limit is crossed, and to know the
     * path of keys and list positions being read, so that a syntax error names where in the spec it is.
     */
    private static final class Guard extends GuardedParser {
        /** Paths of refused input are cut to this many segments; the rest only repeats list positions. */
        private static final int MAX_PATH_SEGMENTS = 12;
        private final Set<String> collectionAnchors = new HashSet<>();
        private final Deque<Level> levels = new ArrayDeque<>();
        private int aliases;

        Guard(Parser parser) {
            super(parser, MAX_DEPTH);
        }

        /** One open map or list: the key whose value is being read, or the position in the list. */
        private static final class Level {
            final boolean map;
            String key;
            boolean keyNext = true;
            int index = -1;

            Level(boolean map) {
                this.map = map;
            }
        }

        @Override
        protected RuntimeException tooDeep(int line, int limit) {
            return new Refused(line, path(), "nests lists and maps deeper than " + limit
                    + " levels; a spec needs fewer than 10, check the brackets and indentation");
        }

        @Override
        protected void watch(Event event) {
            track(event);
            if (event instanceof CollectionStartEvent start) {
                start.getAnchor().ifPresent(a -> collectionAnchors.add(a.getValue()));
            } else if (event instanceof AliasEvent alias && collectionAnchors.contains(alias.getAlias().getValue())
                    && ++aliases > MAX_ALIASES) {
                throw new Refused(line(), path(), "uses more than " + MAX_ALIASES + " aliases ('*name') to lists "
                        + "or maps; that is how alias bombs blow up memory, write the values out instead");
            }
        }

        private void track(Event event) {
            switch (event.getEventId()) {
                case MappingStart, SequenceStart, Scalar, Alias -> {
                    Level parent = levels.peek();
                    if (parent != null && parent.map) {
                        if (parent.keyNext) {
                            parent.key = event instanceof ScalarEvent scalar ? scalar.getValue() : "?";
                        }
                        parent.keyNext = !parent.keyNext;
                    } else if (parent != null) {
                        parent.index++;
                    }
                    if (event.getEventId() == Event.ID.MappingStart || event.getEventId() == Event.ID.SequenceStart) {
                        levels.push(new Level(event.getEventId() == Event.ID.MappingStart));
                    }
                }
                case MappingEnd, SequenceEnd -> levels.pop();
                default -> {
                    // stream and document events open no level
                }
            }
        }

        /** The dotted path of what is being read ({@code services.gateway.image}); empty at the top. */
        String path() {
            StringBuilder out = new StringBuilder();
            int segments = 0;
            for (java.util.Iterator<Level> it = levels.descendingIterator(); it.hasNext()
                    && segments < MAX_PATH_SEGMENTS; ) {
                Level level = it.next();
                String segment = level.map ? level.key : level.index >= 0 ? String.valueOf(level.index) : null;
                if (segment == null) {
                    break;
                }
                out.append(out.length() == 0 ? "" : ".").append(segment);
                segments++;
            }
            return out.toString();
        }
    }
}
