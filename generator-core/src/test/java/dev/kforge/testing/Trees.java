package dev.kforge.testing;

import dev.kforge.emit.FileTree;

import java.io.IOException;
import java.util.TreeMap;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.nio.charset.Charset;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Writes an in-memory file tree to a test directory; copies and deletes directories. */
public final class Trees {

    private Trees() {
    }

    /** Writes every file of {@code tree} under {@code root}; returns {@code root}. */
    public static Path write(FileTree tree, Path root) {
        try {
            for (var e : tree.files().entrySet()) {
                Path p = root.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code dir}: relative path ('/'-separated) to its content as UTF-8 text. */
    public static Map<String, String> files(Path dir) {
        return files(dir, StandardCharsets.UTF_8, false);
    }

    /**
     * Every file under {@code dir}, and with {@code directories} every folder as {@code <directory>}: relative
     * path ('/'-separated) to its content in {@code charset} (ISO-8859-1 compares byte for byte).
     */
    public static Map<String, String> files(Path dir, Charset charset, boolean directories) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String key = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p)) {
                    out.put(key, Files.readString(p, charset));
                } else if (directories && Files.isDirectory(p)) {
                    out.put(key, "<directory>");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Copies {@code from} and everything under it to {@code to}; returns {@code to}. */
    public static Path copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything under it, if it is there. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
