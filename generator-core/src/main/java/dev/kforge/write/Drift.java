package dev.kforge.write;

import dev.kforge.emit.FileTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How an output directory differs from a tree, read without changing anything ({@link OutputWriter#compare}). */
final class Drift {

    private final FileTree tree;
    private final Path directory;
    private final Path shown;

    /**
     * @param directory the output directory, free of symbolic links
     * @param shown     the directory as the user gave it, for the diffs' headers
     */
    Drift(FileTree tree, Path directory, Path shown) {
        this.tree = tree;
        this.directory = directory;
        this.shown = shown;
    }

    List<FileDrift> compare(boolean exists) {
        // a record that does not verify still names what kforge generated earlier; its text shows as drift
        Manifest previous = exists ? Manifest.read(directory.resolve(OutputWriter.MANIFEST), "") : Manifest.NONE;
        Map<String, FileDrift> drift = new TreeMap<>();
        tree.files().forEach((path, content) -> {
            Path target = directory.resolve(path);
            BasicFileAttributes attributes = !exists || obstruction(directory, target.getParent()) != null ? null
                    : TreeSwap.attributes(target);
            String generated = new String(content, StandardCharsets.UTF_8);
            if (attributes == null) {
                drift.put(path, new FileDrift(path, FileDrift.Kind.MISSING,
                        UnifiedDiff.of("/dev/null", null, label(path, "generated"), generated)));
            } else if (!attributes.isRegularFile()) {
                drift.put(path, new FileDrift(path, FileDrift.Kind.CHANGED, "a directory or other non-file is "
                        + "at " + target + " where kforge generates a file\n"));
            } else if (attributes.size() != content.length || !Arrays.equals(content, bytes(target))) {
                drift.put(path, new FileDrift(path, FileDrift.Kind.CHANGED, UnifiedDiff.of(
                        label(path, "on disk"), new String(bytes(target), StandardCharsets.UTF_8),
                        label(path, "generated"), generated)));
            }
        });
        for (String path : previous.entries().keySet()) {
            if (tree.files().containsKey(path)) {
                continue;
            }
            Path file = directory.resolve(path);
            BasicFileAttributes attributes = obstruction(directory, file.getParent()) != null ? null
                    : TreeSwap.attributes(file);
            if (attributes != null && attributes.isRegularFile()) {
                drift.put(path, new FileDrift(path, FileDrift.Kind.EXTRA, UnifiedDiff.of(label(path, "on disk"),
                        new String(bytes(file), StandardCharsets.UTF_8), "/dev/null", null)));
            }
        }
        String expected = new String(Manifest.text(tree.files()), StandardCharsets.UTF_8);
        byte[] onDisk = exists ? bytesOrNull(directory.resolve(OutputWriter.MANIFEST)) : null;
        String actual = onDisk == null ? null : new String(onDisk, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            drift.put(OutputWriter.MANIFEST, new FileDrift(OutputWriter.MANIFEST,
                    actual == null ? FileDrift.Kind.MISSING : FileDrift.Kind.CHANGED,
                    UnifiedDiff.of(actual == null ? "/dev/null" : label(OutputWriter.MANIFEST, "on disk"), actual,
                            label(OutputWriter.MANIFEST, "generated"), expected)));
        }
        return List.copyOf(drift.values());
    }

    /** A diff header: the path as the user sees it, under the output directory's name. */
    private String label(String path, String side) {
        Path name = shown.getFileName();
        return (name == null ? "" : name + "/") + path + " (" + side + ")";
    }

    /**
     * The first path from {@code directory} down to {@code dir} that exists but is no directory (a file, a
     * symbolic link: kforge never follows one), or {@code null}.
     */
    static Path obstruction(Path directory, Path dir) {
        Path d = directory;
        for (Path name : directory.relativize(dir)) {
            if (name.toString().isEmpty()) {
                break;
            }
            d = d.resolve(name);
            BasicFileAttributes attributes = TreeSwap.attributes(d);
            if (attributes == null) {
                return null;
            }
            if (!attributes.isDirectory()) {
                return d;
            }
        }
        return null;
    }

    static byte[] bytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a regular file, or {@code null} when there is none. */
    static byte[] bytesOrNull(Path path) {
        BasicFileAttributes attributes = TreeSwap.attributes(path);
        return attributes == null || !attributes.isRegularFile() ? null : bytes(path);
    }
}
