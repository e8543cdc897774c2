package dev.kforge.hardening;

import dev.kforge.testing.SpecFuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The short fuzz run of every build: a few hundred mutations of the repository's valid specs and catalogs, with a
 * fixed seed, through {@code Kforge.generate}. The long run (10,000 inputs and more) is {@code FuzzBench} in
 * {@code bench/}.
 */
class SpecFuzzTest {

    /** Fixed, so that a failure here is reproduced by its index: {@code new SpecFuzzer(SEED, ...).input(i)}. */
    private static final long SEED = 20_260_208L;
    private static final int INPUTS = 300;

    @TempDir
    Path work;

    @Test
    void generate_whenSpecsAreMutatedAtRandom_thenEveryRunEndsInValidOutputOrAClearError() {
        // given the examples written as specs, the test specs and small platforms, mutated; the module's folder
        // is the working directory of the tests, the repository is its parent
        SpecFuzzer fuzzer = new SpecFuzzer(SEED, SpecFuzzer.smallSeeds());
        Path output = work.resolve("deploy");
        Map<SpecFuzzer.Outcome, Integer> outcomes = new EnumMap<>(SpecFuzzer.Outcome.class);
        List<String> unexpected = new ArrayList<>();

        // when each runs into one output directory, as builds do (the guard only stops a hang)
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            for (int i = 0; i < INPUTS; i++) {
                SpecFuzzer.Result result = SpecFuzzer.run(fuzzer.input(i), work, output);
                outcomes.merge(result.outcome(), 1, Integer::sum);
                if (result.outcome() == SpecFuzzer.Outcome.UNEXPECTED) {
                    unexpected.add("input " + i + " (" + result.input().seed().name() + ", "
                            + result.input().mutations() + "): " + result.detail());
                }
            }
        });

        // then nothing ended otherwise than in valid output or a clear error that left the output as it was
        assertThat(unexpected).as("unexpected ends").isEmpty();
        // and the mutations were neither all harmless nor all fatal: both ends were reached, many times (paths out
        // of the project and secrets, one mutation in ten, are refused by design, and the readiness gate also refuses
        // a mutated name whose Secret no longer matches a declared prerequisite)
        assertThat(outcomes.getOrDefault(SpecFuzzer.Outcome.VALID_OUTPUT, 0)).as("valid output")
                .isGreaterThanOrEqualTo(INPUTS / 25);
        assertThat(outcomes.getOrDefault(SpecFuzzer.Outcome.CLEAR_ERROR, 0)).as("clear errors")
                .isGreaterThanOrEqualTo(INPUTS / 3);
    }
}
