package dev.kforge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The generate summary says what each environment's profile changed in the values written at the services. */
class KforgeSummaryTest {

    @TempDir
    Path dir;

    private GenerateReport generate(String spec) throws IOException {
        Path file = Files.writeString(dir.resolve("platform.yaml"), spec);
        return Kforge.generate(new GenerateRequest(file, dir.resolve("deploy")));
    }

    @Test
    void summary_whenProfilesScaleAndInjectVariables_thenEachEnvironmentSaysWhatItChanged() throws IOException {
        // given: dev halves resources, runs one replica, caps autoscaling at 2 and adds LOG_LEVEL; staging caps
        // autoscaling at 3; prod runs the values as written
        String spec = """
                platform: {name: shop}
                services:
                  web:
                    kind: web-service
                    image: web:1.0.0
                    ports: {http: 8080}
                    probes: {liveness: {path: /health}, readiness: {path: /ready}}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                    autoscaling: {minReplicas: 3, maxReplicas: 4, cpuUtilization: 70}
                    disruptionBudget: {minAvailable: "1"}
                  worker:
                    kind: worker
                    image: worker:1.0.0
                    replicas: 2
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                    disruptionBudget: {minAvailable: "1"}
                environments:
                  dev: {profile: dev}
                  staging: {profile: staging}
                  prod: {profile: prod}
                policy:
                  suppress:
                    worker: {probe-liveness: "a queue consumer; the queue redelivers what a hung worker held"}
                """;
        // when
        GenerateReport report = generate(spec);
        // then: one line each for dev and staging, none for prod, between the object counts and the files
        assertThat(report.changes()).containsExactly(
                "dev (profile dev) changes your values: resources scaled by 0.5 for web, worker; replicas of worker "
                        + "2 -> 1; autoscaling of web 3-4 -> 1-2; variable LOG_LEVEL added to web, worker",
                "staging (profile staging) changes your values: autoscaling of web 3-4 -> 1-3");
        assertThat(report.summary().get(3)).startsWith("prod: 11 objects");
        assertThat(report.summary().subList(4, 6)).isEqualTo(report.changes());
        assertThat(report.summary().get(report.summary().size() - 1)).startsWith("files: ");
    }

    @Test
    void summary_whenTenantsGetTheTenancyVariables_thenTheTenantRootsSayThey() throws IOException {
        // given: a tenancy adds its variables to every shared service; dev halves the app's own resources
        String spec = """
                platform: {name: isp}
                tenancy: {namespacePrefix: isp, repoUrl: "https://git.example/gitops.git"}
                tenants:
                  acme: {tier: small, licenseTier: standard, domain: acme.example}
                services:
                  app:
                    kind: web-service
                    image: app:1.0.0
                    ports: {http: 8080}
                    probes: {liveness: {path: /health}, readiness: {path: /ready}}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                environments:
                  dev: {profile: dev}
                  prod: {profile: prod}
                """;
        // when
        GenerateReport report = generate(spec);
        // then
        assertThat(report.changes()).containsExactly(
                "tenants/dev (profile dev) changes your values: resources scaled by 0.5 for app; variables "
                        + "ENABLED_PLUGINS, LICENSE_TIER, LOG_LEVEL, TENANT_ID added to app",
                "tenants/prod (profile prod) changes your values: variables ENABLED_PLUGINS, LICENSE_TIER, "
                        + "TENANT_ID added to app");
    }
}
