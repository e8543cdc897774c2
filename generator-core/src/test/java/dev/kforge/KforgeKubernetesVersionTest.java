package dev.kforge;

import dev.kforge.api.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A run can target another Kubernetes version than the model's ({@code -Dk8s.kubernetesVersion}). */
class KforgeKubernetesVersionTest {

    @TempDir
    Path dir;

    private GenerateRequest request() throws IOException {
        Path spec = dir.resolve("platform.yaml");
        Files.writeString(spec, """
                platform:
                  name: shop
                  kubernetesVersion: "1.32"
                services:
                  web:
                    kind: web-service
                    image: web:1.0.0
                    ports: {http: 8080}
                    probes: {liveness: {path: /health}, readiness: {path: /ready}}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                environments:
                  dev: {profile: dev}
                """);
        return new GenerateRequest(spec, dir.resolve("deploy"));
    }

    @Test
    void generate_whenRequestNamesAnotherVersion_thenTargetsItInsteadOfTheModels() throws IOException {
        // when
        Kforge.generate(request().withKubernetesVersion("1.30"));
        // then: the Pod Security version label follows the targeted version
        assertThat(dir.resolve("deploy/kustomize/base/namespace/namespace.yaml"))
                .content().contains("pod-security.kubernetes.io/enforce-version: v1.30");
    }

    @Test
    void validate_whenAGeneratedManifestBreaksTheSchema_thenEveryProblemIsListedAgainstTheVersion() {
        // given a tree as generate holds it before writing, with a Deployment field the 1.30 API does not know
        dev.kforge.emit.FileTree tree = new dev.kforge.emit.FileTree().put("kustomize/base/web/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  replicaz: 2
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: web:1.0.0}]}
                """);
        dev.kforge.api.Platform platform = dev.kforge.testing.SamplePlatforms.shop()
                .withKubernetesVersion("1.30");
        // when
        KforgeException e = catchThrowableOfType(KforgeException.class, () -> PolicyGate.validate(platform, tree));
        // then: generate calls this before writing anything, so nothing is written on failure
        assertThat(e.getMessage()).contains("against Kubernetes 1.30; nothing was written");
        assertThat(e.problems()).singleElement().extracting(Problem::message).asString()
                .contains("kustomize/base/web/deployment.yaml:6: Deployment/web: .spec.replicaz: unknown field");
    }

    @Test
    void generate_whenRequestNamesAVersionWithoutSchemas_thenClearErrorAndNothingWritten() throws IOException {
        // when
        KforgeException e = catchThrowableOfType(KforgeException.class,
                () -> Kforge.generate(request().withKubernetesVersion("1.29")));
        // then
        assertThat(e.getMessage()).contains("kforge cannot target Kubernetes '1.29' (k8s.kubernetesVersion)",
                "1.30, 1.31, 1.32, 1.33", "the model's 1.32");
        assertThat(dir.resolve("deploy")).doesNotExist();
    }
}
