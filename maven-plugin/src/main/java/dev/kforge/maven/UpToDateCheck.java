package dev.kforge.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Whether {@code k8s:generate} would write exactly what is there: the fingerprint of everything a run depends on,
 * compared with the one the last successful run recorded. What counts: the goal's parameters; every file of the
 * project (the spec, catalogs, config files, templates, manifests a spec imports — anything a spec can name lies in
 * the project) but its build directory, its output directory and hidden folders; the compile class path (a platform
 * class, Dekorate's manifests, the dependencies); the plugin's own jars (kforge's version, its built-in profiles and
 * templates); and every file of the output directory, so that a hand edit or a deleted file is generated again.
 * Files count by path, size and modification time, as build tools' fast checks do; reading them all would cost what
 * generating costs.
 */
final class UpToDateCheck {

    private final Path stamp;

    /** A check recording its fingerprint in {@code stamp} (under the build directory: {@code mvn clean} resets it). */
    UpToDateCheck(Path stamp) {
        this.stamp = stamp;
    }

    /**
     * What a run depends on, besides its output: the goal's parameters, the project folder less {@code excluded},
     * files and folders outside it ({@code classPath}: the spec file and the compile class path) and the plugin's jars.
     */
    record Inputs(List<String> parameters, Path project, Set<Path> excluded, List<Path> classPath,
                  List<URL> pluginJars) {
    }

    /** The fingerprint of {@code inputs}; computed before generating, so that an edit made meanwhile counts next time. */
    String inputs(Inputs inputs) {
        List<String> lines = new ArrayList<>();
        inputs.parameters().forEach(p -> lines.add("parameter " + p));
        for (URL url : inputs.pluginJars()) {
            try {
                stat("plugin ", Path.of(url.toURI()), lines);
            } catch (URISyntaxException | IllegalArgumentException e) {
                lines.add("plugin " + url);
            }
        }
        for (Path element : inputs.classPath()) {
            walk("classpath ", element, Set.of(), lines);
        }
        walk("project ", inputs.project(), inputs.excluded(), lines);
        return digest(lines);
    }

    /** True if the last successful run had these inputs and left {@code output} as it is now. */
    boolean upToDate(String inputs, Path output) {
        try {
            return Files.isRegularFile(stamp) && Files.isDirectory(output)
                    && Files.readString(stamp, StandardCharsets.UTF_8).equals(inputs + " " + outputs(output));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** Records a successful run: {@code inputs} as computed before it, and the output as it wrote it. */
    void record(String inputs, Path output) throws IOException {
        Files.createDirectories(stamp.getParent());
        Files.writeString(stamp, inputs + " " + outputs(output), StandardCharsets.UTF_8);
    }

    /** Forgets the last run: the next one generates. */
    void forget() throws IOException {
        Files.deleteIfExists(stamp);
    }

    private static String outputs(Path output) {
        List<String> lines = new ArrayList<>();
        // the writer's lock comes and goes with every run; it is not output
        walk("output ", output, Set.of(output.resolve(".kforge.lock")), lines);
        return digest(lines);
    }

    /** One line per regular file under {@code root} (or {@code root} itself): path, size, modification time. */
    private static void walk(String prefix, Path root, Set<Path> excluded, List<String> lines) {
        if (!Files.exists(root)) {
            lines.add(prefix + root + " absent");
            return;
        }
        if (!Files.isDirectory(root)) {
            stat(prefix, root, lines);
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    boolean hidden = !dir.equals(root) && dir.getFileName().toString().startsWith(".");
                    return hidden || excluded.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (!excluded.contains(file)) {
                        lines.add(prefix + root.relativize(file) + " " + attributes.size() + " "
                                + attributes.lastModifiedTime().toMillis());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the walk's order is the file system's; the fingerprint must not depend on it
        lines.sort(null);
    }

    private static void stat(String prefix, Path file, List<String> lines) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            lines.add(prefix + file + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            lines.add(prefix + file + " absent");
        }
    }

    private static String digest(List<String> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            lines.forEach(line -> sha.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
