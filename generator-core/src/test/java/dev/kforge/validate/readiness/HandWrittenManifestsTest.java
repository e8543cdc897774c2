package dev.kforge.validate.readiness;

import dev.kforge.validate.ManifestFiles;
import dev.kforge.validate.SchemaValidator;
import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code k8s:validate} (policy on) says about hand-written manifests: nothing about a small hardened
 * application, and exactly one located line for each defect put into it.
 */
class HandWrittenManifestsTest {

    private static final Path HARDENED = Path.of("src/test/resources/validate/readiness/hardened");

    private static final String WORKER = """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: worker-data, namespace: shop}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: worker, namespace: shop, labels: {app.kubernetes.io/name: worker}}
            spec:
              replicas: 1
              selector: {matchLabels: {app.kubernetes.io/name: worker}}
              template:
                metadata: {labels: {app.kubernetes.io/name: worker}}
                spec:
                  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                  containers:
                  - name: worker
                    image: ghcr.io/shop/worker:1.0.0
                    resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}
                    livenessProbe: {exec: {command: [/bin/healthcheck]}}
                    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: {drop: [ALL]}}
                    volumeMounts: [{name: data, mountPath: /data}]
                  volumes: [{name: data, persistentVolumeClaim: {claimName: worker-data}}]
            """;

    /** One defect: the file changed, the text replaced, what replaces it, and the one problem expected. */
    static Stream<Arguments> defects() {
        return Stream.of(
                defect("a PDB that blocks drains", "web.yaml", "  minAvailable: 1\n", "  minAvailable: 2\n",
                        "pdb-allows-drains", "PodDisruptionBudget/web"),
                defect("a dangling Service", "web.yaml", "spec:\n  selector: {app.kubernetes.io/name: web}",
                        "spec:\n  selector: {app.kubernetes.io/name: wbe}", "service-selects-pods", "Service/web"),
                defect("a targetPort no container declares", "api.yaml", "port: 80, targetPort: http}",
                        "port: 80, targetPort: web}", "service-target-port", "Service/api"),
                defect("an Ingress backend port that does not exist", "web.yaml", "port: {name: http}",
                        "port: {name: https}", "ingress-backend", "Ingress/web"),
                defect("an HPA aimed at a missing Deployment", "web.yaml", "kind: Deployment, name: web}",
                        "kind: Deployment, name: webb}", "hpa-target", "HorizontalPodAutoscaler/web"),
                defect("a selector not matching the pod template", "api.yaml",
                        "replicas: 2\n  selector: {matchLabels: {app.kubernetes.io/name: api}}",
                        "replicas: 2\n  selector: {matchLabels: {app.kubernetes.io/name: apii}}",
                        "selector-matches-template",
                        "Deployment/api"),
                defect("a missing ServiceAccount", "api.yaml", "serviceAccountName: api",
                        "serviceAccountName: api-runner", "service-account-exists", "Deployment/api"),
                defect("a missing ConfigMap", "web.yaml", "configMapRef: {name: web-settings}",
                        "configMapRef: {name: web-config}", "configmap-exists", "Deployment/web"),
                defect("a missing Secret", "api.yaml", "secretKeyRef: {name: api-database,",
                        "secretKeyRef: {name: api-db,", "secret-exists", "Deployment/api"),
                defect("a missing claim", "api.yaml", "      containers:\n      - name: api",
                        "      volumes: [{name: data, persistentVolumeClaim: {claimName: api-data}}]\n"
                                + "      containers:\n      - name: api", "claim-exists", "Deployment/api"),
                defect("a ReadWriteOnce claim with a surging rollout", "worker.yaml", null, WORKER,
                        "single-writer-claim", "Deployment/worker"),
                defect("an HTTP-01 solver the ingress controller cannot reach", "cert-manager.yaml",
                        "ingress-nginx}}}]\n    ports: [{port: 8089}]", "monitoring}}}]\n    ports: [{port: 8089}]",
                        "acme-http01-reachable",
                        "Ingress/web"),
                defect("an egress allow the target does not admit", "api.yaml",
                        "from: [{podSelector: {matchLabels: {app.kubernetes.io/name: web}}}]",
                        "from: [{podSelector: {matchLabels: {app.kubernetes.io/name: admin}}}]",
                        "network-policy-symmetric", "NetworkPolicy/web"),
                defect("a dependency the policies do not let through", "api.yaml",
                        "metadata: {name: api, namespace: shop, labels: {app.kubernetes.io/name: api}}\nspec:\n  "
                                + "replicas: 2",
                        "metadata: {name: api, namespace: shop, labels: {app.kubernetes.io/name: api}, annotations: "
                                + "{kforge.dev/depends-on: 'web:80'}}\nspec:\n  replicas: 2",
                        "dependency-allowed", "Deployment/api"),
                defect("HPA maximum times limits beyond the quota", "web.yaml", "maxReplicas: 4", "maxReplicas: 12",
                        "quota-fits", "ResourceQuota/quota"),
                defect("a pod the namespace's Pod Security level refuses", "api.yaml",
                        "      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n"
                                + "      topology",
                        "      securityContext: {runAsNonRoot: true}\n      topology", "pod-security-level",
                        "Deployment/api"));
    }

    private static Arguments defect(String name, String file, String text, String replacement, String rule,
                                    String object) {
        return Arguments.of(name, file, text, replacement, rule, object);
    }

    private static ManifestFiles.Result validate(Path dir) {
        return ManifestFiles.validate(SchemaValidator.forVersion("1.32"), List.of(dir), true, Assumptions.DEFAULT);
    }

    @Test
    void validate_whenHardenedApplication_thenNoProblemAtAll() {
        // when
        ManifestFiles.Result result = validate(HARDENED);
        // then
        assertThat(result.files()).hasSize(4);
        assertThat(result.problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void validate_whenOneDefectIsPutIn_thenExactlyOneLocatedLineNamesIt(String name, String file, String text,
                                                                       String replacement, String rule,
                                                                       String object, @TempDir Path dir) {
        // given
        copy(HARDENED, dir);
        Path changed = dir.resolve(file);
        write(changed, text == null ? replacement : replaced(read(changed), text, replacement));
        // when
        List<ValidationProblem> problems = validate(dir).problems();
        // then
        assertThat(problems).as(name).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(rule);
            assertThat(p.toString()).startsWith(dir.resolve(p.file().substring(dir.toString().length() + 1))
                    + ":" + p.line() + ": " + object + ": ");
            assertThat(p.line()).isPositive();
        });
    }

    private static String replaced(String content, String text, String replacement) {
        assertThat(content.split(java.util.regex.Pattern.quote(text), -1)).as("'%s' occurs once", text).hasSize(2);
        return content.replace(text, replacement);
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
