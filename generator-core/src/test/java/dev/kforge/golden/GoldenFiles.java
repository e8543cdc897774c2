package dev.kforge.golden;

import dev.kforge.emit.FileTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares generated trees with the golden files under {@code src/test/resources/golden/<name>/}. Golden files
 * change only on purpose: run the tests with {@code -Dkforge.updateGolden=true}, then review the diff like code.
 */
public final class GoldenFiles {

    private static final Path ROOT = Path.of("src/test/resources/golden");

    private GoldenFiles() {
    }

    /** Asserts that {@code tree} equals the golden tree {@code name}, file by file and byte by byte. */
    public static void assertMatches(String name, FileTree tree) {
        Path dir = ROOT.resolve(name);
        if (Boolean.getBoolean("kforge.updateGolden")) {
            update(dir, tree);
        }
        Map<String, byte[]> golden = read(dir);
        assertThat(tree.files().keySet()).as("generated files of %s (update with -Dkforge.updateGolden=true)", name)
                .containsExactlyElementsOf(golden.keySet());
        List<String> changed = new ArrayList<>();
        tree.files().forEach((path, bytes) -> {
            if (!java.util.Arrays.equals(bytes, golden.get(path))) {
                changed.add(path);
            }
        });
        if (!changed.isEmpty()) {
            String first = changed.get(0);
            assertThat(tree.text(first)).as("%s differs from its golden file (and %d more: %s); update with "
                            + "-Dkforge.updateGolden=true and review", first, changed.size() - 1, changed)
                    .isEqualTo(new String(golden.get(first), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, byte[]> read(Path dir) {
        Map<String, byte[]> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void update(Path dir, FileTree tree) {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            for (Map.Entry<String, byte[]> e : tree.files().entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
