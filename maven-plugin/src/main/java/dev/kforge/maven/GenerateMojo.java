package dev.kforge.maven;

import dev.kforge.GenerateReport;
import dev.kforge.GenerateRequest;
import dev.kforge.Kforge;
import dev.kforge.KforgeException;
import dev.kforge.api.Problem;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Generates the Kustomize and Helm output of a kforge spec file into the output directory
 * ({@code mvn k8s:generate}). Files kforge did not generate are never touched; a bad spec fails the build with
 * every problem and its line, and writes nothing.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /** The kforge spec file (YAML) describing the platform. */
    @Parameter(property = "k8s.specFile", defaultValue = "${project.basedir}/src/main/kforge/platform.yaml")
    private File specFile;

    /** The directory the generated files are written to; usually committed and deployed by GitOps. */
    @Parameter(property = "k8s.outputDirectory", defaultValue = "${project.basedir}/deploy")
    private File outputDirectory;

    /**
     * The version (and appVersion) of the generated Helm chart: the project's by default. Helm takes SemVer, and
     * leniently a Maven version such as {@code 1.0-SNAPSHOT}.
     */
    @Parameter(property = "k8s.chartVersion", defaultValue = "${project.version}")
    private String chartVersion;

    /** Skips every kforge goal. */
    @Parameter(property = "k8s.skip", defaultValue = "false")
    private boolean skip;

    /** Skips this goal only. */
    @Parameter(property = "k8s.generate.skip", defaultValue = "false")
    private boolean skipGenerate;

    /** Creates the mojo; Maven sets the parameters. */
    public GenerateMojo() {
    }

    @Override
    public void execute() throws MojoFailureException {
        if (skip || skipGenerate) {
            getLog().info("kforge generate skipped");
            return;
        }
        if (!specFile.isFile()) {
            throw new MojoFailureException("There is no kforge spec file at " + specFile + ". Create it, or set "
                    + "the parameter specFile (property k8s.specFile) to your spec, e.g. "
                    + "-Dk8s.specFile=src/main/kforge/platform.yaml.");
        }
        GenerateReport report;
        try {
            report = Kforge.generate(new GenerateRequest(specFile.toPath(), outputDirectory.toPath(), chartVersion));
        } catch (KforgeException e) {
            throw failure(e);
        }
        report.summary().forEach(getLog()::info);
    }

    /** The build failure for {@code e}: every problem on its own line, then what to do. */
    private MojoFailureException failure(KforgeException e) {
        if (e.problems().isEmpty()) {
            return new MojoFailureException(e.getMessage(), e);
        }
        StringBuilder message = new StringBuilder("kforge found ").append(e.problems().size())
                .append(e.problems().size() == 1 ? " problem" : " problems").append(" in ").append(specFile)
                .append(':');
        for (Problem problem : e.problems()) {
            message.append('\n').append(problem);
        }
        message.append("\nFix ").append(e.problems().size() == 1 ? "it" : "them").append(" in ").append(specFile)
                .append(" and run the build again; nothing was written to ").append(outputDirectory).append('.');
        // no cause: Maven would append the cause's own summary to this complete message
        return new MojoFailureException(message.toString());
    }
}
