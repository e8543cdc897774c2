package dev.kforge.spec;

import dev.kforge.api.Checks;
import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The state of reading one source file: the problems found so far and, for every model path visited, the YAML
 * node it came from, so that problems the model reports later (with paths only) can be given a line.
 * The typed values of the nodes are read by its {@link Scalars}, which report their problems here.
 */
final class Context {

    private final String source;
    private final Scalars values = new Scalars(this);
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Node> nodes = new HashMap<>();
    /** Named path to the positional path it stands for; looked up, not copied, so many aliases stay cheap. */
    private final Map<String, String> aliases = new HashMap<>();
    private final Set<String> reported = new HashSet<>();

    /** Folder that files named in the spec ({@code config.fromFiles}) are relative to; null for text input. */
    private final java.nio.file.Path baseDir;

    Context(String source) {
        this(source, null);
    }

    /** The project's class path, where {@code fromManifests.resource} is looked up; null for none. */
    private final ClassLoader classLoader;

    Context(String source, java.nio.file.Path baseDir) {
        this(source, baseDir, null);
    }

    Context(String source, java.nio.file.Path baseDir, ClassLoader classLoader) {
        this(source, baseDir, classLoader, baseDir == null ? null : ProjectFiles.of(baseDir, List.of()));
    }

    /** The boundary of the files the spec may name; null for text input. */
    private final ProjectFiles files;

    Context(String source, java.nio.file.Path baseDir, ClassLoader classLoader, ProjectFiles files) {
        this.source = source;
        this.baseDir = baseDir;
        this.classLoader = classLoader;
        this.files = files;
    }

    /** Typed values of the nodes read, each failure reported here. */
    Scalars values() {
        return values;
    }

    /** Where the files the spec names may be; {@code null} when the spec was not read from a file. */
    ProjectFiles files() {
        return files;
    }

    ClassLoader classLoader() {
        return classLoader;
    }

    java.nio.file.Path baseDir() {
        return baseDir;
    }

    String source() {
        return source;
    }

    void root(Node node) {
        nodes.put("", node);
    }

    /** Remembers that {@code path} was written at {@code node}. */
    void mark(String path, Node node) {
        nodes.put(clean(path), node);
    }

    /**
     * Makes the paths under {@code to} stand for those under {@code from}, for model checks that name list items
     * by a field (an ingress rule by its host) where the reader named them by position.
     */
    void alias(String from, String to) {
        aliases.putIfAbsent(clean(to), clean(from));
    }

