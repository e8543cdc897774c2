package dev.kforge.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class PortTest {

    @Test
    void new_whenProtocolIsNull_thenDefaultsToTcp() {
        // given no protocol
        // when
        Port port = new Port("http", 8080, null);
        // then
        assertThat(port.protocol()).isEqualTo("TCP");
        assertThat(Port.tcp("http", 8080)).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "SCTP", "TCP"})
    void new_whenKnownProtocol_thenAccepted(String protocol) {
        // given a known protocol
        // when
        Port port = new Port("dns", 53, protocol);
        // then
        assertThat(port.protocol()).isEqualTo(protocol);
    }

    @Test
    void new_whenProtocolIsLowerCase_thenRejected() {
        // given
        String protocol = "tcp";
        // when
        var problems = problemsOf(() -> new Port("http", 8080, protocol));
        // then
        assertThat(problems).containsExactly(Problem.at("protocol", "'tcp' is not TCP, UDP or SCTP"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65536, -80})
    void new_whenNumberOutOfRange_thenRejected(int number) {
        // given a number outside 1-65535
        // when
        var problems = problemsOf(() -> new Port("http", number, null));
        // then
        assertThat(problems).containsExactly(Problem.at("port", "port " + number + " is outside 1-65535"));
    }

    @Test
    void new_whenNameHas15Characters_thenAccepted() {
        // given
        String name = "a".repeat(15);
        // when
        Port port = new Port(name, 80, null);
        // then
        assertThat(port.name()).isEqualTo(name);
    }

    @Test
    void new_whenNameHas16Characters_thenTooLong() {
        // given
        String name = "a".repeat(16);
        // when
        var problems = problemsOf(() -> new Port(name, 80, null));
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'" + name + "' is 16 characters long; use at most 15"));
    }

    @Test
    void new_whenNameIsUpperCase_thenRejected() {
        // given
        String name = "HTTP";
        // when
        var problems = problemsOf(() -> new Port(name, 80, null));
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'HTTP' is not a valid name; use lower-case "
                + "letters, digits and '-', starting and ending with a letter or digit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8080", "1-2", "web--api"})
    void new_whenNameIsNotAnIanaServiceName_thenRejected(String name) {
        // given a DNS label without a letter, or with '--'
        // when
        var problems = problemsOf(() -> new Port(name, 8080, null));
        // then
        assertThat(problems).containsExactly(Problem.at("name",
                "'" + name + "' is not a valid port name; use at least one letter and no '--'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2c", "grpc-web", "9p", "x"})
    void new_whenNameIsAnIanaServiceName_thenAccepted(String name) {
        // given
        int number = 8080;
        // when
        Port port = new Port(name, number, null);
        // then
        assertThat(port.name()).isEqualTo(name);
    }

    @Test
    void new_whenNameMissing_thenRequired() {
        // given no name
        // when
        var problems = problemsOf(() -> new Port(null, 80, null));
        // then
        assertThat(problems).containsExactly(Problem.at("name", "is required"));
    }

    @Test
    void exposedAs_whenTheServiceOffersAnotherNumber_thenBothAreKept() {
        // when
        Port port = Port.tcp("http", 8080).exposedAs(80).speaking("http");
        // then
        assertThat(port.port()).isEqualTo(8080);
        assertThat(port.servicePort()).isEqualTo(80);
        assertThat(port.appProtocol()).isEqualTo("http");
        assertThat(Port.tcp("http", 8080).servicePort()).isEqualTo(8080);
    }

    @Test
    void new_whenServicePortNodePortOrAppProtocolIsWrong_thenEachIsReported() {
        // when
        var problems = problemsOf(() -> new Port("http", 8080, "TCP", 0, "not a protocol", 70000));
        // then
        assertThat(problems).containsExactly(Problem.at("servicePort", "port 0 is outside 1-65535"),
                Problem.at("appProtocol", "'not a protocol' is not an application protocol; use a name like http, "
                        + "grpc or kubernetes.io/h2c"),
                Problem.at("nodePort", "port 70000 is outside 1-65535"));
        assertThat(Port.tcp("h2", 8080).speaking("kubernetes.io/h2c").appProtocol()).isEqualTo("kubernetes.io/h2c");
    }
}
