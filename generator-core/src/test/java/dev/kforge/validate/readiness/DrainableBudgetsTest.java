package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DrainableBudgetsTest {

    private static String pdb(String budget) {
        return """
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web, namespace: shop}
                spec:
                  %s
                  unhealthyPodEvictionPolicy: AlwaysAllow
                  selector: {matchLabels: {app: web}}
                """.formatted(budget);
    }

    private static String web(int replicas) {
        return Fixtures.deployment("web", "").replace("replicas: 1", "replicas: " + replicas);
    }

    @Test
    void check_whenMinAvailableEqualsTheReplicas_thenOneLocatedError() {
        // when
        List<ValidationProblem> problems = Fixtures.check(web(2) + pdb("minAvailable: 2"), DrainableBudgets.RULE);
        // then
        assertThat(problems).singleElement().hasToString("app.yaml:15: PodDisruptionBudget/web: .spec.minAvailable: "
                + "minAvailable 2 with as few as 2 pod(s) (Deployment/web: 2) allows no eviction then, so node drains "
                + "block on these pods; use maxUnavailable: 1, or a minAvailable below 2 [pdb-allows-drains]");
    }

    @Test
    void check_whenTheHpaMinimumIsTheFloor_thenItIsWhatCounts() {
        // given: 3 replicas written, but the HPA may go down to 1
        String yaml = web(3) + pdb("minAvailable: 1") + AutoscalerTargetsTest.hpa("web", 1, 5);
        // when / then
        assertThat(Fixtures.check(yaml, DrainableBudgets.RULE)).singleElement()
                .extracting(ValidationProblem::message).asString().contains("as few as 1 pod(s)");
    }

    @Test
    void check_whenPercentRoundsUpToEveryPod_thenError() {
        // given: 50% of one pod is one pod
        String yaml = web(1) + pdb("minAvailable: 50%");
        // when / then
        assertThat(Fixtures.check(yaml, DrainableBudgets.RULE)).singleElement()
                .extracting(ValidationProblem::message).asString().startsWith("minAvailable 50% (1 pods)");
    }

    @Test
    void check_whenMaxUnavailableIsZero_thenErrorWhateverTheReplicas() {
        // when / then
        assertThat(Fixtures.check(web(5) + pdb("maxUnavailable: 0"), DrainableBudgets.RULE)).singleElement()
                .extracting(ValidationProblem::path).isEqualTo(".spec.maxUnavailable");
        assertThat(Fixtures.check(web(5) + pdb("maxUnavailable: 0%"), DrainableBudgets.RULE)).hasSize(1);
    }

    @Test
    void check_whenOneEvictionIsAlwaysAllowed_thenNothing() {
        // when / then
        assertThat(Fixtures.check(web(3) + pdb("minAvailable: 2"), DrainableBudgets.RULE)).isEmpty();
        assertThat(Fixtures.check(web(1) + pdb("maxUnavailable: 1"), DrainableBudgets.RULE)).isEmpty();
        assertThat(Fixtures.check(web(4) + pdb("minAvailable: 50%"), DrainableBudgets.RULE)).isEmpty();
    }

    @Test
    void check_whenUnhealthyPodEvictionPolicyIsLeftOut_thenWarning() {
        // given
        String yaml = web(3) + pdb("maxUnavailable: 1").replace("  unhealthyPodEvictionPolicy: AlwaysAllow\n", "");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, DrainableBudgets.UNHEALTHY);
        // then
        assertThat(problems).singleElement().extracting(ValidationProblem::severity)
                .isEqualTo(dev.kforge.validate.Severity.WARNING);
        assertThat(Fixtures.check(web(3) + pdb("maxUnavailable: 1"), DrainableBudgets.UNHEALTHY)).isEmpty();
    }
}
