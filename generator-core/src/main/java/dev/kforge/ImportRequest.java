package dev.kforge;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One {@code k8s:import}: the manifests to read, and where the spec goes. The Maven plugin maps its parameters into
 * this.
 *
 * @param inputs             manifest files and folders; a folder is read with its subfolders, leaving out
 *                           {@code kustomization.yaml}, patches and Helm charts (as {@code k8s:validate} does)
 * @param specFile           where the spec is written ({@code src/main/kforge/platform.yaml}); config files go into
 *                           its folder
 * @param projectDirectory   the project's folder: every input must lie inside it (after symbolic links) or inside
 *                           one of {@code allowedDirectories}, and notes name inputs relative to it
 * @param allowedDirectories folders outside the project that inputs may come from; may be empty
 * @param platformName       the platform's name: a DNS-1123 label of at most 40 characters
 * @param overwrite          whether an existing spec (and config files) may be replaced; by default they never are
 */
public record ImportRequest(List<Path> inputs, Path specFile, Path projectDirectory, List<Path> allowedDirectories,
                            String platformName, boolean overwrite) {

    public ImportRequest {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        Objects.requireNonNull(specFile, "specFile");
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        allowedDirectories = allowedDirectories == null ? List.of() : List.copyOf(allowedDirectories);
        Objects.requireNonNull(platformName, "platformName");
    }
}
