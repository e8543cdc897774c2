package dev.kforge.maven;

import dev.kforge.KforgeException;
import dev.kforge.validate.ManifestFiles;
import dev.kforge.validate.SchemaValidator;
import dev.kforge.validate.readiness.Assumptions;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * {@code file:line: Kind/name: .spec.path: message [rule]}, JSON and JUnit reports are written, and the build fails
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

    /** Where the JSON report goes, for CI systems to show. */
    @Parameter(property = "k8s.validate.reportFile", defaultValue = "${project.build.directory}/kforge-validation.json")
    private File reportFile;

    /** Where the JUnit XML report goes: one test case per file, a failure per error. */
    @Parameter(property = "k8s.validate.junitFile", defaultValue = "${project.build.directory}/kforge-validation.xml")
    private File junitFile;

    /** The project's folder (the current folder without a project); relative paths are resolved against it. */
    @Parameter(defaultValue = "${basedir}", readonly = true)
    private File basedir;

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
        try {
            SchemaValidator validator = SchemaValidator.forVersion(kubernetesVersion);
            if (crds != null && !crds.isBlank()) {
                List<String> texts = new ArrayList<>();
                for (Path crd : split(crds)) {
                    texts.add(Files.readString(crd, StandardCharsets.UTF_8));
                }
                validator = validator.withCustomResourceDefinitions(texts);
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
        } catch (IOException e) {
            throw new MojoFailureException("cannot read a CRD file given in k8s.validate.crds: " + e.getMessage());
        }
    }

    private void writeReport(ManifestFiles.Result result) throws IOException {
        write(reportFile, ManifestFiles.json(result));
        write(junitFile, ManifestFiles.junit(result));
    }

    private void write(File file, String text) throws IOException {
        if (file == null) {
            return;
        }
        if (file.getPath().contains("${")) {
            // without a project Maven leaves ${project.build.directory} unresolved: target/ of the current folder
            file = new File(new File(basedir == null ? new File(".") : basedir, "target"), file.getName());
        }
        Files.createDirectories(file.toPath().toAbsolutePath().getParent());
        Files.writeString(file.toPath(), text, StandardCharsets.UTF_8);
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
