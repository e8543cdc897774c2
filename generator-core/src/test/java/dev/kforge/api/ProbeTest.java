package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class ProbeTest {

    @Test
    void http_whenPathGiven_thenNoPortAndNoCommand() {
        // given
        String path = "/health";
        // when
        Probe probe = Probe.http(path);
        // then
        assertThat(probe).isEqualTo(new Probe("/health", null, List.of(), null, null, null, null));
    }

    @Test
    void new_whenExecWithTimings_thenAccepted() {
        // given
        List<String> command = List.of("pg_isready");
        // when
        Probe probe = new Probe(null, null, command, 0, 1, 1, 1);
        // then
        assertThat(probe.command()).containsExactly("pg_isready");
    }

    @Test
    void http_whenPathIsRelative_thenMustStartWithSlash() {
        // given
        String path = "health";
        // when
        var problems = problemsOf(() -> Probe.http(path, "http"));
        // then
        assertThat(problems).containsExactly(Problem.at("path", "'health' must start with '/'"));
    }

    @Test
    void new_whenPathAndCommand_thenNotBoth() {
        // given
        List<String> command = List.of("true");
        // when
        var problems = problemsOf(() -> new Probe("/health", null, command, null, null, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("", "set either path (HTTP) or command (exec), not both"));
    }

    @Test
    void new_whenTimingsBelowMinimum_thenEachIsReported() {
        // given timings one below each minimum
        // when
        var problems = problemsOf(() -> new Probe(null, null, null, -1, 0, 0, 0));
        // then
        assertThat(problems).containsExactly(
                Problem.at("initialDelaySeconds", "-1 is below the minimum 0"),
                Problem.at("periodSeconds", "0 is below the minimum 1"),
                Problem.at("timeoutSeconds", "0 is below the minimum 1"),
                Problem.at("failureThreshold", "0 is below the minimum 1"));
    }
}
