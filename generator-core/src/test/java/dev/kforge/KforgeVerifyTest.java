package dev.kforge;

import dev.kforge.write.FileDrift;
import dev.kforge.write.OutputWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Kforge#verify(GenerateRequest)}: the output directory compared with what kforge generates now. */
class KforgeVerifyTest {

    private static final String DEPLOYMENT = "kustomize/base/web/deployment.yaml";
    private static final String DEV = "kustomize/overlays/dev/kustomization.yaml";

    @TempDir
    Path dir;

    private Path deploy;
    private GenerateRequest request;

    @BeforeEach
    void spec() throws IOException {
        Path spec = Files.writeString(dir.resolve("platform.yaml"), """
                platform:
                  name: tiny
                services:
                  web:
                    kind: web-service
                    image: nginx:1.27.0
                    ports: {http: 8080}
                    resources: {cpuRequest: 100m, cpuLimit: 500m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                environments:
                  dev:
                    profile: dev
                """);
        deploy = dir.resolve("deploy");
        request = new GenerateRequest(spec, deploy);
    }

    @Test
    void verify_whenJustGenerated_thenIsUpToDate() {
        // given
        GenerateReport generated = Kforge.generate(request);

        // when
        VerifyReport report = Kforge.verify(request);

        // then
        assertThat(report.upToDate()).isTrue();
        assertThat(report.generatedFiles()).isEqualTo(generated.files().written().size());
        assertThat(report.summary()).last().isEqualTo("files: " + report.generatedFiles()
                + " up to date, 0 changed, 0 missing, 0 extra");
        assertThat(report.summary().get(0)).matches("base: \\d+ objects \\(Deployment 1, .*\\)");
    }

    @Test
    void verify_whenTheReportIsEditedByHand_thenReportsItAsChanged() throws IOException {
        // given
        Kforge.generate(request);
        Path readme = deploy.resolve("README.md");
        Files.writeString(readme, Files.readString(readme) + "A note by hand.\n");

        // when
        VerifyReport report = Kforge.verify(request);

        // then
        assertThat(report.drift()).extracting(FileDrift::path, FileDrift::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("README.md", FileDrift.Kind.CHANGED));
    }

