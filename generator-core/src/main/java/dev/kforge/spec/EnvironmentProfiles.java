package dev.kforge.spec;

import dev.kforge.api.Checks;
import dev.kforge.api.Environment;
import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Environment profiles: named sets of environment defaults ({@code dev}, {@code staging}, {@code prod}) that an
 * environment picks with {@code profile:}. A profile file is an environment body without a name (the file name,
 * without {@code .yaml}, is the name) and without {@code profile:} (profiles do not chain).
 *
 * <p>Problems are reported as by {@link SpecReader}: all of them, as one {@link ModelException}, located
 * {@code <file>:<line>}, with paths relative to the profile ({@code resourceScale}). Nothing is cached: every
 * call reads the files again.
 */
public final class EnvironmentProfiles {

    /** The profiles shipped in the jar, in this order. */
    private static final List<String> BUILT_IN = List.of("dev", "staging", "prod");
    private static final String RESOURCE_DIRECTORY = "dev/kforge/overlays/";

    private EnvironmentProfiles() {
    }

    /**
     * The built-in profiles {@code dev}, {@code staging} and {@code prod}, from the classpath resources
     * {@code dev/kforge/overlays/<name>.yaml}.
     *
     * @return profile name to profile, in that order; unmodifiable
     * @throws ModelException if a resource is missing or invalid (a broken kforge jar)
     */
    public static Map<String, Environment> builtIn() {
        Map<String, Environment> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (String name : BUILT_IN) {
            String resource = RESOURCE_DIRECTORY + name + ".yaml";
            Context cx = new Context(resource);
            InputStream in = EnvironmentProfiles.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                cx.reportFile("the built-in profile '" + name + "' is missing from the classpath; the kforge jar "
                        + "is incomplete");
            } else {
                problems.addAll(load(cx, name, YamlText.readStream(cx, in), out));
                continue;
            }
            problems.addAll(cx.problems());
        }
        if (!problems.isEmpty()) {
            throw new ModelException(problems);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Every {@code *.yaml} file directly in {@code dir}, each a profile named after its file.
     *
     * @return profile name to profile, ordered by file name; unmodifiable; empty if there are no such files
     * @throws ModelException with the problems of every file, or if {@code dir} is not a readable directory
     */
    public static Map<String, Environment> fromDirectory(Path dir) {
        String where = Checks.printable(dir.toString());
        if (!Files.isDirectory(dir)) {
            throw new ModelException(List.of(new Problem("", "is not a directory of environment profiles", where)));
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw new ModelException(List.of(new Problem("", "the directory cannot be listed ("
                    + e.getClass().getSimpleName() + ")", where)));
        }
        Map<String, Environment> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            Context cx = new Context(fileName);
            String name = fileName.substring(0, fileName.length() - ".yaml".length());
            problems.addAll(load(cx, name, YamlText.readFile(cx, file), out));
        }
        if (!problems.isEmpty()) {
            throw new ModelException(problems);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Loads one profile into {@code out}; returns its problems. */
    private static List<Problem> load(Context cx, String name, String text, Map<String, Environment> out) {
        if (text == null) {
            return cx.problems();
        }
        try {
            Environment profile = SpecReader.profile(cx, name, text);
            if (profile != null) {
                out.put(name, profile);
            }
            return List.of();
        } catch (ModelException e) {
            return e.problems();
        }
    }
}
