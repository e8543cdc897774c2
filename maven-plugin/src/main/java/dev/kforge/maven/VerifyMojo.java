package dev.kforge.maven;

import dev.kforge.GenerateRequest;
import dev.kforge.Kforge;
import dev.kforge.VerifyReport;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks that the output directory is exactly what kforge generates now ({@code mvn k8s:verify}); meant for CI in
 * a GitOps repository, where the generated files are committed.
 *
 * <p>It generates in memory and compares with the directory on disk, writing nothing. The build fails when any
 * generated file is changed (a hand edit, or a model change not yet generated) or missing, when a file kforge
 * generated earlier is still there though the model no longer produces it, or when kforge's record of its files
 * ({@code .kforge-generated}) is out of date; the failure names every such file with a unified diff and says
 * which command fixes it. Files kforge did not generate are not compared.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class VerifyMojo extends AbstractKforgeMojo {

    /** Skips this goal only. */
    @Parameter(property = "k8s.verify.skip", defaultValue = "false")
    private boolean skipVerify;

    /** Creates the mojo; Maven sets the parameters. */
    public VerifyMojo() {
    }

    @Override
    protected String goal() {
        return "verify";
    }

    @Override
    protected boolean skipGoal() {
        return skipVerify;
    }

    @Override
    protected void run(GenerateRequest request) throws MojoFailureException {
        VerifyReport report = Kforge.verify(request);
        report.summary().forEach(getLog()::info);
        if (report.upToDate()) {
            getLog().info(shown(outputDirectory.toPath()) + " is up to date");
            return;
        }
        String dir = shown(outputDirectory.toPath());
        StringBuilder message = new StringBuilder(report.driftListing(dir, describeModel()));
        message.append("\nRun ").append(regenerateCommand()).append(" and commit ").append(dir).append("/.");
        throw new MojoFailureException(message.toString());
    }
}
