package dev.kforge.bench;

import dev.kforge.testing.SpecFuzzer;
import dev.kforge.testing.Trees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The long fuzz run: N mutated specs and catalogs (the examples written as specs, the reader's full spec, small
 * platforms; {@link SpecFuzzer#repositorySeeds}) through {@code Kforge.generate}, each ending in output that passes
 * validation or in a clear error. Prints the count, the outcomes (also per seed), the time and the slowest input;
 * every unexpected end is printed with its mutations and written to {@code bench/target/fuzz-failures/} to
 * reproduce. Exits 1 if there was any.
 *
 * <p>Arguments: {@code [count] [--seed S]}; count defaults to 10,000, the seed to 1. Run it from the repository
 * root or {@code bench/}.
 */
public final class FuzzBench {

    private FuzzBench() {
    }

    public static void main(String[] args) throws IOException {
        int count = 10_000;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            if ("--seed".equals(args[i])) {
                seed = Long.parseLong(args[++i]);
            } else {
                count = Integer.parseInt(args[i].replace("_", "").replace(",", ""));
            }
        }
        Path repository = Files.isDirectory(Path.of("examples")) ? Path.of(".") : Path.of("..");
        SpecFuzzer fuzzer = new SpecFuzzer(seed, SpecFuzzer.repositorySeeds(repository));
        Path work = Files.createTempDirectory("kforge-fuzz");
        Path output = work.resolve("deploy");
        Map<SpecFuzzer.Outcome, Integer> outcomes = new EnumMap<>(SpecFuzzer.Outcome.class);
        Map<String, int[]> bySeed = new TreeMap<>();
        List<SpecFuzzer.Result> unexpected = new ArrayList<>();
        long slowest = 0;
        SpecFuzzer.Input slowestInput = null;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            SpecFuzzer.Input input = fuzzer.input(i);
            long t0 = System.nanoTime();
            SpecFuzzer.Result result = SpecFuzzer.run(input, work, output);
            long took = System.nanoTime() - t0;
            if (took > slowest) {
                slowest = took;
                slowestInput = input;
            }
            outcomes.merge(result.outcome(), 1, Integer::sum);
            bySeed.computeIfAbsent(input.seed().name(), k -> new int[SpecFuzzer.Outcome.values().length])
                    [result.outcome().ordinal()]++;
            if (result.outcome() == SpecFuzzer.Outcome.UNEXPECTED) {
                unexpected.add(result);
                report(result, repository);
            }
            if ((i + 1) % 1000 == 0) {
                System.out.printf(Locale.ROOT, "%,d inputs, %.0f s%n", i + 1, (System.nanoTime() - start) / 1e9);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "fuzz: %,d inputs (seed %d) in %.1f s (%.1f ms each); valid output %,d, "
                        + "clear error %,d, unexpected %,d; slowest input %d (%s) took %.2f s%n", count, seed, seconds,
                seconds * 1000 / count, outcomes.getOrDefault(SpecFuzzer.Outcome.VALID_OUTPUT, 0),
                outcomes.getOrDefault(SpecFuzzer.Outcome.CLEAR_ERROR, 0),
                outcomes.getOrDefault(SpecFuzzer.Outcome.UNEXPECTED, 0),
                slowestInput == null ? -1 : slowestInput.index(),
                slowestInput == null ? "" : slowestInput.seed().name(), slowest / 1e9);
        bySeed.forEach((name, counts) -> System.out.printf(Locale.ROOT, "  %-16s valid output %,6d, clear error "
                + "%,6d, unexpected %,d%n", name, counts[0], counts[1], counts[2]));
        Trees.delete(work);
        if (!unexpected.isEmpty()) {
            System.exit(1);
        }
    }

    /** Prints an unexpected end and keeps its input under {@code target/fuzz-failures/<index>/}. */
    private static void report(SpecFuzzer.Result result, Path repository) throws IOException {
        SpecFuzzer.Input input = result.input();
        System.out.println("UNEXPECTED input " + input.index() + " from " + input.seed().name() + " after "
                + input.mutations() + ":\n" + result.detail());
        Path keep = repository.resolve("bench/target/fuzz-failures/" + input.index());
        for (Map.Entry<String, byte[]> file : input.files().entrySet()) {
            Path p = keep.resolve(file.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, file.getValue());
        }
        Files.writeString(keep.resolve("WHAT.txt"), input.mutations() + "\n" + result.detail() + "\n",
                StandardCharsets.UTF_8);
    }
}
