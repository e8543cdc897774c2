package dev.kforge.cli;

import dev.kforge.KforgeException;
import dev.kforge.spec.ProjectFiles;
import dev.kforge.validate.ManifestFiles;
import dev.kforge.validate.SchemaValidator;
import dev.kforge.validate.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kforge validate}: what {@code mvn k8s:validate} does, for any folder of manifests. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Validates Kubernetes manifests strictly and offline against the official API definitions of "
                + "a Kubernetes version, with kubeconform -strict's verdicts, and against kforge's best-practice rules.",
            "Directories are searched for *.yaml, *.yml and *.json, leaving out kustomization files, patches/, Helm "
                    + "charts' Chart.yaml, values*.yaml and templates/. Exits 1 when any problem is an error."})
final class ValidateCommand implements Callable<Integer>, KforgeCli.Work {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Files and directories to validate, relative to the project directory (default: the output "
                    + "directory, deploy).")
    private List<Path> paths = new ArrayList<>();

    @Option(names = {"-o", "--output-directory"}, paramLabel = "DIR", defaultValue = "deploy",
            description = "kforge's output directory, validated when no PATH is given (default: ${DEFAULT-VALUE}).")
    private Path outputDirectory;

    @Option(names = "--kubernetes-version", paramLabel = "VERSION",
            defaultValue = SchemaValidator.DEFAULT_KUBERNETES_VERSION,
            description = "The Kubernetes version of the API definitions: 1.30, 1.31, 1.32 or 1.33 "
                    + "(default: ${DEFAULT-VALUE}).")
    private String kubernetesVersion;

    @Option(names = "--crds", paramLabel = "FILE", split = ",",
            description = "CustomResourceDefinition files for your own custom resources, separated by ','; inside "
                    + "the project directory or --allowed-directories. cert-manager, external-secrets, Prometheus "
                    + "operator and Argo CD resources need none.")
    private List<Path> crds = new ArrayList<>();

    @Mixin
    private ProjectOptions project;

    @Option(names = "--no-policy", description = "Checks the schemas only, not kforge's best-practice rules.")
    private boolean noPolicy;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "The report's format: text, json, junit or sarif (default: ${DEFAULT-VALUE}).")
    private ValidationReport.Format format;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Writes the report to FILE instead of standard output (a summary still goes to standard "
                    + "error).")
    private Path report;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        List<Path> given = paths.isEmpty() ? List.of(outputDirectory) : paths;
        List<Path> targets = given.stream().map(project::resolve).toList();
        for (int i = 0; i < targets.size(); i++) {
            if (!Files.exists(targets.get(i))) {
                throw new KforgeCli.UsageException("There is no file or directory at " + given.get(i)
                        + project.where() + "; name existing files and directories to validate" + (paths.isEmpty()
                        ? " (without a PATH, kforge validates its output directory, " + outputDirectory + ")" : "")
                        + ".");
            }
        }
        SchemaValidator validator;
        try {
            validator = SchemaValidator.forVersion(kubernetesVersion);
        } catch (KforgeException e) {
            throw new KforgeCli.UsageException(e.getMessage() + " (--kubernetes-version)");
        }
        List<Path> crdFiles = crdFiles();
        if (!crdFiles.isEmpty()) {
            validator = validator.withCustomResourceDefinitionFiles(crdFiles);
        }
        ManifestFiles.Result result = ManifestFiles.validate(validator, targets, !noPolicy);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (report != null) {
            ValidationReport.write(result, format, project.resolve(report));
            err.println(result.summary() + "; report: " + report);
        } else {
            out.print(ValidationReport.render(result, format));
            out.flush();
            if (format != ValidationReport.Format.TEXT) {
                err.println(result.summary());
            }
        }
        return result.errors() > 0 ? KforgeCli.PROBLEMS : KforgeCli.CLEAN;
    }

    @Override
    public String whenOutOfMemory() {
        // the report is rendered in memory before its file is opened
        return "validating " + (paths.isEmpty() ? outputDirectory : String.join(" ", paths.stream()
                .map(Path::toString).toList())) + (report == null ? "" : "; the report " + report + " was not "
                + "written");
    }

    /** The CRD files given, inside the project's boundary (like the plugin's): a file outside is refused, exit 1. */
    private List<Path> crdFiles() {
        Path base = project.base();
        ProjectFiles boundary = project.files();
        List<Path> checked = new ArrayList<>();
        for (Path given : crds) {
            Path crd = base.resolve(given).normalize();
            String refused = boundary.refusal(base, crd, given.toString());
            if (refused != null) {
                throw new KforgeException("--crds: " + refused, List.of());
            }
            if (!Files.isRegularFile(crd)) {
                throw new KforgeCli.UsageException("There is no CustomResourceDefinition file at " + given
                        + project.where() + " (--crds).");
            }
            checked.add(crd);
        }
        return checked;
    }
}
