package dev.kforge.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class AlertTest {

    @Test
    void of_whenSeverityAndSummary_thenTheyAreALabelAndAnAnnotation() {
        // given / when
        Alert alert = Alert.of("HighLatency", "histogram_quantile(0.99, rate(x_bucket[5m])) > 0.5", "5m",
                "critical", "p99 above 500ms");
        // then
        assertThat(alert.labels()).isEqualTo(Map.of("severity", "critical"));
        assertThat(alert.annotations()).isEqualTo(Map.of("summary", "p99 above 500ms"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "30s", "5m", "1h30m", "1d", "500ms"})
    void new_whenForIsAPrometheusDuration_thenAccepted(String duration) {
        // given a duration
        // when
        Alert alert = new Alert("Down", "up == 0", duration, null, null);
        // then
        assertThat(alert.forDuration()).isEqualTo(duration);
    }

    @Test
    void new_whenEverythingWrong_thenEveryFieldIsReported() {
        // given
        Map<String, String> labels = Map.of("__name__", "x");
        Map<String, String> annotations = Map.of("run-book", "x");
        // when
        var problems = problemsOf(() -> new Alert("High Errors", null, "5 minutes", labels, annotations));
        // then
        assertThat(problems).containsExactly(
                Problem.at("alert", "'High Errors' is not an alert name; use letters, digits, '_' and ':', like "
                        + "HighErrorRate"),
                Problem.at("expr", "is required"),
                Problem.at("for", "'5 minutes' is not a duration like 5m or 1h30m"),
                Problem.at("labels", "'__name__' is not a Prometheus label name"),
                Problem.at("annotations", "'run-book' is not a Prometheus annotation name"));
    }

    @Test
    void new_whenNameMissing_thenRequired() {
        // given / when
        var problems = problemsOf(() -> new Alert(null, "up == 0", null, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("alert", "is required"));
    }
}
