package dev.kforge;

import dev.kforge.api.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Readiness findings fail k8s:generate the way the best-practice rules do: every environment on errors, prod on warnings. */
class KforgeReadinessTest {

    @TempDir
    Path dir;

    private static final String SHOP = """
            platform: {name: shop, quota: {limitsCpu: "8"}}
            services:
              web:
                kind: web-service
                image: web:1.0.0
                ports: {http: 8080}
                env:
                  DB_PASSWORD: {secret: web-db, key: password}
                probes: {liveness: {path: /health}, readiness: {path: /ready}}
                resources: {cpuRequest: 100m, cpuLimit: "1", memoryRequest: 64Mi, memoryLimit: 128Mi}
                autoscaling: {minReplicas: 2, maxReplicas: 6, cpuUtilization: 70}
                disruptionBudget: {minAvailable: "1"}
            environments:
              dev: {profile: dev}
              prod: {profile: prod}
            """;

    private GenerateRequest request(String spec) throws IOException {
        return new GenerateRequest(Files.writeString(dir.resolve("platform.yaml"), spec), dir.resolve("deploy"));
    }

    @Test
    void generate_whenASecretIsReferencedButNeitherMadeNorDeclared_thenEveryEnvironmentFailsAndNothingIsWritten()
            throws IOException {
        // when
        KforgeException e = catchThrowableOfType(KforgeException.class, () -> Kforge.generate(request(SHOP)));
        // then
        assertThat(e.problems()).extracting(Problem::path).containsExactly("environments.dev", "environments.prod");
        assertThat(e.problems().get(0).message()).isEqualTo("Deployment/web: .spec.template.spec.containers[0]"
                + ".env[0].valueFrom.secretKeyRef.name: Secret 'web-db' is not among the objects of namespace shop "
                + "and not declared as a prerequisite, so its containers do not start (CreateContainerConfigError) or "
                + "its pods wait for the volume; add it, or declare that it exists beforehand (annotation "
                + "kforge.dev/prerequisites: Secret/web-db) [secret-exists]");
        assertThat(e.problems().get(0).location()).isEqualTo("platform.yaml:14");
        assertThat(dir.resolve("deploy")).doesNotExist();
    }

    @Test
    void generate_whenTheSecretIsDeclared_thenWrittenAndTheReportSaysWhatProvidesIt() throws IOException {
        // when
        Kforge.generate(request(SHOP + "prerequisites: {secrets: {web-db: the database team}}\n"));
        // then
        assertThat(Files.readString(dir.resolve("deploy/README.md")))
                .contains("| Secret | `web-db` | `web`   | the database team |");
    }

    @Test
    void generate_whenAWarningOnlyProdFailsOn_thenProdFailsAndDevListsIt() throws IOException {
        // given: 6 pods of 1 core against a quota of 8 cores is fine; 10 are not (a warning)
        String spec = SHOP.replace("maxReplicas: 6", "maxReplicas: 10")
                + "prerequisites: {secrets: {web-db: the database team}}\n";
        // when
        KforgeException e = catchThrowableOfType(KforgeException.class, () -> Kforge.generate(request(spec)));
        // then
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("environments.prod");
            assertThat(p.message()).startsWith("ResourceQuota/quota: .spec.hard.limits.cpu: at their most replicas")
                    .endsWith("[quota-fits]");
        });
    }

    @Test
    void generate_whenTheReadinessRuleIsSuppressedWithAReason_thenWrittenAndTheSuppressionListed() throws IOException {
        // given
        String spec = SHOP.replace("maxReplicas: 6", "maxReplicas: 10")
                + "prerequisites: {secrets: {web-db: the database team}}\n"
                + "policy: {suppress: {web: {quota-fits: \"the quota grows with the autoscaler; see the runbook\"}}}\n";
        // when
        GenerateReport report = Kforge.generate(request(spec));
        // then
        assertThat(report.summary()).contains("policy: quota-fits suppressed for web: the quota grows with the "
                + "autoscaler; see the runbook");
    }

    @Test
    void generate_whenATenantRootHasAFinding_thenTheTenantIsNamedInItsEnvironmentWithItsOwnNamespace()
            throws IOException {
        // given: tenants of one shape share one check, the first named with its own namespace, the others listed
        String spec = """
                platform: {name: isp}
                tenancy: {namespacePrefix: isp, repoUrl: "https://git.example/gitops.git"}
                tenants:
                  acme: {tier: small, licenseTier: standard, domain: acme.example}
                  globex: {tier: small, licenseTier: standard, domain: globex.example}
                services:
                  app:
                    kind: web-service
                    image: app:1.0.0
                    ports: {http: 8080}
                    env: {DB_PASSWORD: {secret: app-db, key: password}}
                    probes: {liveness: {path: /health}, readiness: {path: /ready}}
                environments:
                  prod: {profile: prod}
                """;
        // when
        KforgeException e = catchThrowableOfType(KforgeException.class, () -> Kforge.generate(request(spec)));
        // then
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tenants.acme");
            assertThat(p.message()).startsWith("in prod: Deployment/app: ")
                    .contains("Secret 'app-db' is not among the objects of namespace isp-acme ")
                    .endsWith("Secret/app-db); the same in the roots of 1 more tenant of its shape: globex "
                            + "[secret-exists]");
        });
    }
}
