package dev.kforge.testing;

import dev.kforge.emit.FileTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an in-memory file tree to a test directory. */
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
}
