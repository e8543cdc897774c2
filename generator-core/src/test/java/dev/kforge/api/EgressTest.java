package dev.kforge.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class EgressTest {

    @Test
    void https_whenUsed_thenPort443Anywhere() {
        // given
        Egress https = Egress.HTTPS;
        // when
        String cidr = https.cidr();
        // then
        assertThat(cidr).isEqualTo("0.0.0.0/0");
        assertThat(https.ports()).containsExactly(443);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "192.168.1.0/24", "2001:db8::/32", "::/0"})
    void new_whenCidr_thenAccepted(String cidr) {
        // given a CIDR
        // when
        Egress egress = new Egress(cidr, List.of(5432));
        // then
        assertThat(egress.cidr()).isEqualTo(cidr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "example.com/32", "10.0.0/8", "10.0.0.0/8 "})
    void new_whenNotACidr_thenRejected(String cidr) {
        // given
        List<Integer> ports = List.of(443);
        // when
        var problems = problemsOf(() -> new Egress(cidr, ports));
        // then
        assertThat(problems).containsExactly(Problem.at("cidr", "'" + cidr + "' is not a CIDR like 10.0.0.0/8"));
    }

    @Test
    void new_whenNoPorts_thenNeedsOne() {
        // given no ports
        // when
        var problems = problemsOf(() -> new Egress(null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("ports", "needs at least one port"));
    }

    @Test
    void new_whenPortsOutOfRange_thenEachIsReported() {
        // given
        List<Integer> ports = List.of(443, 0, 70000);
        // when
        var problems = problemsOf(() -> new Egress("10.0.0.0/8", ports));
        // then
        assertThat(problems).containsExactly(
                Problem.at("ports", "port 0 is outside 1-65535"),
                Problem.at("ports", "port 70000 is outside 1-65535"));
    }
}
