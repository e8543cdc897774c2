package dev.kforge.maven;

import dev.kforge.GenerateReport;
import dev.kforge.GenerateRequest;
import dev.kforge.Kforge;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

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
        GenerateReport report = Kforge.generate(request);
        report.summary().forEach(getLog()::info);
    }
}
