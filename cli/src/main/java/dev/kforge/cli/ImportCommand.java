package dev.kforge.cli;

import dev.kforge.ImportReport;
import dev.kforge.ImportRequest;
import dev.kforge.Kforge;
import dev.kforge.importer.ManifestImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kforge import}: what {@code mvn k8s:import} does, in the current folder. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Turns existing Kubernetes manifests into a kforge spec, so that a team starts from what it "
                + "runs today.",
            "Reads the files and directories given (a directory with its subdirectories, leaving out kustomization "
                    + "files, patches and Helm charts), writes the spec with the config files it names beside it, "
                    + "and lists everything that was not carried over (also written at the top of the spec). An "
                    + "existing spec is never replaced without --overwrite. Then `kforge generate` generates from it.",
            "Exits 1 when the manifests cannot be imported (nothing is written) or the spec as written has problems "
                    + "to fix before `kforge generate` (they are listed)."})
final class ImportCommand implements Callable<Integer>, KforgeCli.Work {

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Manifest files and directories to import, relative to the project directory.")
    private List<Path> inputs = new ArrayList<>();

    @Option(names = "--spec-file", paramLabel = "FILE", defaultValue = "src/main/kforge/platform.yaml",
            description = "Where the spec is written, relative to the project directory; config files go beside it "
                    + "(default: ${DEFAULT-VALUE}).")
    private Path specFile;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The platform's name (default: the project directory's name, as a DNS label of at most "
                    + "40 characters).")
    private String name;

    @Option(names = "--overwrite", description = "Replaces an existing spec and the config files beside it.")
    private boolean overwrite;

    @Mixin
    private ProjectOptions project;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Path base = project.base();
        List<Path> files = inputs.stream().map(base::resolve).toList();
        for (int i = 0; i < files.size(); i++) {
            if (!Files.exists(files.get(i))) {
                throw new KforgeCli.UsageException("There is no file or directory at " + inputs.get(i)
                        + project.where() + "; name the manifests to import.");
            }
        }
        String platform = name != null && !name.isBlank() ? name.strip()
                : ManifestImporter.platformName(String.valueOf(base.getFileName()));
        Path target = base.resolve(specFile);
        ImportReport report = Kforge.importManifests(new ImportRequest(files, target, base,
                project.allowed(), platform, overwrite,
                new ImportRequest.Settings("PATH", "--spec-file FILE", "--overwrite", ProjectOptions.ALLOW)));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        report.notes().forEach(n -> err.println("note: " + n));
        report.problems().forEach(p -> err.println("to fix before kforge generate: " + p));
        report.written().forEach(f -> out.println("wrote " + shown(f, base)));
        String generate = "kforge generate" + (specFile.toString().equals("src/main/kforge/platform.yaml") ? ""
                : " --spec-file " + specFile);
        out.println("kforge import: " + report.services().size() + " service(s) " + report.services() + " into "
                + shown(report.spec(), base) + "; " + report.notes().size() + " thing(s) not carried over, listed "
                + "at its top. " + (report.problems().isEmpty() ? "Review it, then run `" + generate + "`."
                : report.problems().size() + " problem(s) to fix in it before `" + generate + "`."));
        return report.problems().isEmpty() ? KforgeCli.CLEAN : KforgeCli.PROBLEMS;
    }

    @Override
    public String whenOutOfMemory() {
        return "importing " + String.join(" ", inputs.stream().map(Path::toString).toList()) + " (the spec is "
                + "written only after every manifest was read; if " + specFile + " was written, run again with "
                + "--overwrite)";
    }

    private static String shown(Path path, Path base) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }
}
