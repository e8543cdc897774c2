package dev.kforge.api;

import dev.kforge.testing.Models;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceOverrideTest {

    @Test
    void none_whenUsed_thenChangesNothing() {
        // given
        ServiceOverride none = ServiceOverride.NONE;
        // when
        ServiceOverride same = none.then(ServiceOverride.NONE);
        // then
        assertThat(same).isEqualTo(new ServiceOverride(null, null, null, null, null, Map.of(), null));
    }

    @Test
    void range_whenMinAndMax_thenOnlyTheRange() {
        // given
        int min = 2;
        // when
        ServiceOverride range = ServiceOverride.range(min, 4);
        // then
        assertThat(range).isEqualTo(new ServiceOverride(null, 2, 4, null, null, null, null));
    }

    @Test
    void then_whenBothSetAField_thenTheLaterWins() {
        // given
        Resources small = Models.resources();
        Resources large = new Resources("1", "2", "1Gi", "2Gi");
        ServiceOverride first = new ServiceOverride(1, 1, 2, small, "1.0", Map.of("A", "first", "B", "first"), false);
        ServiceOverride later = new ServiceOverride(3, 2, 5, large, "2.0", Map.of("B", "later", "C", "later"), true);
        // when
        ServiceOverride merged = first.then(later);
        // then
        assertThat(merged).isEqualTo(new ServiceOverride(3, 2, 5, large, "2.0",
                Map.of("A", "first", "B", "later", "C", "later"), true));
    }

    @Test
    void then_whenTheLaterSetsNothing_thenTheFirstIsKept() {
        // given
        ServiceOverride first = new ServiceOverride(1, 1, 2, Models.resources(), "1.0", Map.of("A", "a"), true);
        // when
        ServiceOverride merged = first.then(ServiceOverride.NONE);
        // then
        assertThat(merged).isEqualTo(first);
    }

    @Test
    void then_whenTheLaterSetsOnlySome_thenFieldsAreMergedOneByOne() {
        // given
        ServiceOverride first = new ServiceOverride(1, null, null, null, "1.0", null, null);
        ServiceOverride later = new ServiceOverride(null, null, null, null, null, null, false);
        // when
        ServiceOverride merged = first.then(later);
        // then
        assertThat(merged).isEqualTo(new ServiceOverride(1, null, null, null, "1.0", null, false));
    }

    @Test
    void new_whenMaxBelowMin_thenNamesBoth() {
        // given
        int min = 3;
        // when
        var problems = problemsOf(() -> ServiceOverride.range(min, 2));
        // then
        assertThat(problems).containsExactly(Problem.at("maxReplicas", "maxReplicas 2 is below minReplicas 3"));
    }

    @Test
    void new_whenOnlyMaxSet_thenNotCompared() {
        // given only an upper bound (the service gives the lower one)
        // when
        ServiceOverride override = new ServiceOverride(null, null, 1, null, null, null, null);
        // then
        assertThat(override.maxReplicas()).isEqualTo(1);
    }

    @Test
    void new_whenNumbersBelowMinimumAndLatestTag_thenEachIsReported() {
        // given
        String tag = "latest";
        // when
        var problems = problemsOf(() -> new ServiceOverride(-1, 0, null, null, tag, null, null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("replicas", "-1 is below the minimum 0"),
                Problem.at("minReplicas", "0 is below the minimum 1"),
                Problem.at("imageTag", "'latest' is not a pinned tag"));
    }

    @Test
    void new_whenZeroReplicas_thenAccepted() {
        // given
        int replicas = 0;
        // when
        ServiceOverride override = new ServiceOverride(replicas, null, null, null, null, null, null);
        // then
        assertThat(override.replicas()).isZero();
    }

    @Test
    void new_whenEnvNameInvalid_thenReportedOnce() {
        // given
        Map<String, String> env = Map.of("1ST", "x");
        // when
        var problems = problemsOf(() -> new ServiceOverride(null, null, null, null, null, env, null));
        // then
        assertThat(problems).containsExactly(Problem.at("env", "'1ST' is not a valid environment variable name; "
                + "use letters, digits and '_', not starting with a digit"));
    }

    @Test
    void new_whenEnvValueMissing_thenNeedsAValue() {
        // given
        Map<String, String> env = new java.util.HashMap<>();
        env.put("LOG_LEVEL", null);
        // when
        var problems = problemsOf(() -> new ServiceOverride(null, null, null, null, null, env, null));
        // then
        assertThat(problems).containsExactly(Problem.at("env.LOG_LEVEL", "needs a value"));
    }

    @Test
    void new_whenEnvValueEmpty_thenAccepted() {
        // given
        Map<String, String> env = Map.of("LOG_LEVEL", "");
        // when
        ServiceOverride override = new ServiceOverride(null, null, null, null, null, env, null);
        // then
        assertThat(override.env()).containsExactly(Map.entry("LOG_LEVEL", ""));
    }

    @Test
    void then_whenTheMoreSpecificOverrideSetsARateLimit_thenItWins() {
        // given
        ServiceOverride defaults = ServiceOverride.NONE.withRateLimitRps(100);
        ServiceOverride web = ServiceOverride.range(2, 4).withRateLimitRps(250);
        // when / then
        assertThat(defaults.then(web).rateLimitRps()).isEqualTo(250);
        assertThat(defaults.then(ServiceOverride.range(2, 4)).rateLimitRps()).isEqualTo(100);
    }

    @Test
    void new_whenRateLimitIsZero_thenBelowTheMinimum() {
        // when
        var problems = problemsOf(() -> new ServiceOverride(null, null, null, null, null, null, null, 0));
        // then
        assertThat(problems).containsExactly(Problem.at("rateLimitRps", "0 is below the minimum 1"));
    }

    @Test
    void then_whenTheDefaultsLeaveEveryServiceOutAndOneOverrideKeepsIt_thenOnlyThatOneRuns() {
        // given
        ServiceOverride defaults = ServiceOverride.DISABLED;
        ServiceOverride keep = new ServiceOverride(null, null, null, null, null, null, null, null, true);
        // when / then
        assertThat(defaults.then(keep).keeps()).isTrue();
        assertThat(defaults.then(ServiceOverride.NONE).keeps()).isFalse();
        assertThat(ServiceOverride.NONE.keeps()).isTrue();
    }
}
