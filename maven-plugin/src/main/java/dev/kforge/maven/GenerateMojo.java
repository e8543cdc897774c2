package dev.kforge.maven;

import dev.kforge.GenerateReport;
import dev.kforge.GenerateRequest;
import dev.kforge.Kforge;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Generates the platform's Kustomize output into the output directory ({@code mvn k8s:generate}).
 *
 * <p>Everything is generated and checked in memory first, then written: a bad model fails the build with every
 * problem and writes nothing. Files kforge did not generate are never touched; files it generated earlier that
 * the model no longer produces are removed; unchanged files are not rewritten. The log ends with a summary: per
 * environment, the objects per kind, then the files written, unchanged and removed.
 *
 * <p>Bound to {@code process-classes}, after compiling: a platform class ({@code platformClass}) and manifests
 * that Dekorate writes while compiling ({@code fromManifests}) are there by then. Nothing of the project's build
 * depends on the generated files, so generating after compiling costs nothing.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class GenerateMojo extends AbstractKforgeMojo {

    /** Skips this goal only. */
    @Parameter(property = "k8s.generate.skip", defaultValue = "false")
    private boolean skipGenerate;

    /**
     * Where the fingerprint of the last successful run's inputs and output is kept, for the up-to-date check: a run
     * whose inputs (spec and every project file, compile class path, plugin, parameters) and output directory are
     * unchanged generates nothing. {@code mvn clean} removes it.
     */
    @Parameter(defaultValue = "${project.build.directory}/kforge/generate.fingerprint", readonly = true)
    private File fingerprintFile;

    /** Creates the mojo; Maven sets the parameters. */
    public GenerateMojo() {
    }

    @Override
    protected String goal() {
        return "generate";
    }

    @Override
    protected boolean skipGoal() {
        return skipGenerate;
    }

    @Override
    protected void run(GenerateRequest request) {
        UpToDateCheck check = new UpToDateCheck(fingerprintFile.toPath());
        Path output = outputDirectory.toPath();
        String inputs = inputs(check);
        if (inputs != null && check.upToDate(inputs, output)) {
            getLog().info("kforge generate: " + shown(output) + " is up to date: nothing it is made from changed "
                    + "since the last run (" + shown(fingerprintFile.toPath()) + "; mvn clean forgets it)");
            return;
        }
        try {
            check.forget();
        } catch (IOException e) {
            getLog().debug("cannot delete " + fingerprintFile, e);
        }
        GenerateReport report = Kforge.generate(request);
        report.summary().forEach(getLog()::info);
        if (inputs != null) {
            try {
                check.record(inputs, output);
            } catch (IOException | UncheckedIOException e) {
                getLog().debug("cannot record the fingerprint in " + fingerprintFile + "; the next run generates", e);
            }
        }
    }

    /** The fingerprint of this run's inputs, or {@code null} (then it generates) when they cannot be read. */
    private String inputs(UpToDateCheck check) {
        Path build = Path.of(project.getBuild().getDirectory()).toAbsolutePath();
        // the spec counts also when it lies outside the project (the class path lies outside it anyway)
        List<Path> classPath = new ArrayList<>(List.of(specFile.toPath().toAbsolutePath()));
        // files the spec names outside the project lie in the allowed folders
        classPath.addAll(allowedDirectories());
        List<URL> pluginJars = new ArrayList<>();
        try {
            project.getCompileClasspathElements().forEach(e -> classPath.add(Path.of(e)));
        } catch (DependencyResolutionRequiredException e) {
            return null;
        }
        if (getClass().getClassLoader() instanceof URLClassLoader realm) {
            pluginJars.addAll(List.of(realm.getURLs()));
        }
        try {
            return check.inputs(new UpToDateCheck.Inputs(parameterValues(), project.getBasedir().toPath()
                    .toAbsolutePath(), Set.of(build, outputDirectory.toPath().toAbsolutePath()), classPath,
                    pluginJars));
        } catch (UncheckedIOException e) {
            getLog().debug("cannot fingerprint the inputs; generating", e);
            return null;
        }
    }
}
