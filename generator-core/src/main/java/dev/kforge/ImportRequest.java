package dev.kforge;

import dev.kforge.importer.ManifestInputs;
import dev.kforge.spec.ProjectFiles;

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
 * @param settings           how a refusal to overwrite names the settings that change it: the Maven plugin's
 *                           properties ({@link Settings#MAVEN}) unless the caller names its own
 */
public record ImportRequest(List<Path> inputs, Path specFile, Path projectDirectory, List<Path> allowedDirectories,
                            String platformName, boolean overwrite, Settings settings) {

    public ImportRequest {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        Objects.requireNonNull(specFile, "specFile");
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        allowedDirectories = allowedDirectories == null ? List.of() : List.copyOf(allowedDirectories);
        Objects.requireNonNull(platformName, "platformName");
        settings = settings == null ? Settings.MAVEN : settings;
    }

    /** A request whose refusals name the Maven plugin's properties. */
    public ImportRequest(List<Path> inputs, Path specFile, Path projectDirectory, List<Path> allowedDirectories,
                         String platformName, boolean overwrite) {
        this(inputs, specFile, projectDirectory, allowedDirectories, platformName, overwrite, Settings.MAVEN);
    }

    /**
     * How the caller's user gives the inputs, where the spec goes, whether it may be replaced and which folders
     * outside the project may be read, as refusals tell them (e.g. {@code -Dk8s.import.spec=FILE} to Maven,
     * {@code --spec-file FILE} on the command line).
     *
     * @param inputs             the setting the inputs come from
     * @param specFile           the setting that puts the spec elsewhere, with a placeholder for the file
     * @param overwrite          the setting that allows replacing existing files
     * @param allowedDirectories the setting that allows a folder outside the project, with {@code DIR[,DIR...]} in
     *                           it (replaced by the folder to allow)
     */
    public record Settings(String inputs, String specFile, String overwrite, String allowedDirectories) {

        /** The Maven plugin's properties. */
        public static final Settings MAVEN = new Settings(ManifestInputs.SETTING, "-Dk8s.import.spec=FILE",
                "-Dk8s.import.overwrite=true", ProjectFiles.SETTING);

        public Settings {
            Objects.requireNonNull(inputs, "inputs");
            Objects.requireNonNull(specFile, "specFile");
            Objects.requireNonNull(overwrite, "overwrite");
            Objects.requireNonNull(allowedDirectories, "allowedDirectories");
        }
    }
}
