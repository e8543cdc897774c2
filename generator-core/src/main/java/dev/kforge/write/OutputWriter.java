package dev.kforge.write;

import dev.kforge.emit.FileTree;

import java.nio.file.Path;

/** Writes a {@link FileTree} to an output directory safely. */
public final class OutputWriter {

    /** Writes {@code tree} under {@code directory}. */
    public WriteResult write(FileTree tree, Path directory) {
        throw new UnsupportedOperationException("in progress");
    }
}
