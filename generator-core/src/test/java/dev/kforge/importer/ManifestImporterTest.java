package dev.kforge.importer;

import dev.kforge.ImportRequest;
import dev.kforge.Kforge;
import dev.kforge.KforgeException;
import dev.kforge.api.ModelException;
import dev.kforge.spec.SpecReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestImporterTest {

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  securityContext: {runAsUser: 1000}
                  containers:
                    - name: web
                      image: ghcr.io/acme/web:1.0.0
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
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}]
            """;

    private static ManifestImporter.Result run(String yaml) {
        return ManifestImporter.importManifests("demo", "test.yaml",
                List.of(new ManifestImporter.Manifest("test.yaml", yaml)));
    }

    @Test
    void importManifests_whenDeploymentAndService_thenTheSpecReadsBackWithTheServicePort() {
        ManifestImporter.Result r = run(WEB);

        assertThat(r.problems()).isEmpty();
        assertThat(r.services()).containsExactly("web");
        var platform = SpecReader.read("platform.yaml", r.spec());
        var port = platform.services().get(0).ports().get(0);
        assertThat(port.port()).isEqualTo(8080);
        assertThat(port.servicePort()).isEqualTo(80);
        assertThat(platform.environments()).extracting(e -> e.name()).containsExactly("dev", "staging", "prod");
    }

    @Test
    void importManifests_whenWhatKforgeCannotSay_thenEachIsANoteAtTheTop() {
        String yaml = WEB.replace("      securityContext: {runAsUser: 1000}\n", "      securityContext: {runAsUser: 1000}\n"
                + "      hostNetwork: true\n      dnsPolicy: ClusterFirstWithHostNet\n")
                .replace("          readinessProbe:", "          envFrom: [{secretRef: {name: web-env}}]\n"
                        + "          readinessProbe:") + """
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec: {selector: {matchLabels: {app: agent}}, template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: a, image: x:1}]}}}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: reader}
                rules: []
                """;

        ManifestImporter.Result r = run(yaml);

        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("host namespaces, DNS settings not carried over"))
                .anySatisfy(n -> assertThat(n).contains("envFrom Secret web-env is not carried over"))
                .anySatisfy(n -> assertThat(n).contains("not carried over: DaemonSet agent (test.yaml)"))
                .anySatisfy(n -> assertThat(n).contains("not carried over: Role reader (test.yaml): RBAC"));
        r.notes().forEach(n -> assertThat(r.spec()).contains("# - " + n + "\n"));
    }

    @Test
    void importManifests_whenALiteralLooksLikeASecret_thenItsValueIsNotWritten() {
        String yaml = WEB.replace("          readinessProbe:", "          env: [{name: DB_PASSWORD, value: hunter2-hunter2}]\n"
                + "          readinessProbe:");

        ManifestImporter.Result r = run(yaml);

        assertThat(r.spec()).doesNotContain("hunter2");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("env DB_PASSWORD").contains("looks like a secret"));
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void importManifests_whenImageIsUnpinned_thenTheSpecIsWrittenWithTheProblemToFix() {
        ManifestImporter.Result r = run(WEB.replace("ghcr.io/acme/web:1.0.0", "ghcr.io/acme/web:latest"));

        assertThat(r.problems()).isNotEmpty();
        assertThat(r.spec()).contains("# - TO FIX before k8s:generate: ");
    }

    @Test
    void importManifests_whenNoWorkload_thenAProblemSaysSo() {
        assertThatThrownBy(() -> run("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"))
                .isInstanceOf(ModelException.class).hasMessageContaining("there is nothing to import");
    }

    @Test
    void importManifests_whenSecretsAndConfigMapsAreReferencedButNotMade_thenTheSpecDeclaresThemAsPrerequisites() {
        // given a Secret among the manifests (never copied), one outside them, and a ConfigMap outside them
        String yaml = WEB.replace("          readinessProbe:", "          env:\n"
                + "            - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db-auth, key: password}}}\n"
                + "            - {name: API_KEY, valueFrom: {secretKeyRef: {name: api-keys, key: key}}}\n"
                + "            - {name: FLAGS, valueFrom: {configMapKeyRef: {name: flags, key: all}}}\n"
                + "          readinessProbe:")
                + "---\napiVersion: v1\nkind: Secret\nmetadata: {name: db-auth}\nstringData: {password: x}\n";

        // when
        ManifestImporter.Result r = run(yaml);

        // then
        assertThat(r.problems()).isEmpty();
        var platform = SpecReader.read("platform.yaml", r.spec());
        assertThat(platform.prerequisites()).extracting(p -> p.kind() + "/" + p.name()).containsExactly(
                "Secret/api-keys", "Secret/db-auth", "ConfigMap/flags");
        assertThat(platform.prerequisite("Secret", "db-auth").providedBy()).contains("whose values kforge never "
                + "copies");
        assertThat(platform.prerequisite("ConfigMap", "flags").providedBy()).isEqualTo("referenced by Deployment "
                + "web (test.yaml); not among the imported manifests");
    }

    @Test
    void importManifests_whenAProbeFailsToBeMet_thenItsRuleIsSuppressedWithAReason() {
        ManifestImporter.Result r = run(WEB.replace("          livenessProbe: {httpGet: {path: /live, port: http}}\n", ""));

        assertThat(r.spec()).contains("# Rules the imported services do not meet")
                .contains("    web:\n      probe-liveness: 'imported as it was: no livenessProbe");
        assertThat(SpecReader.read("platform.yaml", r.spec()).policy().suppressions())
                .anySatisfy(s -> assertThat(s.rule()).isEqualTo("probe-liveness"));
    }

    @Test
    void importManifests_whenTheSpecExists_thenNothingIsReplacedUnlessTold(@TempDir Path dir) throws Exception {
        Path manifests = Files.writeString(dir.resolve("web.yaml"), WEB);
        Path spec = Files.writeString(dir.resolve("platform.yaml"), "# mine\n");

        assertThatThrownBy(() -> Kforge.importManifests(new ImportRequest(List.of(manifests), spec, dir, List.of(),
                "demo", false))).isInstanceOf(KforgeException.class)
                .hasMessageContaining("a spec already exists at").hasMessageContaining("-Dk8s.import.overwrite=true");
        assertThat(spec).hasContent("# mine");
        assertThat(dir.resolve("platform.schema.json")).doesNotExist();

        Kforge.importManifests(new ImportRequest(List.of(manifests), spec, dir, List.of(), "demo", true));
        assertThat(Files.readString(spec)).contains("name: demo");
    }

    @Test
    void importManifests_whenAnInputIsOutsideTheProject_thenItIsRefused(@TempDir Path dir) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path outside = Files.writeString(dir.resolve("web.yaml"), WEB);

        assertThatThrownBy(() -> Kforge.importManifests(new ImportRequest(List.of(outside),
                project.resolve("platform.yaml"), project, List.of(), "demo", false)))
                .isInstanceOf(KforgeException.class).hasMessageContaining("outside the project")
                .hasMessageContaining("-Dk8s.allowedDirectories=");
        assertThat(project.resolve("platform.yaml")).doesNotExist();
    }

    @Test
    void importManifests_whenRunTwice_thenTheSpecIsTheSameBytes() {
        assertThat(run(WEB).spec()).isEqualTo(run(WEB).spec());
    }

    @Test
    void platformName_whenAnyText_thenADnsLabel() {
        assertThat(ManifestImporter.platformName("My Shop_2026")).isEqualTo("my-shop-2026");
        assertThat(ManifestImporter.platformName("--")).isEqualTo("platform");
    }
}
