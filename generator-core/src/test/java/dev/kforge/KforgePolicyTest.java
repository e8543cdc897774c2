package dev.kforge;

import dev.kforge.api.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KforgePolicyTest {

    @TempDir
    Path dir;

    private GenerateRequest request(String policy) throws IOException {
        Path spec = Files.writeString(dir.resolve("platform.yaml"), """
                platform: {name: shop}
                services:
                  web:
                    kind: web-service
                    image: web:1.0.0
                    ports: {http: 8080}
                    replicas: 3
                    probes: {liveness: {path: /health}, readiness: {path: /ready}}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                    disruptionBudget: {minAvailable: "1"}
                    scheduling: {antiAffinity: none}
                environments:
                  dev: {profile: dev}
                  prod: {profile: prod}
                """ + policy);
        return new GenerateRequest(spec, dir.resolve("deploy"));
    }

    @Test
    void generate_whenProdBreaksAWarningRule_thenFailsNamingTheEnvironmentAndWritesNothing() throws IOException {
        // when: three replicas, anti-affinity turned off and nothing else spreading them; prod fails on warnings
        KforgeException e = catchThrowableOfType(KforgeException.class, () -> Kforge.generate(request("")));
        // then
        assertThat(e.problems()).extracting(Problem::path, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("environments.prod", "Deployment/web: .spec.template.spec: up to "
                        + "3 replicas without pod anti-affinity or a topology spread; one node or zone failing could "
                        + "take them all [spread-replicas]"));
        assertThat(e.problems().get(0).location()).as("the line of prod in the spec").isEqualTo("platform.yaml:14");
        assertThat(dir.resolve("deploy")).doesNotExist();
    }

    @Test
    void generate_whenRuleIsSuppressedWithAReason_thenWritesAndListsTheSuppression() throws IOException {
        // when
        GenerateReport report = Kforge.generate(request("""
                policy:
                  suppress:
                    web: {spread-replicas: "single-zone cluster; spreading buys nothing here"}
                """));
        // then
        assertThat(report.summary()).contains("policy: spread-replicas suppressed for web: single-zone cluster; "
                + "spreading buys nothing here");
        assertThat(dir.resolve("deploy/kustomize/base/web/deployment.yaml")).exists();
    }

    @Test
    void generate_whenSuppressionNamesAMisspeltRule_thenSuggestsTheRuleAtItsLine() throws IOException {
        // when
        KforgeException e = catchThrowableOfType(KforgeException.class, () -> Kforge.generate(request("""
                policy:
                  suppress:
                    web: {spread-replica: "single-zone cluster, nothing to spread over"}
                """)));
        // then the rule is checked after reading, yet the problem names the line of the suppression
        Problem problem = e.problems().stream().filter(p -> p.path().equals("policy.suppress.web.spread-replica"))
                .findFirst().orElseThrow();
        assertThat(problem.message()).isEqualTo("'spread-replica' is not a rule; did you mean 'spread-replicas'?");
        assertThat(problem.location()).isEqualTo("platform.yaml:17");
        assertThat(e.getMessage()).contains(problem.toString());
    }

    @Test
    void generate_whenSuppressionNamesNoRule_thenFailsListingTheRules() throws IOException {
        // when
        KforgeException e = catchThrowableOfType(KforgeException.class, () -> Kforge.generate(request("""
                policy:
                  suppress:
                    web: {no-such-thing: "single-zone cluster, nothing to spread over"}
                """)));
        // then
        assertThat(e.problems()).extracting(Problem::path).contains("policy.suppress.web.no-such-thing");
        assertThat(e.problems().get(0).message()).startsWith("'no-such-thing' is not a rule; rules: "
                + "[image-tag-pinned");
    }

    @Test
    void generate_whenRuleIsSuppressedAndWarningsPass_thenTheWrittenReportListsBoth() throws IOException {
        // when
        Kforge.generate(request("""
                policy:
                  suppress:
                    web: {pdb-for-replicas: "the budget is the mesh's job | see the runbook"}
                  failOn: {prod: error}
                """));
        // then
        String readme = Files.readString(dir.resolve("deploy/README.md"));
        assertThat(readme).contains("| `web`   | `pdb-for-replicas` | the budget is the mesh's job \\| see the runbook |")
                .contains("### Policy findings in prod\n\nA finding of severity `error` or worse fails the build "
                        + "here.\n\n| severity |")
                .contains("| warning  | `Deployment/web` | `.spec.template.spec` | up to 3 replicas without pod "
                        + "anti-affinity");
    }

    @Test
    void generate_whenProdIsSetToFailOnErrorsOnly_thenTheWarningIsReportedNotFatal() throws IOException {
        // when
        GenerateReport report = Kforge.generate(request("policy: {failOn: {prod: error}}\n"));
        // then
        assertThat(report.summary()).anySatisfy(line -> assertThat(line).startsWith(
                "policy warning in prod: Deployment/web: .spec.template.spec: up to 3 replicas without pod "
                        + "anti-affinity"));
    }
}
