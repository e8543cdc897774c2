package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class RbacRuleTest {

    private static final String WILDCARDS = "wildcards grant more than a service needs; list the verbs and resources";

    @Test
    void read_whenResources_thenCoreGroupReadVerbs() {
        // given
        String resource = "configmaps";
        // when
        RbacRule rule = RbacRule.read(resource, "secrets");
        // then
        assertThat(rule).isEqualTo(new RbacRule(List.of(""), List.of("configmaps", "secrets"),
                List.of("get", "list", "watch"), List.of()));
    }

    @Test
    void new_whenVerbIsWildcard_thenRejected() {
        // given
        List<String> verbs = List.of("get", "*");
        // when
        var problems = problemsOf(() -> new RbacRule(List.of(""), List.of("pods"), verbs, null));
        // then
        assertThat(problems).containsExactly(Problem.at("", WILDCARDS));
    }

    @Test
    void new_whenResourceIsWildcard_thenRejected() {
        // given
        List<String> resources = List.of("*");
        // when
        var problems = problemsOf(() -> new RbacRule(List.of("apps"), resources, List.of("get"), null));
        // then
        assertThat(problems).containsExactly(Problem.at("", WILDCARDS));
    }

    @Test
    void new_whenNoResourcesAndNoVerbs_thenBothReported() {
        // given empty lists
        // when
        var problems = problemsOf(() -> new RbacRule(null, List.of(), null, null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("resources", "needs at least one resource"),
                Problem.at("verbs", "needs at least one verb"));
    }
}
