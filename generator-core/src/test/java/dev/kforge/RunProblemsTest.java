package dev.kforge;

import dev.kforge.api.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RunProblemsTest {

    @Test
    void failure_whenARunFindsMoreThanItLists_thenTheRestAreCounted() {
        // given: a catalog's worth of tenants, each with a problem of its own
        RunProblems run = new RunProblems();
        run.add(IntStream.range(0, RunProblems.LISTED + 50)
                .mapToObj(i -> Problem.at("tenants.t" + i + ".tier", "'huge' is not a tier")).toList());
        // when
        KforgeException e = run.failure("platform.yaml", p -> p);
        // then
        assertThat(e.problems()).hasSize(RunProblems.LISTED).first()
                .isEqualTo(Problem.at("tenants.t0.tier", "'huge' is not a tier"));
        assertThat(e.notes()).containsExactly("... and 50 more problems, not listed (" + (RunProblems.LISTED + 50)
                + " in all); fix these and run again to see the rest");
        assertThat(e.getMessage()).startsWith((RunProblems.LISTED + 50) + " problems in platform.yaml; ");
    }

    @Test
    void add_whenTheReaderCoveredAPath_thenALaterProblemThereIsLeftOut() {
        // given: the reader reported services.api and put a stand-in there
        RunProblems run = new RunProblems();
        run.afterReader(List.of(Problem.at("services.api.replcias", "is not a setting")),
                path -> path.startsWith("services.api") || path.startsWith("environments.dev.services.api"),
                java.util.Set.of("api"));
        // when
        run.add(List.of(Problem.at("environments.dev.services.api", "the replica range becomes 2-1"),
                Problem.at("environments.dev.services.web", "the replica range becomes 3-1")));
        // then
        assertThat(run.problems()).extracting(Problem::path)
                .containsExactly("services.api.replcias", "environments.dev.services.web");
    }
}
