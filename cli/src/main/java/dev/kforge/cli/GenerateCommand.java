package dev.kforge.cli;

import dev.kforge.GenerateReport;
import dev.kforge.Kforge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code kforge generate}: what {@code mvn k8s:generate} does. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generates the platform's Kustomize tree, Helm chart and report into the output directory.",
            "Everything is generated and checked in memory first (schemas and the policy of each environment), then "
                    + "written safely: nothing is written when anything fails, files kforge did not generate are "
                    + "never touched, unchanged files are not rewritten."})
final class GenerateCommand implements Callable<Integer>, KforgeCli.Work {

    @Mixin
    private ModelOptions model;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        GenerateReport report = Kforge.generate(model.request());
        report.summary().forEach(spec.commandLine().getOut()::println);
        return KforgeCli.CLEAN;
    }

    @Override
    public String whenOutOfMemory() {
        // the model, the objects and the output tree are built in memory before anything is written, and the
        // writer's commit is completed or undone by the next run
        return "generating from " + model.model() + "; nothing was written to " + model.outputDirectory;
    }
}
