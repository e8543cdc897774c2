package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulingTest {

    @Test
    void toleration_whenOperatorNull_thenEqual() {
        // given
        String key = "spot";
        // when
        Toleration toleration = new Toleration(key, null, "true", "NoSchedule");
        // then
        assertThat(toleration.operator()).isEqualTo("Equal");
    }

    @Test
    void toleration_whenExistsWithoutValue_thenAccepted() {
        // given
        String operator = "Exists";
        // when
        Toleration toleration = new Toleration("gpu", operator, null, null);
        // then
        assertThat(toleration.effect()).isNull();
    }

    @Test
    void toleration_whenExistsWithValue_thenValueMustBeEmpty() {
        // given
        String operator = "Exists";
        // when
        var problems = problemsOf(() -> new Toleration("gpu", operator, "yes", "NoExecute"));
        // then
        assertThat(problems).containsExactly(Problem.at("value", "must be empty with Exists"));
    }

    @Test
    void toleration_whenEverythingWrong_thenEveryFieldIsReported() {
        // given
        String operator = "In";
        // when
        var problems = problemsOf(() -> new Toleration(null, operator, null, "NoRun"));
        // then
        assertThat(problems).containsExactly(
                Problem.at("key", "is required"),
                Problem.at("operator", "'In' is not Equal or Exists"),
                Problem.at("effect", "'NoRun' is not NoSchedule, PreferNoSchedule or NoExecute"));
    }

    @Test
    void topologySpread_whenUnsatisfiableNull_thenScheduleAnyway() {
        // given
        String key = "topology.kubernetes.io/zone";
        // when
        Scheduling.TopologySpread spread = new Scheduling.TopologySpread(key, 1, null);
        // then
        assertThat(spread.whenUnsatisfiable()).isEqualTo("ScheduleAnyway");
    }

    @Test
    void topologySpread_whenEverythingWrong_thenEveryFieldIsReported() {
        // given
        int maxSkew = 0;
        // when
        var problems = problemsOf(() -> new Scheduling.TopologySpread(null, maxSkew, "Never"));
        // then
        assertThat(problems).containsExactly(
                Problem.at("topologyKey", "is required"),
                Problem.at("maxSkew", "0 is below the minimum 1"),
                Problem.at("whenUnsatisfiable", "'Never' is not DoNotSchedule or ScheduleAnyway"));
    }

    @Test
    void new_whenNulls_thenNoneAndEmpty() {
        // given nothing
        // when
        Scheduling scheduling = new Scheduling(null, null, null, null);
        // then
        assertThat(scheduling).isEqualTo(Scheduling.NONE);
        assertThat(scheduling.antiAffinity()).as("chosen by the replicas").isNull();
        assertThat(scheduling.nodeSelector()).isEmpty();
        assertThat(scheduling.tolerations()).isEmpty();
    }

    @Test
    void new_whenNodeSelectorAndTolerations_thenKept() {
        // given
        Toleration spot = new Toleration("spot", "Exists", null, null);
        // when
        Scheduling scheduling = new Scheduling(Map.of("node.kubernetes.io/pool", "spot"), List.of(spot),
                Scheduling.AntiAffinity.REQUIRED, null);
        // then
        assertThat(scheduling.tolerations()).containsExactly(spot);
    }

    @Test
    void new_whenNodeSelectorValueInvalid_thenProblemAtItsKey() {
        // given
        Map<String, String> nodeSelector = Map.of("pool", "spot/gpu");
        // when
        var problems = problemsOf(() -> new Scheduling(nodeSelector, null, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("nodeSelector.pool", "'spot/gpu' is not a valid label "
                + "value; use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"));
    }
}