    int count() {
        return problems.size();
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** A problem at a node. */
    void report(String path, Node node, String message) {
        add(new Problem(clean(path), message, where(node)));
    }

    /** A problem located at the deepest node written for {@code path} (or one of its parents). */
    void reportAt(String path, String message) {
        add(new Problem(clean(path), message, locate(path)));
    }

    /** A problem of the file as a whole, at a given line. */
    void reportLine(String path, int line, String message) {
        add(new Problem(clean(path), message, source + ":" + line));
    }

    /** Problems found in another file the spec names (a tenant catalog), kept with their own locations. */
    void addAll(List<Problem> others) {
        others.forEach(this::add);
    }

    /** Paths written in another file (a tenant catalog row) and where: {@code tenants.acme} → {@code tenants.csv:4}. */
    private final Map<String, String> external = new HashMap<>();

    /** Remembers that {@code path} was written in another file at {@code location}. */
    void markExternal(String path, String location) {
        external.put(clean(path), location);
    }

    /** Every external location this context knows, to hand to the spec's context. */
    Map<String, String> externals() {
        return external;
    }

    /** Takes over where another file's paths were written, for problems found later (cross-checks). */
    void markAllExternal(Context other) {
        other.nodes.forEach((path, node) -> external.put(path, other.where(node)));
        external.putAll(other.external);
    }

    /** A problem of the file itself (it cannot be read), where no line exists. */
    void reportFile(String message) {
        add(new Problem("", message, source));
    }

    private void add(Problem problem) {
        problems.add(problem);
        reported.add(problem.path());
    }

    /** True if a problem was already reported at {@code path} or at one of its parents. */
    boolean covered(String path) {
        return reported.contains("") || prefixes(clean(path)).stream().anyMatch(reported::contains);
    }

    /** {@code path} and each of its parents, longest first (without the root). */
    static List<String> prefixes(String path) {
        List<String> out = new ArrayList<>();
        for (int end = path.length(); end > 0; end = path.lastIndexOf('.', end - 1)) {
            out.add(path.substring(0, end));
        }
        return out;
    }

    String where(Node node) {
        return source + ":" + line(node);
    }

    String locate(String path) {
        String p = resolve(clean(path));
        while (true) {
            Node node = nodes.get(p);
            if (node != null) {
                return where(node);
            }
            String elsewhere = external.get(p);
            if (elsewhere != null) {
                return elsewhere;
            }
            if (p.isEmpty()) {
                return source + ":1";
            }
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? "" : p.substring(0, dot);
        }
    }

    /** Rewrites named segments to positional ones; aliases nest (a path within a rule), hence the loop. */
    private String resolve(String path) {
        String p = path;
        for (int round = 0; round < 8; round++) {
            String rewritten = null;
            for (String prefix : prefixes(p)) {
                String positional = aliases.get(prefix);
                if (positional != null) {
                    rewritten = positional + p.substring(prefix.length());
                    break;
                }
            }
            if (rewritten == null) {
                return p;
            }
            p = rewritten;
        }
        return p;
    }

    /**
     * Runs a model constructor; its problems, whose paths are relative to the value built, are put under
     * {@code path} and located. Returns {@code null} when it fails.
     */
    <T> T build(String path, Supplier<T> make) {
        try {
            return make.get();
        } catch (ModelException e) {
            for (Problem p : e.problems()) {
                Problem full = p.under(path);
                reportAt(full.path(), full.message());
            }
        } catch (RuntimeException e) {
            // the model checks values before using them, so this is a defect in kforge; still a problem, not a crash
            reportAt(path, "could not be built (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Checks.printable(e.getMessage())) + ")");
        }
        return null;
    }

    /**
     * Runs a model constructor on a value the reader read only in part (it reported problems of some of its
     * fields): the model's problems at paths no problem covers yet are reported too, so that one run shows the
     * value's every wrong field. Problems a missing part causes fall under that part's path and are left out.
     */
    void checkRest(String path, Supplier<?> make) {
        try {
            make.get();
        } catch (ModelException e) {
            for (Problem p : e.problems()) {
                Problem full = p.under(path);
                if (!covered(full.path())) {
                    reportAt(full.path(), full.message());
                }
            }
        } catch (RuntimeException e) {
            // a part the reader could not read is missing; the problem reported for it is the one to fix
        }
    }

    /** Builds at {@code path} unless a problem was reported since {@code before}. */
    <T> T unless(int before, String path, Supplier<T> make) {
        return count() > before ? null : build(path, make);
    }

    /**
     * Builds a value of plain fields at {@code path}; when a problem was reported since {@code before}, gives
     * {@code null} but still reports what the model finds wrong in the fields that were read. Only for values
     * whose fields the model checks one by one: a value made of other values, or one that infers a field left
     * out, would report the consequences of a part that failed as problems of their own.
     */
    <T> T checked(int before, String path, Supplier<T> make) {
        if (count() > before) {
            checkRest(path, make);
            return null;
        }
        return build(path, make);
    }

    /** Builds a stand-in for a part that did not read; its own problems are not the user's, so none is reported. */
    static <T> T quietly(Supplier<T> make) {
        try {
            return make.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- conversions

    /** YAML {@code null}, {@code ~} or an empty plain value: treated as not given. */
    static boolean absent(Node node) {
        return node == null || node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()) && s.isPlain();
    }

    static String describe(Node node) {
        if (absent(node)) {
            return "nothing";
        }
        if (node instanceof ScalarNode s) {
            return "'" + Checks.printable(s.getValue()) + "'";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a map";
        }
        return "an unsupported value";
    }

    static int line(Node node) {
        if (node == null) {
            return 1;
        }
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    static String join(String path, String segment) {
        return path.isEmpty() ? segment : path + "." + segment;
    }

    /**
     * A path with control and non-ASCII characters escaped, so that a key with a newline cannot forge a second
     * line in a build log. Unlike {@link Checks#printable(String)} it never shortens, so paths stay unique.
     */
    static String clean(String path) {
        StringBuilder out = null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                if (out == null) {
                    out = new StringBuilder(path.substring(0, i));
                }
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? path : out.toString();
    }

    /** Every problem found, as one exception; nothing when there were none. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ModelException(problems);
        }
    }

}
