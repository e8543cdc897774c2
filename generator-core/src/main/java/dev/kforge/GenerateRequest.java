package dev.kforge;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One run of kforge as a build tool calls it: read the spec file, generate, and write (or verify) the output
 * directory. The Maven plugin maps its parameters into this.
 *
 * @param specFile        the YAML spec file
 * @param outputDirectory where the output lives ({@code deploy/})
 */
public record GenerateRequest(Path specFile, Path outputDirectory) {

    public GenerateRequest {
        Objects.requireNonNull(specFile, "specFile");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
    }
}
