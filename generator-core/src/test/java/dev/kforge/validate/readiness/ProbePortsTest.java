package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProbePortsTest {

    private static String probes(String probes) {
        return Fixtures.deployment("web", "").replace("        ports: [{name: http, containerPort: 8080}]\n",
                "        ports: [{name: http, containerPort: 8080}]\n" + probes.indent(8));
    }

    @Test
    void check_whenProbesCheckUndeclaredPorts_thenOneLocatedErrorEach() {
        // given
        String yaml = probes("""
                livenessProbe: {httpGet: {path: /health, port: management}}
                readinessProbe: {tcpSocket: {port: 9090}}
                startupProbe: {grpc: {port: 8080}}
                """);
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, ProbePorts.RULE);
        // then
        assertThat(problems).extracting(ValidationProblem::toString).containsExactly(
                "app.yaml:1: Deployment/web: .spec.template.spec.containers[0].livenessProbe.httpGet.port: the "
                        + "livenessProbe checks port management, which container 'web' does not declare (http "
                        + "8080/TCP), so the probe always fails; declare the port or probe one the container declares "
                        + "[probe-port]",
                "app.yaml:1: Deployment/web: .spec.template.spec.containers[0].readinessProbe.tcpSocket.port: the "
                        + "readinessProbe checks port 9090, which container 'web' does not declare (http 8080/TCP); "
                        + "declare the port or probe one the container declares [probe-port]");
    }

    @Test
    void check_whenProbesUseDeclaredPortsOrCommands_thenNothing() {
        // when / then
        assertThat(Fixtures.check(probes("""
                livenessProbe: {httpGet: {path: /health, port: http}}
                readinessProbe: {tcpSocket: {port: 8080}}
                startupProbe: {exec: {command: [/bin/true]}}
                """), ProbePorts.RULE)).isEmpty();
    }
}
