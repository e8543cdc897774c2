package dev.kforge.api;

import org.junit.jupiter.api.Test;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class DisruptionBudgetTest {

    @Test
    void minAvailable_whenCount_thenOnlyMinAvailable() {
        // given
        int count = 2;
        // when
        DisruptionBudget budget = DisruptionBudget.minAvailable(count);
        // then
        assertThat(budget).isEqualTo(new DisruptionBudget("2", null));
    }

    @Test
    void new_whenMaxUnavailablePercent_thenAccepted() {
        // given
        String maxUnavailable = "25%";
        // when
        DisruptionBudget budget = new DisruptionBudget(null, maxUnavailable);
        // then
        assertThat(budget.maxUnavailable()).isEqualTo("25%");
    }

    @Test
    void new_whenNeither_thenExactlyOne() {
        // given neither bound
        // when
        var problems = problemsOf(() -> new DisruptionBudget(null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("", "set exactly one of minAvailable and maxUnavailable"));
    }

    @Test
    void new_whenBoth_thenExactlyOne() {
        // given both bounds
        // when
        var problems = problemsOf(() -> new DisruptionBudget("1", "1"));
        // then
        assertThat(problems).containsExactly(Problem.at("", "set exactly one of minAvailable and maxUnavailable"));
    }

    @Test
    void new_whenNotANumber_thenProblemAtThatField() {
        // given
        String maxUnavailable = "half";
        // when
        var problems = problemsOf(() -> new DisruptionBudget(null, maxUnavailable));
        // then
        assertThat(problems).containsExactly(
                Problem.at("maxUnavailable", "'half' is neither a whole number nor a percentage like 25%"));
    }

    @Test
    void minAvailable_whenNegative_thenRejected() {
        // given
        int count = -1;
        // when
        var problems = problemsOf(() -> DisruptionBudget.minAvailable(count));
        // then
        assertThat(problems).containsExactly(
                Problem.at("minAvailable", "'-1' is neither a whole number nor a percentage like 25%"));
    }

    @Test
    void new_whenItNeverAllowsAnEviction_thenRefused() {
        // when
        var zero = problemsOf(() -> new DisruptionBudget(null, "0"));
        var zeroPercent = problemsOf(() -> new DisruptionBudget(null, "0%"));
        var all = problemsOf(() -> new DisruptionBudget("100%", null));
        // then
        assertThat(zero).containsExactly(Problem.at("maxUnavailable", "0 never lets a node drain evict one of these "
                + "pods; allow at least 1"));
        assertThat(zeroPercent).hasSize(1);
        assertThat(all).extracting(Problem::path).containsExactly("minAvailable");
    }
}
