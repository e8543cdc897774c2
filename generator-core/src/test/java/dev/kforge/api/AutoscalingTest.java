package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class AutoscalingTest {

    @Test
    void cpu_whenValid_thenOnlyCpuMetric() {
        // given
        int percent = 70;
        // when
        Autoscaling autoscaling = Autoscaling.cpu(2, 6, percent);
        // then
        assertThat(autoscaling).isEqualTo(new Autoscaling(2, 6, 70, null, List.of(), null, null));
    }

    @Test
    void new_whenMinEqualsMax_thenAccepted() {
        // given
        int replicas = 3;
        // when
        Autoscaling autoscaling = new Autoscaling(replicas, replicas, null, 80, null, null, null);
        // then
        assertThat(autoscaling.maxReplicas()).isEqualTo(3);
    }

    @Test
    void new_whenMaxBelowMin_thenNamesBoth() {
        // given
        int min = 3;
        int max = 2;
        // when
        var problems = problemsOf(() -> Autoscaling.cpu(min, max, 70));
        // then
        assertThat(problems).containsExactly(Problem.at("maxReplicas", "maxReplicas 2 is below minReplicas 3"));
    }

    @Test
    void new_whenMinIsZero_thenBelowMinimum() {
        // given
        int min = 0;
        // when
        var problems = problemsOf(() -> Autoscaling.cpu(min, 2, 70));
        // then
        assertThat(problems).containsExactly(Problem.at("minReplicas", "0 is below the minimum 1"));
    }

    @Test
    void new_whenNoMetric_thenNeedsOne() {
        // given no metric
        // when
        var problems = problemsOf(() -> new Autoscaling(1, 3, null, null, List.of(), null, null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("", "needs at least one metric: cpuUtilization, memoryUtilization or podMetrics"));
    }

    @Test
    void new_whenOnlyAPodMetric_thenAccepted() {
        // given
        PodMetric metric = new PodMetric("http_requests_per_second", "100");
        // when
        Autoscaling autoscaling = new Autoscaling(1, 3, null, null, List.of(metric), null, null);
        // then
        assertThat(autoscaling.podMetrics()).containsExactly(metric);
    }

    @Test
    void new_whenUtilizationOutOfRange_thenEachIsReported() {
        // given
        int cpu = 0;
        int memory = 1001;
        // when
        var problems = problemsOf(() -> new Autoscaling(1, 3, cpu, memory, null, null, null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("cpuUtilization", "0 is outside 1-1000"),
                Problem.at("memoryUtilization", "1001 is outside 1-1000"));
    }

    @Test
    void new_whenPodMetricTwice_thenNotUnique() {
        // given
        PodMetric metric = new PodMetric("rps", "100");
        // when
        var problems = problemsOf(() -> new Autoscaling(1, 3, null, null, List.of(metric, metric), null, null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("podMetrics", "'rps' is defined more than once; names must be unique"));
    }

    @Test
    void withRange_whenValid_thenKeepsMetricsAndBehaviour() {
        // given
        ScalingRules down = new ScalingRules(300, "Min", List.of(new ScalingPolicy("Pods", 1, 60)));
        Autoscaling autoscaling = new Autoscaling(2, 6, 70, 80, null, null, down);
        // when
        Autoscaling changed = autoscaling.withRange(3, 12);
        // then
        assertThat(changed).isEqualTo(new Autoscaling(3, 12, 70, 80, List.of(), null, down));
    }

    @Test
    void withRange_whenEmpty_thenRejected() {
        // given
        Autoscaling autoscaling = Autoscaling.cpu(2, 6, 70);
        // when
        var problems = problemsOf(() -> autoscaling.withRange(5, 4));
        // then
        assertThat(problems).containsExactly(Problem.at("maxReplicas", "maxReplicas 4 is below minReplicas 5"));
    }

    @Test
    void podMetric_whenMissingValues_thenBothRequired() {
        // given no name and no value
        // when
        var problems = problemsOf(() -> new PodMetric(" ", null));
        // then
        assertThat(problems).containsExactly(Problem.at("name", "is required"), Problem.at("averageValue", "is required"));
    }

    @Test
    void podMetric_whenAverageValueIsNotAQuantity_thenRejected() {
        // given
        String value = "100 rps";
        // when
        var problems = problemsOf(() -> new PodMetric("rps", value));
        // then
        assertThat(problems).containsExactly(Problem.at("averageValue",
                "'100 rps' is not a CPU quantity; write millicores like 250m or cores like 2"));
    }

    @Test
    void scalingPolicy_whenValid_thenAccepted() {
        // given
        String type = "Percent";
        // when
        ScalingPolicy policy = new ScalingPolicy(type, 100, 1800);
        // then
        assertThat(policy.periodSeconds()).isEqualTo(1800);
    }

    @Test
    void scalingPolicy_whenEverythingWrong_thenEveryFieldIsReported() {
        // given
        String type = "pods";
        // when
        var problems = problemsOf(() -> new ScalingPolicy(type, 0, 1801));
        // then
        assertThat(problems).containsExactly(
                Problem.at("type", "'pods' is not Pods or Percent"),
                Problem.at("value", "0 is below the minimum 1"),
                Problem.at("periodSeconds", "1801 is outside 1-1800"));
    }

    @Test
    void scalingPolicy_whenPeriodIsZero_thenOutside() {
        // given
        int period = 0;
        // when
        var problems = problemsOf(() -> new ScalingPolicy("Pods", 1, period));
        // then
        assertThat(problems).containsExactly(Problem.at("periodSeconds", "0 is outside 1-1800"));
    }

    @Test
    void scalingRules_whenDefaults_thenNoPolicies() {
        // given nothing set
        // when
        ScalingRules rules = new ScalingRules(null, null, null);
        // then
        assertThat(rules.policies()).isEmpty();
    }

    @Test
    void scalingRules_whenWindowAndPolicyWrong_thenBothReported() {
        // given
        int window = 3601;
        // when
        var problems = problemsOf(() -> new ScalingRules(window, "max", null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("stabilizationWindowSeconds", "3601 is outside 0-3600"),
                Problem.at("selectPolicy", "'max' is not Max, Min or Disabled"));
    }

    @Test
    void scalingRules_whenNegativeWindow_thenOutside() {
        // given
        int window = -1;
        // when
        var problems = problemsOf(() -> new ScalingRules(window, "Disabled", List.of()));
        // then
        assertThat(problems).containsExactly(Problem.at("stabilizationWindowSeconds", "-1 is outside 0-3600"));
    }
}
