package dev.kforge.api;

import dev.kforge.testing.Models;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class TierTest {

    @Test
    void new_whenValid_thenKeepsEverything() {
        // given
        Quota quota = new Quota("4", null, null, null, null, null, null);
        // when
        Tier tier = new Tier("small", Models.resources(), "10Gi", 1, 1, quota, BigDecimal.ZERO);
        // then
        assertThat(tier).extracting(Tier::name, Tier::storage, Tier::minReplicas, Tier::maxReplicas, Tier::quota)
                .containsExactly("small", "10Gi", 1, 1, quota);
    }

    @Test
    void new_whenMaxBelowMin_thenNamesBoth() {
        // given
        int min = 3;
        int max = 2;
        // when
        var problems = problemsOf(() -> new Tier("small", Models.resources(), null, min, max, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("maxReplicas", "maxReplicas 2 is below minReplicas 3"));
    }

    @Test
    void new_whenMinIsZero_thenBelowMinimum() {
        // given
        int min = 0;
        // when
        var problems = problemsOf(() -> new Tier("small", Models.resources(), null, min, 1, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("minReplicas", "0 is below the minimum 1"));
    }

    @Test
    void new_whenPriceIsNegative_thenRejected() {
        // given
        BigDecimal price = new BigDecimal("-0.01");
        // when
        var problems = problemsOf(() -> new Tier("small", Models.resources(), null, 1, 1, null, price));
        // then
        assertThat(problems).containsExactly(Problem.at("monthlyPrice", "price -0.01 is negative"));
    }

    @Test
    void new_whenNameLongerThan30_thenTooLong() {
        // given
        String name = "t".repeat(31);
        // when
        var problems = problemsOf(() -> new Tier(name, Models.resources(), null, 1, 1, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'" + name + "' is 31 characters long; use at most 30"));
    }

    @Test
    void new_whenResourcesMissingAndStorageMalformed_thenBothReported() {
        // given
        String storage = "10 GB";
        // when
        var problems = problemsOf(() -> new Tier("small", null, storage, 1, 1, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("resources", "is required"),
                Problem.at("storage", "'10 GB' is not a memory quantity; write it like 512Mi or 10Gi"));
    }
}
