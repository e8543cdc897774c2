package dev.kforge;

import dev.kforge.emit.HelmEmitter;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One run of kforge as a build tool calls it: read the spec file, generate, and write (or verify) the output
 * directory. The Maven plugin maps its parameters into this.
 *
 * @param specFile        the YAML spec file
 * @param outputDirectory where the output lives ({@code deploy/})
 * @param chartVersion    the Helm chart's version and appVersion (the project's version)
 */
public record GenerateRequest(Path specFile, Path outputDirectory, String chartVersion) {

    public GenerateRequest {
        Objects.requireNonNull(specFile, "specFile");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(chartVersion, "chartVersion");
    }

    /** A run whose Helm chart has version {@value HelmEmitter#DEFAULT_VERSION}. */
    public GenerateRequest(Path specFile, Path outputDirectory) {
        this(specFile, outputDirectory, HelmEmitter.DEFAULT_VERSION);
    }
}
