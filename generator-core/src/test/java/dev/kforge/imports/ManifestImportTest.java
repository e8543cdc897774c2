package dev.kforge.imports;

import dev.kforge.api.EnvVar;
import dev.kforge.api.ImportedWorkload;
import dev.kforge.api.ModelException;
import dev.kforge.api.Port;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Problem;
import dev.kforge.api.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ManifestImportTest {

    @TempDir
    Path dir;

    static String resource(String name) {
        try (InputStream in = ManifestImportTest.class.getResourceAsStream("/imports/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> problems(Runnable read) {
        ModelException e = catchThrowableOfType(ModelException.class, read::run);
        assertThat(e).as("a ModelException").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void fromFile_whenDekorateManifest_thenTakesTheDeploymentsMainContainer() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("kubernetes.yml"), resource("dekorate-kubernetes.yml"));

        // when
        ImportedWorkload w = ManifestImport.fromFile(file, null);

        // then
        assertThat(w.kind()).isEqualTo("Deployment");
        assertThat(w.name()).isEqualTo("orders");
        assertThat(w.container()).isEqualTo("orders");
        assertThat(w.source()).isEqualTo(file.toString());
        assertThat(w.image()).isEqualTo("registry.example.com/acme/orders:1.4.2");
        assertThat(w.ports()).containsExactly(Port.tcp("http", 8080));
        assertThat(w.env()).containsExactly(EnvVar.fromField("KUBERNETES_NAMESPACE", "metadata.namespace"),
                EnvVar.literal("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75"),
                EnvVar.fromSecret("DATABASE_PASSWORD", "orders-db", "password"));
        assertThat(w.probes().liveness()).isEqualTo(new Probe("/q/health/live", "8080", List.of(), 5, 10, 10, 3));
        assertThat(w.probes().readiness()).isEqualTo(new Probe("/q/health/ready", "8080", List.of(), 5, 10, 10, 3));
        assertThat(w.probes().startup()).isNull();
        assertThat(w.resources()).isEqualTo(new Resources("250m", "1", "256Mi", "512Mi"));
    }

    private static String deployment(String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: orders}
                spec:
                  template:
                    spec:
                      containers: [{name: orders, image: "%s"}]
                """.formatted(image);
    }

    @Test
    void fromText_whenTheImagesGroupIsTheBuildMachinesUser_thenTheWorkloadSaysSo() {
        // when: Dekorate's default image, <user>/<name>:<version>, with or without a registry
        ImportedWorkload plain = ManifestImport.fromText("k.yml", deployment("alice/orders:1.4.2"), null, "alice");
        ImportedWorkload registry = ManifestImport.fromText("k.yml",
                deployment("registry.example.com/alice/orders:1.4.2"), null, "alice");
        ImportedWorkload digest = ManifestImport.fromText("k.yml",
                deployment("Alice/orders@sha256:" + "a".repeat(64)), null, "alice");

        // then
        assertThat(plain.userGroup()).isEqualTo("alice");
        assertThat(registry.userGroup()).isEqualTo("alice");
        assertThat(digest.userGroup()).as("compared as Dekorate may lower-case it").isEqualTo("Alice");
    }

    @Test
    void fromText_whenTheImagesGroupIsSetOrThereIsNone_thenItIsNoUsersGroup() {
        assertThat(ManifestImport.fromText("k.yml", deployment("registry.example.com/shop/orders:1.4.2"), null,
                "alice").userGroup()).as("a group set in Dekorate").isNull();
        assertThat(ManifestImport.fromText("k.yml", deployment("registry.example.com/orders:1.4.2"), null,
                "alice").userGroup()).as("no group").isNull();
        assertThat(ManifestImport.fromText("k.yml", deployment("alice:1.4.2"), null, "alice").userGroup())
                .as("the user's name as the image's name").isNull();
        assertThat(ManifestImport.fromText("k.yml", deployment("alice/orders:1.4.2"), null, null).userGroup())
                .as("no user known").isNull();
    }

    @Test
    void fromText_whenJKubeList_thenTakesTheOnlyContainerWhateverItsName() {
        // when
        ImportedWorkload w = ManifestImport.fromText("kubernetes.yml", resource("jkube-kubernetes.yml"), "billing");

        // then
        assertThat(w.name()).isEqualTo("billing");
        assertThat(w.container()).isEqualTo("spring-boot");
        assertThat(w.image()).isEqualTo("example/billing:2.3.0");
        assertThat(w.ports()).extracting(Port::name).containsExactly("http", "prometheus", "jolokia");
        assertThat(w.env()).extracting(EnvVar::name).containsExactly("KUBERNETES_NAMESPACE", "HOSTNAME");
        assertThat(w.probes().liveness()).isEqualTo(new Probe("/actuator/health", "8080", List.of(), 180, null,
                null, 3));
        assertThat(w.resources()).as("JKube sets no requests and limits").isNull();
    }

    @Test
    void fromText_whenSeveralWorkloadsAndNoName_thenAsksForOneAndListsThem() {
        // given
        String yaml = resource("dekorate-kubernetes.yml") + "\n---\n" + """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: ledger}
                spec:
                  template:
                    spec:
                      containers: [{name: ledger, image: "acme/ledger:2.0.1"}]
                """;

        // when
        List<String> problems = problems(() -> ManifestImport.fromText("kubernetes.yml", yaml, null));

        // then
        assertThat(problems).containsExactly("kubernetes.yml holds several workloads: Deployment orders, "
                + "StatefulSet ledger; name the one to take (fromManifests.name)");
        assertThat(ManifestImport.fromText("kubernetes.yml", yaml, "ledger").kind()).isEqualTo("StatefulSet");
    }

    @Test
    void fromText_whenNameIsUnknown_thenListsTheWorkloads() {
        assertThat(problems(() -> ManifestImport.fromText("k.yml", resource("jkube-kubernetes.yml"), "payments")))
                .containsExactly("k.yml holds no Deployment or StatefulSet named 'payments'; it holds Deployment "
                        + "billing");
    }

    @Test
    void fromText_whenNoWorkload_thenSaysWhatItHolds() {
        String yaml = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\n";
        assertThat(problems(() -> ManifestImport.fromText("k.yml", yaml, null)))
                .containsExactly("k.yml holds no Deployment or StatefulSet (apps/v1); it holds ConfigMap, Service");
    }

    @Test
    void fromText_whenContainerHasWhatKforgeCannotTakeOver_thenReportsEachAndHowToReplaceIt() {
        // given
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: orders}
                spec:
                  template:
                    spec:
                      containers:
                        - name: orders
                          image: acme/orders:1.0.0
                          env:
                            - {name: MEMORY, valueFrom: {resourceFieldRef: {resource: limits.memory}}}
                            - {name: API_TOKEN, value: s3cr3t}
                          livenessProbe: {exec: {}}
                """;

        // when
        List<String> problems = problems(() -> ManifestImport.fromText("k.yml", yaml, null));

        // then
        String at = "Deployment orders in k.yml, container orders: ";
        // (the literal API_TOKEN is taken over here; the platform refuses it, see SecretCheckTest)
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).isEqualTo(at + "env MEMORY: only a value, secretKeyRef, configMapKeyRef or "
                + "fieldRef can be taken over; set the variable on the service to replace it");
        assertThat(problems.get(1)).isEqualTo(at + "livenessProbe: a probe without httpGet, tcpSocket, grpc or exec "
                + "cannot be taken over; set the service's probes to replace it");
    }

    @Test
    void fromText_whenProbesOfEveryKind_thenTakesEachOverWithItsSchemeHeadersServiceAndTimings() {
        // given
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: orders}
                spec:
                  template:
                    spec:
                      containers:
                        - name: orders
                          image: acme/orders:1.0.0
                          ports: [{name: grpc, containerPort: 9000}]
                          livenessProbe:
                            httpGet: {path: /health, port: 8443, scheme: HTTPS, httpHeaders: [{name: X-Probe, value: live}]}
                            periodSeconds: 5
                          readinessProbe: {grpc: {port: 9000, service: orders.v1}, successThreshold: 2}
                          startupProbe: {tcpSocket: {port: grpc}, failureThreshold: 30}
                """;

        // when
        Probes probes = ManifestImport.fromText("k.yml", yaml, null).probes();

        // then
        assertThat(probes.liveness()).isEqualTo(Probe.http("/health", "8443").https().header("X-Probe", "live")
                .timing(null, 5, null, null, null));
        assertThat(probes.readiness()).isEqualTo(Probe.grpc("9000", "orders.v1").timing(null, null, null, null, 2));
        assertThat(probes.startup()).isEqualTo(Probe.tcp("grpc").timing(null, null, null, 30, null));
    }

    @Test
    void fromText_whenSeveralContainersAndNoneNamedLikeTheWorkload_thenSaysWhichOneItTakes() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: orders}
                spec:
                  template:
                    spec:
                      containers: [{name: app, image: "a:1"}, {name: envoy, image: "envoy:1.30.1"}]
                """;
        assertThat(problems(() -> ManifestImport.fromText("k.yml", yaml, null))).containsExactly(
                "Deployment orders in k.yml has the containers [app, envoy] and none is named 'orders'; kforge takes "
                        + "over one main container, the one named like the workload");
    }

    @Test
    void fromText_whenNotYaml_thenSaysSo() {
        assertThat(problems(() -> ManifestImport.fromText("k.yml", "kind: [unclosed", null)).get(0))
                .startsWith("k.yml is not valid YAML: ");
    }

    @Test
    void fromFile_whenMissing_thenSaysWhichToolWritesIt() {
        assertThat(problems(() -> ManifestImport.fromFile(dir.resolve("none.yml"), null)).get(0))
                .startsWith("there is no file " + dir.resolve("none.yml") + "; check the path");
    }

    @Test
    void fromClasspath_whenEveryModuleHasItsCopy_thenTakesTheWorkloadByNameFromTheCopyThatHasIt() throws Exception {
        // given: two class path entries, each with its own META-INF/jkube/kubernetes.yml
        Path billing = dir.resolve("billing-classes");
        Path orders = dir.resolve("orders-classes");
        write(billing.resolve(ManifestImport.JKUBE), resource("jkube-kubernetes.yml"));
        write(orders.resolve(ManifestImport.JKUBE), resource("dekorate-kubernetes.yml"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {billing.toUri().toURL(), orders.toUri().toURL()},
                null)) {
            // when
            ImportedWorkload w = ManifestImport.fromClasspath(loader, ManifestImport.JKUBE, "orders");
            List<String> ambiguous = problems(() -> ManifestImport.fromClasspath(loader, ManifestImport.JKUBE,
                    null));
            List<String> missing = problems(() -> ManifestImport.fromClasspath(loader, ManifestImport.DEKORATE,
                    null));

            // then
            assertThat(w.image()).isEqualTo("registry.example.com/acme/orders:1.4.2");
            assertThat(w.source()).isEqualTo(ManifestImport.JKUBE + " in " + orders.toUri().getPath()
                    .replaceAll("/$", ""));
            assertThat(ambiguous.get(0)).startsWith(ManifestImport.JKUBE + " on the class path holds several "
                    + "workloads: Deployment billing in " + ManifestImport.JKUBE + " in ");
            assertThat(missing.get(0)).startsWith("there is no " + ManifestImport.DEKORATE + " on the project's "
                    + "class path. Dekorate writes");
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
