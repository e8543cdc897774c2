package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class BackingServiceTest {

    @Test
    void new_whenNoSelector_thenSelectsByName() {
        // given
        String name = "postgresql";
        // when
        BackingService backing = new BackingService(name, List.of(5432), null, null);
        // then
        assertThat(backing.selector()).containsExactly(Map.entry("app.kubernetes.io/name", "postgresql"));
    }

    @Test
    void new_whenSelectorAndNamespace_thenKept() {
        // given
        Map<String, String> selector = Map.of("app", "redis");
        // when
        BackingService backing = new BackingService("redis", List.of(6379, 26379), selector, "cache");
        // then
        assertThat(backing.selector()).isEqualTo(selector);
        assertThat(backing.namespace()).isEqualTo("cache");
    }

    @Test
    void new_whenEverythingWrong_thenEveryFieldIsReported() {
        // given
        Map<String, String> selector = Map.of("app", "red is");
        // when
        var problems = problemsOf(() -> new BackingService("Redis", List.of(0), selector, "Cache"));
        // then
        String rule = "use lower-case letters, digits and '-', starting and ending with a letter or digit";
        assertThat(problems).containsExactly(
                Problem.at("name", "'Redis' is not a valid name; " + rule),
                Problem.at("selector.app", "'red is' is not a valid label value; use at most 63 letters, digits, "
                        + "'-', '_' or '.', starting and ending with a letter or digit"),
                Problem.at("ports", "port 0 is outside 1-65535"),
                Problem.at("namespace", "'Cache' is not a valid name; " + rule));
    }

    @Test
    void new_whenNameAndPortsMissing_thenBothReported() {
        // given
        List<Integer> ports = List.of();
        // when
        var problems = problemsOf(() -> new BackingService(null, ports, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("name", "is required"),
                Problem.at("ports", "needs at least one port"));
    }
}
