package dev.kforge.cli;

import dev.kforge.Kforge;
import dev.kforge.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code kforge verify}: what {@code mvn k8s:verify} does; for CI in a GitOps repository. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks that the output directory is exactly what kforge generates now, writing nothing.",
            "Exits 1 when a generated file was edited or is missing, or a file kforge generated earlier is still "
                    + "there, listing each with a unified diff."})
final class VerifyCommand implements Callable<Integer>, KforgeCli.Work {

    @Mixin
    private ModelOptions model;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        VerifyReport report = Kforge.verify(model.request());
        PrintWriter out = spec.commandLine().getOut();
        report.summary().forEach(out::println);
        if (report.upToDate()) {
            out.println(model.outputDirectory + " is up to date");
            return KforgeCli.CLEAN;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(report.driftListing(model.outputDirectory.toString(), model.model()));
        err.println("Run `kforge generate` with the same options and commit " + model.outputDirectory + "/.");
        return KforgeCli.PROBLEMS;
    }

    @Override
    public String whenOutOfMemory() {
        return "verifying " + model.outputDirectory + " against " + model.model() + " (verify writes nothing)";
    }
}
