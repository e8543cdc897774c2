package dev.kforge.api;

import org.junit.jupiter.api.Test;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class QuotaTest {

    @Test
    void new_whenOnlyPodsIsSet_thenAccepted() {
        // given a single limit
        // when
        Quota quota = new Quota(null, null, null, null, null, 0, null);
        // then
        assertThat(quota.pods()).isZero();
    }

    @Test
    void new_whenEverythingIsSet_thenAccepted() {
        // given every limit
        // when
        Quota quota = new Quota("8", "16Gi", "16", "32Gi", "100Gi", 60, 5);
        // then
        assertThat(quota.requestsStorage()).isEqualTo("100Gi");
    }

    @Test
    void new_whenNothingIsSet_thenNeedsALimit() {
        // given no limit
        // when
        var problems = problemsOf(() -> new Quota(null, null, null, null, null, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("", "a quota needs at least one limit"));
    }

    @Test
    void new_whenValuesAreBad_thenEveryFieldIsReported() {
        // given bad values everywhere
        // when
        var problems = problemsOf(() -> new Quota("8 cores", "16GB", "16Gi", "lots", "1TB", -1, -2));
        // then
        assertThat(problems).containsExactly(
                Problem.at("requestsCpu", "'8 cores' is not a CPU quantity; write millicores like 250m or cores like 2"),
                Problem.at("limitsCpu", "'16Gi' is not a CPU quantity; write millicores like 250m or cores like 2"),
                Problem.at("requestsMemory", "'16GB' is not a memory quantity; write it like 512Mi or 10Gi"),
                Problem.at("limitsMemory", "'lots' is not a memory quantity; write it like 512Mi or 10Gi"),
                Problem.at("requestsStorage", "'1TB' is not a memory quantity; write it like 512Mi or 10Gi"),
                Problem.at("pods", "-1 is below the minimum 0"),
                Problem.at("persistentVolumeClaims", "-2 is below the minimum 0"));
    }
}