    @Test
    void verify_whenAGeneratedFileIsEditedByHand_thenReportsItAsChangedWithAUnifiedDiff() throws IOException {
        // given
        Kforge.generate(request);
        Path file = deploy.resolve(DEPLOYMENT);
        Files.writeString(file, Files.readString(file).replace("image: nginx:1.27.0", "image: nginx:1.27.1"));

        // when
        VerifyReport report = Kforge.verify(request);

        // then
        assertThat(report.drift()).extracting(FileDrift::path, FileDrift::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DEPLOYMENT, FileDrift.Kind.CHANGED));
        String diff = report.drift().get(0).diff();
        assertThat(diff).startsWith("--- deploy/" + DEPLOYMENT + " (on disk)\n+++ deploy/" + DEPLOYMENT
                + " (generated)\n@@ -");
        assertThat(diff).contains("\n-        image: nginx:1.27.1\n+        image: nginx:1.27.0\n");
    }

    @Test
    void verify_whenAGeneratedFileIsMissing_thenReportsItWithItsWholeContent() throws IOException {
        // given
        Kforge.generate(request);
        String content = Files.readString(deploy.resolve(DEV));
        Files.delete(deploy.resolve(DEV));

        // when
        VerifyReport report = Kforge.verify(request);

        // then
        assertThat(report.drift()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo(DEV);
            assertThat(d.kind()).isEqualTo(FileDrift.Kind.MISSING);
            assertThat(d.diff()).startsWith("--- /dev/null\n+++ deploy/" + DEV + " (generated)\n@@ -0,0 +1,")
                    .contains("\n+" + content.lines().findFirst().orElseThrow() + "\n");
        });
        assertThat(report.summary()).last().asString().endsWith(", 0 changed, 1 missing, 0 extra");
    }

    @Test
    void verify_whenAFileKforgeGeneratedEarlierIsNoLongerGenerated_thenReportsItAsExtra() throws IOException {
        // given: an earlier run generated a service, api, that the model no longer has
        Path spec = request.specFile();
        String model = Files.readString(spec);
        Files.writeString(spec, model.replace("services:\n", """
                services:
                  api:
                    kind: web-service
                    image: nginx:1.27.0
                    ports: {http: 8080}
                    resources: {cpuRequest: 100m, cpuLimit: 500m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                """));
        Kforge.generate(request);
        Files.writeString(spec, model);
        String old = "kustomize/base/api/deployment.yaml";

        // when
        VerifyReport report = Kforge.verify(request);

        // then
        assertThat(report.drift()).extracting(FileDrift::path, FileDrift::kind)
                .contains(org.assertj.core.groups.Tuple.tuple(OutputWriter.MANIFEST, FileDrift.Kind.CHANGED),
                        org.assertj.core.groups.Tuple.tuple(old, FileDrift.Kind.EXTRA));
        FileDrift extra = report.drift().stream().filter(d -> d.path().equals(old)).findFirst().orElseThrow();
        assertThat(extra.diff()).startsWith("--- deploy/" + old + " (on disk)\n+++ /dev/null\n@@ -1,")
                .contains("\n-kind: Deployment\n");
        assertThat(report.drift().get(0).diff()).containsPattern("\n-[0-9a-f]{64}  kustomize/base/api/deployment.yaml\n");

        // and generate removes it, after which verify passes
        assertThat(Kforge.generate(request).files().removed()).contains(old).allMatch(p -> p.contains("api"));
        assertThat(Kforge.verify(request).upToDate()).isTrue();
    }

    @Test
    void verify_whenFilesKforgeDidNotGenerateAreThere_thenTheyAreNoDrift() throws IOException {
        // given
        Kforge.generate(request);
        Files.writeString(deploy.resolve("NOTES.md"), "hand-written\n");
        Files.writeString(deploy.resolve("kustomize/overlays/dev/my-patch.yaml"), "kind: ConfigMap\n");
        Files.writeString(deploy.resolve(OutputWriter.LOCK), "");

        // when / then
        assertThat(Kforge.verify(request).drift()).isEmpty();
    }

    @Test
    void verify_whenAForeignFileTakesTheSpotOfAGeneratedOne_thenReportsItSinceGenerateWouldRefuseIt()
            throws IOException {
        // given: the right content, but not recorded as generated
        Kforge.generate(request);
        Path manifest = deploy.resolve(OutputWriter.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace(DEV + "\n", ""));

        // when / then
        assertThat(Kforge.verify(request).drift()).extracting(FileDrift::path).containsExactly(OutputWriter.MANIFEST);
    }

    @Test
    void verify_whenTheOutputDirectoryIsMissing_thenEveryFileAndTheManifestAreMissing() {
        // when
        VerifyReport report = Kforge.verify(request);

        // then
        assertThat(report.drift()).hasSize(report.generatedFiles() + 1)
                .allSatisfy(d -> assertThat(d.kind()).isEqualTo(FileDrift.Kind.MISSING));
        assertThat(deploy).doesNotExist();
    }

    @Test
    void verify_whenDrifted_thenWritesNothing() throws IOException {
        // given
        Kforge.generate(request);
        Files.delete(deploy.resolve(OutputWriter.LOCK));
        Files.writeString(deploy.resolve(DEPLOYMENT), "edited\n");
        Files.delete(deploy.resolve(DEV));
        Map<String, String> before = snapshot(deploy);

        // when
        Kforge.verify(request);

        // then
        assertThat(snapshot(deploy)).isEqualTo(before);
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.toList()) {
                FileTime time = Files.getLastModifiedTime(p);
                out.put(root.relativize(p).toString(), (Files.isRegularFile(p) ? Files.readString(p) : "<dir>")
                        + "@" + time.toMillis());
            }
        }
        return out;
    }
}
