package dev.kforge.cli;

import dev.kforge.GenerateRequest;
import dev.kforge.emit.HelmEmitter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the model comes from and where its output lives: the options of {@code generate} and {@code verify}, named
 * like the Maven plugin's parameters ({@code specFile} is {@code --spec-file}). Relative paths start from the
 * project's directory ({@link ProjectOptions}).
 */
final class ModelOptions {

    @Mixin
    ProjectOptions project;

    @Option(names = "--spec-file", paramLabel = "FILE", defaultValue = "src/main/kforge/platform.yaml",
            description = "The YAML spec file describing the platform (default: ${DEFAULT-VALUE}). Not read when "
                    + "--platform-class is given.")
    Path specFile;

    @Option(names = "--platform-class", paramLabel = "CLASS",
            description = "A class implementing dev.kforge.api.PlatformDefinition, loaded from --class-path; the "
                    + "model comes from it instead of the spec file.")
    String platformClass;

    @Option(names = "--class-path", paramLabel = "PATH", split = "[:;]", splitSynopsisLabel = ":",
            description = "Where --platform-class and the manifests a spec names as fromManifests.resource are "
                    + "found: folders and jars, separated by ':'.")
    List<Path> classPath = new ArrayList<>();

    @Option(names = {"-o", "--output-directory"}, paramLabel = "DIR", defaultValue = "deploy",
            description = "The directory the generated files are written to (default: ${DEFAULT-VALUE}).")
    Path outputDirectory;

    @Option(names = "--chart-version", paramLabel = "VERSION", defaultValue = HelmEmitter.DEFAULT_VERSION,
            description = "The version (and appVersion) of the generated Helm chart (default: ${DEFAULT-VALUE}).")
    String chartVersion;

    @Option(names = "--kubernetes-version", paramLabel = "VERSION",
            description = "The Kubernetes version to target and validate against (1.30 to 1.33) instead of the "
                    + "model's kubernetesVersion.")
    String kubernetesVersion;

    /** The request these options describe; the class loader stays open for the life of the process. */
    GenerateRequest request() {
        ClassLoader loader = classLoader();
        Path output = project.resolve(outputDirectory);
        GenerateRequest request;
        if (platformClass != null && !platformClass.isBlank()) {
            request = GenerateRequest.fromClass(platformClass, loader, output);
        } else {
            Path spec = project.resolve(specFile);
            if (!Files.isRegularFile(spec)) {
                throw new KforgeCli.UsageException("There is no kforge spec file at " + specFile + project.where()
                        + ". Name yours with --spec-file, or a class implementing dev.kforge.api.PlatformDefinition "
                        + "with --platform-class and --class-path.");
            }
            request = GenerateRequest.fromSpec(spec, loader, output);
        }
        request = request.withChartVersion(chartVersion)
                .withProject(project.base(), project.allowed(), ProjectOptions.ALLOW);
        return kubernetesVersion == null || kubernetesVersion.isBlank() ? request
                : request.withKubernetesVersion(kubernetesVersion.strip());
    }

    /** Where the model comes from, as the user named it. */
    String model() {
        return platformClass != null && !platformClass.isBlank() ? "class " + platformClass.strip()
                : specFile.toString();
    }

    private ClassLoader classLoader() {
        if (classPath.isEmpty()) {
            return null;
        }
        List<URL> urls = new ArrayList<>();
        for (Path given : classPath) {
            Path entry = project.resolve(given);
            if (!Files.exists(entry)) {
                throw new KforgeCli.UsageException("--class-path names " + given + project.where() + ", which does not exist; give "
                        + "folders and jars separated by '" + File.pathSeparator + "'");
            }
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new KforgeCli.UsageException("--class-path names " + given + ", which is not a path");
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ModelOptions.class.getClassLoader());
    }
}
