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

    @Test
    void new_whenNoType_thenInferredFromPathAndCommand() {
        // when / then
        assertThat(new Probe("/health", null, null, null, null, null, null).type()).isEqualTo(Probe.Type.HTTP);
        assertThat(new Probe(null, null, List.of("true"), null, null, null, null).type()).isEqualTo(Probe.Type.EXEC);
        assertThat(new Probe(null, "http", null, null, null, null, null).type()).isEqualTo(Probe.Type.TCP);
    }

    @Test
    void grpc_whenServiceNamed_thenKeptAndItsPortNameBecomesTheNumber() {
        // given
        List<Port> ports = List.of(Port.tcp("http", 8080), Port.tcp("grpc", 9555));
        // when
        Probe probe = Probe.grpc("grpc", "hipstershop.Health");
        // then
        assertThat(probe.service()).isEqualTo("hipstershop.Health");
        assertThat(probe.target(ports)).isEqualTo(9555);
        assertThat(Probe.http("/health", "grpc").target(ports)).isEqualTo("grpc");
        assertThat(Probe.tcp(null).target(ports)).isEqualTo("http");
        assertThat(Probe.exec("true").target(ports)).isNull();
    }

    @Test
    void new_whenSettingsOfAnotherType_thenEachIsNamed() {
        // when
        var problems = problemsOf(() -> new Probe(Probe.Type.TCP, "/health", "http", "HTTPS", java.util.Map.of(
                "X-A", "b"), "svc", List.of("true"), null, null, null, null, null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("path", "a tcp probe has no path; only an http probe does"),
                Problem.at("command", "a tcp probe runs no command; only an exec probe does"),
                Problem.at("scheme", "only an http probe has a scheme"),
                Problem.at("headers", "only an http probe sends headers"),
                Problem.at("service", "only a grpc probe names a service"));
    }

    @Test
    void new_whenHttpWithoutPathOrExecWithoutCommand_thenEachNeedsIt() {
        // when / then
        assertThat(problemsOf(() -> new Probe(Probe.Type.HTTP, null, null, null, null, null, null, null, null, null,
                null, null))).containsExactly(Problem.at("path", "an http probe needs a path like /health"));
        assertThat(problemsOf(() -> new Probe(Probe.Type.EXEC, null, "http", null, null, null, null, null, null,
                null, null, null))).containsExactly(Problem.at("command", "an exec probe needs a command"),
                Problem.at("port", "an exec probe has no port"));
    }

    @Test
    void https_whenHeadersAreNotHttp_thenRefused() {
        // when
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Bad Name", "x");
        headers.put("X-Ok", "a\nb");
        var problems = problemsOf(() -> new Probe(Probe.Type.HTTP, "/health", null, null, headers, null, null, null,
                null, null, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("headers", "'Bad Name' is not an HTTP header name"),
                Problem.at("headers.X-Ok", "a header value cannot hold a line break or a control character"));
        assertThat(Probe.http("/health").https().scheme()).isEqualTo("HTTPS");
    }

    @Test
    void probes_whenLivenessOrStartupAsksForMoreThanOneSuccess_thenRefusedButReadinessMay() {
        // given
        Probe twice = Probe.tcp(null).timing(null, null, null, null, 2);
        // when
        var problems = problemsOf(() -> new Probes(twice, twice, twice));
        // then
        assertThat(problems).extracting(Problem::path).containsExactly("liveness.successThreshold",
                "startup.successThreshold");
        assertThat(new Probes(null, twice, null).readiness().successThreshold()).isEqualTo(2);
    }
}
