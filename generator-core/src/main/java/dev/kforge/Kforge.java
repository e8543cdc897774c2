package dev.kforge;

import dev.kforge.api.Platform;
import dev.kforge.emit.FileTree;

/**
 * The one entry point: spec or model in, files out. Generation is pure (same model, same bytes); only
 * {@link #generate(GenerateRequest)} touches the disk, through the writer.
 */
public final class Kforge {

    private Kforge() {
    }

    /** Generates every output file of {@code platform} into memory, with the built-in environment profiles. */
    public static FileTree render(Platform platform) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Reads the spec file, generates and writes the output directory; nothing is written when anything fails. */
    public static GenerateReport generate(GenerateRequest request) {
        throw new UnsupportedOperationException("in progress");
    }
}
