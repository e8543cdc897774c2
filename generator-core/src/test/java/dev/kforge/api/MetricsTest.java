package dev.kforge.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class MetricsTest {

    @Test
    void new_whenOnlyPort_thenDefaultsPathAndInterval() {
        // given
        String port = "metrics";
        // when
        Metrics metrics = new Metrics(port, null, null);
        // then
        assertThat(metrics).isEqualTo(new Metrics("metrics", "/metrics", "30s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"500ms", "15s", "1m", "1h"})
    void new_whenIntervalIsADuration_thenAccepted(String interval) {
        // given a duration
        // when
        Metrics metrics = new Metrics("http", "/prometheus", interval);
        // then
        assertThat(metrics.interval()).isEqualTo(interval);
    }

    @Test
    void new_whenEverythingWrong_thenEveryFieldIsReported() {
        // given
        String interval = "30";
        // when
        var problems = problemsOf(() -> new Metrics(null, "metrics", interval));
        // then
        assertThat(problems).containsExactly(
                Problem.at("port", "is required"),
                Problem.at("path", "'metrics' must start with '/'"),
                Problem.at("interval", "'30' is not a duration like 30s"));
    }

    @Test
    void new_whenIntervalHasTwoUnits_thenRejected() {
        // given
        String interval = "1m30s";
        // when
        var problems = problemsOf(() -> new Metrics("http", null, interval));
        // then
        assertThat(problems).containsExactly(Problem.at("interval", "'1m30s' is not a duration like 30s"));
    }
}
