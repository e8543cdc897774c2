package dev.kforge;

import dev.kforge.emit.HelmEmitter;

import dev.kforge.spec.ProjectFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One run of kforge as a build tool calls it: where the model comes from, and the output directory that
 * {@link Kforge#generate(GenerateRequest)} writes or {@link Kforge#verify(GenerateRequest)} checks. The Maven plugin
 * maps its parameters into this.
 *
 * <p>The model comes from exactly one of a YAML spec file or a class implementing
 * {@link dev.kforge.api.PlatformDefinition}. The class loader is the project's class path: the platform class is
 * loaded from it, and a spec's {@code fromManifests.resource} (a manifest Dekorate or JKube generated) is found in
 * it.
 *
 * @param specFile        the YAML spec file, or {@code null} when the model comes from {@code platformClass}
 * @param platformClass   fully qualified name of a {@link dev.kforge.api.PlatformDefinition} with a public no-argument
 *                        constructor, or {@code null} when the model comes from {@code specFile}
 * @param classLoader     the project's class path, or {@code null} for none (then a spec cannot name class path
 *                        resources, and a platform class is looked up with kforge's own class loader)
 * @param outputDirectory where the output lives ({@code deploy/}); a folder of its own, not holding the spec file
 * @param chartVersion    the Helm chart's version and appVersion (the project's version)
 * @param kubernetesVersion the Kubernetes version to target and validate against instead of the model's
 *                        ({@code platform.kubernetesVersion}); {@code null} for the model's
 * @param projectDirectory the project's folder: files the spec names must lie in it (or in
 *                        {@code allowedDirectories}), after symbolic links; {@code null} for the spec file's folder.
 *                        The output directory must not hold it
 * @param allowedDirectories folders outside the project the spec may name files in too; {@code null} for none
 * @param allowSetting    how a refusal names the setting that allows a folder, with {@code DIR[,DIR...]} in it
 *                        ({@link ProjectFiles#of(Path, List, String)}); {@code null} for the Maven plugin's
 */
public record GenerateRequest(Path specFile, String platformClass, ClassLoader classLoader, Path outputDirectory,
                              String chartVersion, String kubernetesVersion, Path projectDirectory,
                              List<Path> allowedDirectories, String allowSetting) {

    public GenerateRequest {
        allowedDirectories = allowedDirectories == null ? List.of() : List.copyOf(allowedDirectories);
        allowSetting = allowSetting == null ? ProjectFiles.SETTING : allowSetting;
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(chartVersion, "chartVersion");
        if ((specFile == null) == (platformClass == null || platformClass.isBlank())) {
            throw new IllegalArgumentException("give either a spec file or a platform class, not "
                    + (specFile == null ? "neither" : "both"));
        }
        platformClass = specFile != null ? null : platformClass.strip();
        Path output = outputDirectory.toAbsolutePath().normalize();
        if (specFile != null && specFile.toAbsolutePath().normalize().startsWith(output)) {
            // the writer swaps the whole output directory in; the model must not live in it
            throw new KforgeException("the output directory " + outputDirectory + " holds the spec file " + specFile
                    + "; kforge replaces its output directory as a whole, so give it a folder of its own, like "
                    + "deploy/", List.of());
        }
        if (projectDirectory != null && projectDirectory.toAbsolutePath().normalize().startsWith(output)) {
            throw new KforgeException("the output directory " + outputDirectory + " holds the project " + projectDirectory
                    + "; kforge replaces its output directory as a whole, so give it a folder of its own, like "
                    + "deploy/", List.of());
        }
    }

    /** A run at the given Kubernetes version, with the spec file's folder as the project. */
    public GenerateRequest(Path specFile, String platformClass, ClassLoader classLoader, Path outputDirectory,
                           String chartVersion, String kubernetesVersion) {
        this(specFile, platformClass, classLoader, outputDirectory, chartVersion, kubernetesVersion, null, null, null);
    }

    /** A run at the model's Kubernetes version. */
    public GenerateRequest(Path specFile, String platformClass, ClassLoader classLoader, Path outputDirectory,
                           String chartVersion) {
        this(specFile, platformClass, classLoader, outputDirectory, chartVersion, null);
    }

    /** A run that reads the model from a spec file, without a class path; chart version {@value HelmEmitter#DEFAULT_VERSION}. */
    public GenerateRequest(Path specFile, Path outputDirectory) {
        this(specFile, null, null, outputDirectory, HelmEmitter.DEFAULT_VERSION);
    }

    /** A run that reads the model from a spec file; {@code classLoader} finds {@code fromManifests.resource}s. */
    public static GenerateRequest fromSpec(Path specFile, ClassLoader classLoader, Path outputDirectory) {
        return new GenerateRequest(Objects.requireNonNull(specFile, "specFile"), null, classLoader, outputDirectory,
                HelmEmitter.DEFAULT_VERSION);
    }

    /** A run that takes the model from {@code platformClass}, loaded with {@code classLoader}. */
    public static GenerateRequest fromClass(String platformClass, ClassLoader classLoader, Path outputDirectory) {
        return new GenerateRequest(null, Objects.requireNonNull(platformClass, "platformClass"), classLoader,
                outputDirectory, HelmEmitter.DEFAULT_VERSION);
    }

    /** This request with the Helm chart's version (the project's version). */
    public GenerateRequest withChartVersion(String version) {
        return new GenerateRequest(specFile, platformClass, classLoader, outputDirectory, version, kubernetesVersion,
                projectDirectory, allowedDirectories, allowSetting);
    }

    /** This request targeting Kubernetes {@code version} instead of the model's ({@code null}: the model's). */
    public GenerateRequest withKubernetesVersion(String version) {
        return new GenerateRequest(specFile, platformClass, classLoader, outputDirectory, chartVersion, version,
                projectDirectory, allowedDirectories, allowSetting);
    }

    /**
     * This request with the project's folder and the folders outside it that the spec may name files in too
     * ({@code null}: the spec file's folder, none).
     */
    public GenerateRequest withProject(Path project, List<Path> allowed) {
        return withProject(project, allowed, null);
    }

    /**
     * As {@link #withProject(Path, List)}, with refusals naming {@code setting} (another front end's option, with
     * {@code DIR[,DIR...]} in it) as the way to allow a folder.
     */
    public GenerateRequest withProject(Path project, List<Path> allowed, String setting) {
        return new GenerateRequest(specFile, platformClass, classLoader, outputDirectory, chartVersion,
                kubernetesVersion, project, allowed, setting);
    }

    /**
     * Where the files the spec names may be ({@link ProjectFiles}): inside the project's folder (the spec file's
     * folder when none was given) or an allowed folder; {@code null} for a platform class.
     */
    public ProjectFiles files() {
        if (specFile == null) {
            return null;
        }
        Path project = projectDirectory != null ? projectDirectory : specFile.toAbsolutePath().getParent();
        return ProjectFiles.of(project, allowedDirectories, allowSetting);
    }

    /** Where the model comes from, for messages: the spec file, or {@code class <name>}. */
    public String modelSource() {
        return specFile != null ? specFile.toString() : "class " + platformClass;
    }
}
