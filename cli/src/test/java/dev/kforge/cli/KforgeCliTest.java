package dev.kforge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line, run in process: what it prints and the exit code it returns. */
class KforgeCliTest {

    @TempDir
    Path dir;

    private static final String VALID = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop}
            data: {mode: fast}
            """;

    private static final String SPEC = """
            platform: {name: shop}
            services:
              web:
                kind: web-service
                image: web:1.0.0
                ports: {http: 8080}
                replicas: 2
                probes: {liveness: {path: /health}, readiness: {path: /ready}}
                resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                disruptionBudget: {minAvailable: "1"}
            environments:
              dev: {profile: dev}
            """;

    private static final String WIDGET_CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec: {type: object, properties: {size: {type: integer}}}
            """;

    private static final String WIDGET = """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            spec: {size: large}
            """;

    /** The outcome of one run. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = KforgeCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void validate_whenEveryManifestIsValid_thenExitZeroAndTheSummary() throws Exception {
        // given
        Files.writeString(dir.resolve("settings.yaml"), VALID);
        // when
        Run run = run("validate", "--no-policy", dir.toString());
        // then
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("1 file(s) validated, 0 problem(s), 0 error(s)\n");
    }

    @Test
    void validate_whenAManifestIsInvalid_thenExitOneAndTheProblemWithItsLine() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("settings.yaml"), VALID.replace("data: {mode: fast}",
                "data: {mode: 1}"));
        // when
        Run run = run("validate", "--no-policy", file.toString());
        // then
        assertThat(run.code()).isEqualTo(KforgeCli.PROBLEMS);
        assertThat(run.out()).startsWith(file + ":4: ConfigMap/settings: .data.mode: ")
                .endsWith("1 file(s) validated, 1 problem(s), 1 error(s)\n");
    }

    @Test
    void validate_whenSarifToAFile_thenTheReportThereAndTheSummaryOnStandardError() throws Exception {
        // given
        Files.writeString(dir.resolve("settings.yaml"), VALID.replace("kind: ConfigMap", "kind: ConfigMapp"));
        Path report = dir.resolve("reports/kforge.sarif");
        // when
        Run run = run("validate", "--format", "SARIF", "--report", report.toString(), dir.resolve("settings.yaml")
                .toString());
        // then
        assertThat(run.code()).isEqualTo(KforgeCli.PROBLEMS);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("1 file(s) validated, 1 problem(s), 1 error(s); report: " + report + "\n");
        JsonNode sarif = new ObjectMapper().readTree(report.toFile());
        assertThat(sarif.at("/runs/0/results/0/message/text").asText()).contains("no schema for kind ConfigMapp");
    }

    @Test
    void validate_whenCustomResourceOfTheUserWithItsCrd_thenCheckedAgainstIt() throws Exception {
        // given
        Path crd = Files.writeString(dir.resolve("crd.yaml"), WIDGET_CRD);
        Path widget = Files.writeString(dir.resolve("widget.yml"), WIDGET);
        // when
        Run run = run("validate", "--no-policy", "--project-directory", dir.toString(), "--crds", crd.toString(),
                widget.toString());
        // then
        assertThat(run.code()).isEqualTo(KforgeCli.PROBLEMS);
        assertThat(run.out()).contains(widget + ":4: Widget/w: .spec.size: expected integer");
    }

    @Test
    void validate_whenPathDoesNotExistOrOptionIsWrong_thenExitTwoWithWhatToDo() {
        // when
        Run missing = run("validate", dir.resolve("nothing").toString());
        Run format = run("validate", "--format", "yaml", dir.toString());
        Run version = run("validate", "--kubernetes-version", "1.12", dir.toString());
        Run noCommand = run();
        // then
        assertThat(missing.code()).isEqualTo(KforgeCli.USAGE);
        assertThat(missing.err()).startsWith("There is no file or directory at " + dir.resolve("nothing"))
                .contains("Try 'kforge validate --help'");
        assertThat(format.code()).isEqualTo(KforgeCli.USAGE);
        assertThat(format.err()).startsWith("Invalid value for option '--format'");
        assertThat(version.code()).isEqualTo(KforgeCli.USAGE);
        assertThat(version.err()).contains("kforge has no schemas for Kubernetes version '1.12'");
        assertThat(noCommand.code()).isEqualTo(KforgeCli.USAGE);
        assertThat(noCommand.err()).startsWith("name a command: validate, generate, verify or import");
    }

    @Test
    void generateThenVerify_whenSpecGiven_thenWrittenThenUpToDateThenDriftAfterAHandEdit() throws Exception {
        // given
        Path spec = Files.writeString(dir.resolve("platform.yaml"), SPEC);
        Path deploy = dir.resolve("deploy");
        String[] model = {"--spec-file", spec.toString(), "--output-directory", deploy.toString(),
            "--chart-version", "2.0.0"};
        // when
        Run generate = run(concat("generate", model));
        Run clean = run(concat("verify", model));
        Files.writeString(deploy.resolve("kustomize/base/web/service.yaml"), "# edited\n");
        Run drift = run(concat("verify", model));
        // then
        assertThat(generate.code()).isZero();
        assertThat(generate.out()).contains("dev: ").contains("files: ").contains(" written, 0 unchanged, 0 removed");
        assertThat(Files.readString(deploy.resolve("helm/shop/Chart.yaml"))).contains("version: 2.0.0");
        assertThat(clean.code()).isZero();
        assertThat(clean.out()).endsWith(deploy + " is up to date\n");
        assertThat(drift.code()).isEqualTo(KforgeCli.PROBLEMS);
        assertThat(drift.err()).startsWith(deploy + " is not what kforge generates from " + spec
                + ": 1 file differs.").contains("changed: " + deploy + "/kustomize/base/web/service.yaml")
                .contains("Run `kforge generate` with the same options");
    }

    @Test
    void generate_whenSpecHasProblems_thenExitOneListingThemAndNothingWritten() throws Exception {
        // given
        Path spec = Files.writeString(dir.resolve("platform.yaml"), SPEC.replace("replicas: 2", "replicas: -2"));
        // when
        Run run = run("generate", "--spec-file", spec.toString(), "-o", dir.resolve("deploy").toString());
        // then
        assertThat(run.code()).isEqualTo(KforgeCli.PROBLEMS);
        assertThat(run.err()).contains("platform.yaml:7: services.web.replicas");
        assertThat(dir.resolve("deploy")).doesNotExist();
    }

    @Test
    void generate_whenTheSpecDoesNotReadIntoAPlatform_thenTheNoteSaysWhichChecksDidNotRun() throws Exception {
        // given
        Path spec = Files.writeString(dir.resolve("platform.yaml"), SPEC.replace("    replicas: 2\n",
                "    replicas: 2\n    dependsOn: [no-such-service]\n"));
        // when
        Run run = run("generate", "--spec-file", spec.toString(), "-o", dir.resolve("deploy").toString());
        // then: the problem, then the note after it
        assertThat(run.code()).isEqualTo(KforgeCli.PROBLEMS);
        assertThat(run.err()).contains("platform.yaml:8: services.web.dependsOn: 'no-such-service' is neither")
                .contains("\nFix these first: the later checks (environments, policy) did not run, as the spec did "
                        + "not read into a platform.");
        assertThat(dir.resolve("deploy")).doesNotExist();
    }

    @Test
    void generate_whenNoSpecFile_thenExitTwoSayingHowToNameOne() {
        // when
        Run run = run("generate", "--spec-file", dir.resolve("missing.yaml").toString());
        // then
        assertThat(run.code()).isEqualTo(KforgeCli.USAGE);
        assertThat(run.err()).startsWith("There is no kforge spec file at " + dir.resolve("missing.yaml"));
    }

    @Test
    void generateAndVerify_whenAConfigFileIsOutsideTheProject_thenRefusedNamingTheOptionAndReadWhenAllowed()
            throws Exception {
        // given
        Path project = Files.createDirectories(dir.resolve("project"));
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(shared.resolve("app.properties"), "mode=fast\n");
        Files.writeString(project.resolve("platform.yaml"), SPEC.replace("    replicas: 2\n",
                "    replicas: 2\n    config: {fromFiles: [../shared/app.properties]}\n"));
        String[] model = {"--project-directory", project.toString(), "--spec-file", "platform.yaml",
            "--output-directory", "deploy"};
        String[] allowed = concat("--allowed-directories", concat("../shared", model));
        // when
        Run refusedGenerate = run(concat("generate", model));
        Run refusedVerify = run(concat("verify", model));
        Run generate = run(concat("generate", allowed));
        Run verify = run(concat("verify", allowed));
        // then
        for (Run refused : java.util.List.of(refusedGenerate, refusedVerify)) {
            assertThat(refused.code()).isEqualTo(KforgeCli.PROBLEMS);
            assertThat(refused.err()).contains("platform.yaml:8: services.web.config.fromFiles.0: "
                            + "'../shared/app.properties' names " + shared.toRealPath().resolve("app.properties")
                            + ", outside the project (" + project.toRealPath() + ")",
                    "allow its folder with --allowed-directories " + shared.toRealPath())
                    .doesNotContain("-Dk8s", "allowedDirectories>", "\tat ");
        }
        assertThat(generate.code()).as(generate.err()).isZero();
        assertThat(Files.readString(project.resolve("deploy/kustomize/base/web/configmap.yaml")))
                .contains("mode=fast");
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).endsWith("deploy is up to date\n");
    }

    @Test
    void generate_whenTheProjectDirectoryIsGiven_thenRelativePathsStartFromIt() throws Exception {
        // given
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("src/main/kforge"));
        Files.writeString(project.resolve("src/main/kforge/platform.yaml"), SPEC);
        // when
        Run run = run("generate", "--project-directory", project.toString());
        Run missing = run("generate", "--project-directory", dir.resolve("none").toString());
        // then
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(project.resolve("deploy/kustomize/base/web/service.yaml")).exists();
        assertThat(missing.code()).isEqualTo(KforgeCli.USAGE);
        assertThat(missing.err()).startsWith("There is no directory at " + dir.resolve("none")
                + " (--project-directory).");
    }

    @Test
    void validate_whenACrdIsOutsideTheProject_thenRefusedNamingTheOptionAndUsedWhenAllowed() throws Exception {
        // given
        Path project = Files.createDirectories(dir.resolve("project"));
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(shared.resolve("crd.yaml"), WIDGET_CRD);
        Files.writeString(project.resolve("widget.yaml"), WIDGET);
        String[] args = {"validate", "--no-policy", "--project-directory", project.toString(), "--crds",
            "../shared/crd.yaml", "widget.yaml"};
        // when
        Run refused = run(args);
        Run allowed = run(concat(args[0], concat("--allowed-directories", concat(shared.toString(),
                java.util.Arrays.copyOfRange(args, 1, args.length)))));
        // then
        assertThat(refused.code()).isEqualTo(KforgeCli.PROBLEMS);
        assertThat(refused.err()).startsWith("--crds: '../shared/crd.yaml' names "
                        + shared.toRealPath().resolve("crd.yaml") + ", outside the project")
                .contains("--allowed-directories " + shared.toRealPath()).doesNotContain("-Dk8s");
        assertThat(refused.out()).isEmpty();
        assertThat(allowed.code()).isEqualTo(KforgeCli.PROBLEMS);
        assertThat(allowed.out()).contains(project.resolve("widget.yaml") + ":4: Widget/w: .spec.size: expected "
                + "integer");
    }

    private static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  securityContext: {runAsUser: 1000}
                  containers:
                    - name: web
                      image: ghcr.io/acme/web:1.4.2
                      ports: [{name: http, containerPort: 8080}]
                      readinessProbe: {httpGet: {path: /ready, port: http}}
                      livenessProbe: {httpGet: {path: /live, port: http}}
                      resources:
                        requests: {cpu: 100m, memory: 64Mi}
                        limits: {cpu: 200m, memory: 128Mi}
                      securityContext: {readOnlyRootFilesystem: true}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reader, namespace: shop}
            rules: []
            """;

    @Test
    void importThenGenerate_whenManifestsInTheProject_thenTheSpecIsWrittenAndGenerates() throws Exception {
        // given
        Path project = Files.createDirectories(dir.resolve("Acme Shop"));
        Files.createDirectories(project.resolve("k8s"));
        Files.writeString(project.resolve("k8s/web.yaml"), MANIFESTS);
        // when
        Run imported = run("import", "--project-directory", project.toString(), "k8s");
        Path spec = project.resolve("src/main/kforge/platform.yaml");
        Run generate = run("generate", "--spec-file", spec.toString(), "-o", project.resolve("deploy").toString());
        // then
        assertThat(imported.code()).isZero();
        assertThat(imported.out()).startsWith("wrote src/main/kforge/platform.yaml\n")
                .endsWith("kforge import: 1 service(s) [web] into src/main/kforge/platform.yaml; 1 thing(s) not "
                        + "carried over, listed at its top. Review it, then run `kforge generate`.\n");
        assertThat(imported.err()).startsWith("note: not carried over: Role reader (k8s/web.yaml): RBAC")
                .doesNotContain("to fix");
        String written = Files.readString(spec);
        assertThat(written).contains("name: acme-shop", "namespace: shop", "image: ghcr.io/acme/web:1.4.2",
                "# - not carried over: Role reader (k8s/web.yaml): RBAC");
        assertThat(generate.code()).as(generate.err()).isZero();
        assertThat(Files.readString(project.resolve("deploy/kustomize/base/web/deployment.yaml")))
                .contains("image: ghcr.io/acme/web:1.4.2", "containerPort: 8080");
        assertThat(Files.readString(project.resolve("deploy/kustomize/base/web/service.yaml")))
                .contains("port: 80");
    }

    @Test
    void import_whenTheSpecExists_thenExitOneNamingTheOptionsAndReplacedOnlyWithOverwrite() throws Exception {
        // given
        Files.writeString(dir.resolve("web.yaml"), MANIFESTS);
        Path spec = Files.writeString(dir.resolve("platform.yaml"), "# mine\n");
        String[] args = {"import", "--project-directory", dir.toString(), "--spec-file", "platform.yaml", "--name",
            "shop", "web.yaml"};
        // when
        Run refused = run(args);
        String kept = Files.readString(spec);
        Run replaced = run(concat(args[0], concat("--overwrite", java.util.Arrays.copyOfRange(args, 1,
                args.length))));
        // then
        assertThat(refused.code()).isEqualTo(KforgeCli.PROBLEMS);
        assertThat(refused.err()).startsWith("a spec already exists at " + dir.resolve("platform.yaml"))
                .contains("(--spec-file FILE)", "with --overwrite").doesNotContain("-Dk8s");
        assertThat(kept).isEqualTo("# mine\n");
        assertThat(replaced.code()).isZero();
        assertThat(replaced.out()).contains("then run `kforge generate --spec-file platform.yaml`");
        assertThat(Files.readString(spec)).contains("name: shop");
    }

    @Test
    void import_whenTheManifestsAreOutsideTheProject_thenRefusedUnlessTheirFolderIsAllowed() throws Exception {
        // given
        Path project = Files.createDirectories(dir.resolve("project"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path manifests = Files.writeString(elsewhere.resolve("web.yaml"), MANIFESTS);
        // when
        Run refused = run("import", "--project-directory", project.toString(), manifests.toString());
        Run allowed = run("import", "--project-directory", project.toString(), "--allowed-directories",
                elsewhere.toString(), manifests.toString());
        // then
        assertThat(refused.code()).isEqualTo(KforgeCli.PROBLEMS);
        assertThat(refused.err()).contains("outside the project", "--allowed-directories " + elsewhere.toRealPath())
                .doesNotContain("-Dk8s");
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(project.resolve("src/main/kforge/platform.yaml")).content().contains("name: project");
    }

    @Test
    void import_whenNoPathOrAMissingOne_thenExitTwo() {
        // when
        Run none = run("import", "--project-directory", dir.toString());
        Run missing = run("import", "--project-directory", dir.toString(), "k8s");
        // then
        assertThat(none.code()).isEqualTo(KforgeCli.USAGE);
        assertThat(none.err()).startsWith("Missing required parameter: 'PATH'");
        assertThat(missing.code()).isEqualTo(KforgeCli.USAGE);
        assertThat(missing.err()).startsWith("There is no file or directory at k8s in " + dir)
                .contains("Try 'kforge import --help'");
        assertThat(dir.resolve("src")).doesNotExist();
    }

    @Test
    void version_whenAsked_thenKforgesVersionAndTheJava() {
        // when
        Run run = run("--version");
        // then
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("kforge 0.").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void help_whenAsked_thenEveryCommandAndTheExitCodes() {
        // when
        Run run = run("--help");
        // then
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("validate", "generate", "verify", "import", "Exit codes: 0 clean, 1 problems found, "
                + "2 usage error.");
    }

    private static String[] concat(String first, String... rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
