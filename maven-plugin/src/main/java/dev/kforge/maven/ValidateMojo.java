package dev.kforge.maven;

import dev.kforge.KforgeException;
import dev.kforge.spec.ProjectFiles;
import dev.kforge.validate.ManifestFiles;
import dev.kforge.validate.SchemaValidator;
import dev.kforge.validate.ValidationReport;
import dev.kforge.validate.readiness.Assumptions;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Validates Kubernetes manifests strictly and offline against the official API definitions of a Kubernetes
 * version (the verdicts of {@code kubeconform -strict}): the project's generated output directory, or any files and
 * directories given with {@code -Dk8s.validate.files=PATH[,PATH…]} — also with no project at all, e.g. in a GitOps
 * repository of hand-written YAML: {@code mvn dev.kforge:kforge-maven-plugin:validate -Dk8s.validate.files=apps}.
 * With the policy on (the default), kforge's best-practice rules and its readiness rules (would the objects run as
 * meant once applied: selectors, ports, backends, references, disruption budgets, NetworkPolicies, quotas, Pod
 * Security) check all files as one set. Every problem is logged as
 * {@code file:line: Kind/name: .spec.path: message [rule]}, JSON, JUnit XML and SARIF reports are written under {@code target/}, and the build fails
 * when any problem is an error.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class ValidateMojo extends AbstractMojo {

    /** Files and directories to validate, comma-separated; default the output directory. */
    @Parameter(property = "k8s.validate.files")
    private String files;

    /** The generated output directory, validated when no files are given. */
    @Parameter(property = "k8s.outputDirectory", defaultValue = "${basedir}/deploy")
    private File outputDirectory;

    /** Kubernetes version of the API definitions: 1.30, 1.31, 1.32 or 1.33. */
    @Parameter(property = "k8s.kubernetesVersion", defaultValue = SchemaValidator.DEFAULT_KUBERNETES_VERSION)
    private String kubernetesVersion;

    /** CustomResourceDefinition files for the project's own custom resources, comma-separated. */
    @Parameter(property = "k8s.validate.crds")
    private String crds;

    /**
     * Folders outside the project that CRD files may come from; by default only files inside the project's folder
     * (after symbolic links) are read as CRDs.
     */
    @Parameter(property = "k8s.allowedDirectories")
    private List<File> allowedDirectories;

    /**
     * Also checks kforge's best-practice and readiness rules over all files as one set (errors fail, warnings are
     * logged).
     */
    @Parameter(property = "k8s.validate.policy", defaultValue = "true")
    private boolean policy;

    /**
     * What exists before these manifests are applied, as {@code Kind/name} separated by commas
     * ({@code Secret/db-credentials,ConfigMap/flags}): references to them are not missing. The same can be declared
     * in a {@code kforge.dev/prerequisites} annotation on the object or its Namespace.
     */
    @Parameter(property = "k8s.validate.prerequisites")
    private String prerequisites;

    /** cert-manager issuers (names) that solve ACME challenges over HTTP-01, when they are not among the files. */
    @Parameter(property = "k8s.validate.http01Issuers")
    private String http01Issuers;

    /** The ingress controller's namespace, which NetworkPolicies must let reach Ingress backends. */
    @Parameter(property = "k8s.validate.ingressNamespace", defaultValue = Assumptions.DEFAULT_INGRESS_NAMESPACE)
    private String ingressNamespace;

    /**
     * Where the JSON report goes, for CI systems to show; default {@code target/kforge-validation.json} (the
     * project's build directory, or {@code target/} of the current folder without a project).
     */
    @Parameter(property = "k8s.validate.reportFile")
    private File reportFile;

    /**
     * Where the JUnit XML report goes (one test case per file, a failure per error); default
     * {@code target/kforge-validation.xml}.
     */
    @Parameter(property = "k8s.validate.junitFile")
    private File junitFile;

    /**
     * Where the SARIF report goes (for code scanning, e.g. GitHub's: each problem on its line); default
     * {@code target/kforge-validation.sarif}.
     */
    @Parameter(property = "k8s.validate.sarifFile")
    private File sarifFile;

    /** The project's folder (the current folder without a project); relative paths are resolved against it. */
    @Parameter(defaultValue = "${basedir}", readonly = true)
    private File basedir;

    /** The project, or Maven's stand-in for none (it has no POM file). */
    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    /** Skips every kforge goal. */
    @Parameter(property = "k8s.skip", defaultValue = "false")
    private boolean skip;

    /** Skips this goal only. */
    @Parameter(property = "k8s.validate.skip", defaultValue = "false")
    private boolean skipValidate;

    /** Creates the mojo; Maven sets the parameters. */
    public ValidateMojo() {
    }

    @Override
    public void execute() throws MojoFailureException {
        if (skip || skipValidate) {
            getLog().info("kforge validate skipped (k8s.skip or k8s.validate.skip is set)");
            return;
        }
        List<Path> paths = files == null || files.isBlank() ? List.of(outputDirectory.toPath()) : split(files);
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new MojoFailureException("There is no file or directory at " + path + ". Name existing files "
                        + "and directories, separated by commas, with k8s.validate.files"
                        + (files == null || files.isBlank() ? " (without it, kforge validates the output directory, "
                        + "k8s.outputDirectory)" : "") + ".");
            }
        }
        try {
            SchemaValidator validator = SchemaValidator.forVersion(kubernetesVersion);
            if (crds != null && !crds.isBlank()) {
                validator = validator.withCustomResourceDefinitionFiles(crdFiles());
            }
            Assumptions assumptions = Assumptions.DEFAULT.withPrerequisites(names(prerequisites))
                    .withHttp01Issuers(names(http01Issuers)).withIngressNamespace(ingressNamespace);
            ManifestFiles.Result result = ManifestFiles.validate(validator, paths, policy, assumptions);
            result.problems().forEach(p -> {
                if (p.severity() == dev.kforge.validate.Severity.ERROR) {
                    getLog().error(p.toString());
                } else {
                    getLog().warn(p.toString());
                }
            });
            writeReport(result);
            getLog().info("kforge validate (Kubernetes " + kubernetesVersion + "): " + result.summary());
            if (result.errors() > 0) {
                throw new MojoFailureException(result.summary() + "; the problems are listed above, each as "
                        + "file:line: Kind/name: .path: message. Fix the manifests (or the kforge model that "
                        + "generates them) and run again.");
            }
        } catch (KforgeException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    /** The CRD files given, checked against the project's boundary: inside the project or an allowed folder. */
    private List<Path> crdFiles() throws MojoFailureException {
        Path base = basedir == null ? Path.of("").toAbsolutePath() : basedir.toPath();
        ProjectFiles boundary = ProjectFiles.of(base, allowedDirectories == null ? List.of()
                : allowedDirectories.stream().map(File::toPath).toList());
        List<Path> checked = new ArrayList<>();
        for (String given : Arrays.stream(crds.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            Path crd = base.resolve(given).normalize();
            String refused = boundary.refusal(base, crd, given);
            if (refused != null) {
                throw new MojoFailureException("k8s.validate.crds: " + refused);
            }
            if (!Files.isRegularFile(crd) || crd.toFile().length() > 32L * 1024 * 1024) {
                throw new MojoFailureException("k8s.validate.crds: " + crd + " is " + (Files.isRegularFile(crd)
                        ? "larger than 32 MiB" : "not a file") + "; name CustomResourceDefinition files");
            }
            checked.add(crd);
        }
        return checked;
    }

    private void writeReport(ManifestFiles.Result result) {
        write(orDefault(reportFile, "kforge-validation.json"), ValidationReport.Format.JSON, result);
        write(orDefault(junitFile, "kforge-validation.xml"), ValidationReport.Format.JUNIT, result);
        write(orDefault(sarifFile, "kforge-validation.sarif"), ValidationReport.Format.SARIF, result);
    }

    /**
     * {@code file}, or {@code name} in the build directory: the project's, or {@code target/} of the current folder
     * when there is no project (Maven's stand-in project would name a folder literally called
     * {@code ${project.basedir}}).
     */
    private File orDefault(File file, String name) {
        if (file != null) {
            return file;
        }
        boolean standalone = project == null || project.getFile() == null;
        File build = standalone ? new File(basedir, "target") : new File(project.getBuild().getDirectory());
        return new File(build, name);
    }

    private void write(File file, ValidationReport.Format format, ManifestFiles.Result result) {
        if (file == null) {
            return;
        }
        ValidationReport.write(result, format, file.toPath());
        getLog().info("report: " + file);
    }

    private static List<String> names(String list) {
        return list == null ? List.of() : Arrays.stream(list.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private List<Path> split(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> basedir == null ? Path.of(s) : basedir.toPath().resolve(s)).toList();
    }

}
