package dev.kforge.hardening;

import dev.kforge.testing.Trees;
import dev.kforge.GenerateRequest;
import dev.kforge.Kforge;
import dev.kforge.KforgeException;
import dev.kforge.emit.FileTree;
import dev.kforge.spec.SpecReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two builds generating into one output directory at the same moment, unsynchronised, round after round. */
class ConcurrentGenerateTest {

    @TempDir
    Path dir;

    @Test
    void generate_whenTwoBuildsRaceForOneDirectory_thenEachWritesOrFailsWithTheLockMessageAndNothingIsCorrupted()
            throws Exception {
        // given two specs that differ in one setting, so that a mix of their files would show
        Path one = Files.writeString(dir.resolve("one.yaml"), MalformedInputs.SHOP);
        Path two = Files.writeString(dir.resolve("two.yaml"), MalformedInputs.SHOP.replace("image: gateway:1.0.0",
                "image: gateway:2.0.0"));
        Path out = dir.resolve("deploy");
        Map<String, String> ofOne = text(Kforge.render(SpecReader.read(one)));
        Map<String, String> ofTwo = text(Kforge.render(SpecReader.read(two)));
        List<String> lockFailures = new ArrayList<>();
        ExecutorService builds = Executors.newFixedThreadPool(2);

        for (int round = 0; round < 6; round++) {
            // when both start at once
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> generate(start, one, out), builds);
            CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> generate(start, two, out), builds);
            List<String> outcomes = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));

            // then each wrote or failed saying another run is writing; at least one wrote
            assertThat(outcomes).allSatisfy(o -> assertThat(o).matches("written|another kforge run is writing .*"))
                    .contains("written");
            outcomes.stream().filter(o -> !o.equals("written")).forEach(lockFailures::add);
            // and the directory holds exactly one of the two generations, whole, with no staging files
            Map<String, String> onDisk = generated(out);
            assertThat(onDisk.equals(ofOne) || onDisk.equals(ofTwo)).as("round %d: one whole generation", round)
                    .isTrue();
            assertThat(Trees.files(out).keySet()).noneMatch(p -> p.matches(".*\\.kforge-(tmp|old)-.*"));
        }
        builds.shutdown();
        assertThat(lockFailures).allSatisfy(m -> assertThat(m).contains("wait for it to finish, then run again"));
    }

    private static String generate(CyclicBarrier start, Path spec, Path out) {
        try {
            start.await(30, TimeUnit.SECONDS);
            Kforge.generate(new GenerateRequest(spec, out));
            return "written";
        } catch (KforgeException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> text(FileTree tree) {
        Map<String, String> out = new TreeMap<>();
        tree.files().keySet().forEach(p -> out.put(p, tree.text(p)));
        return out;
    }

    /** The generated files on disk: all but kforge's manifest and lock. */
    private static Map<String, String> generated(Path dir) {
        Map<String, String> out = new TreeMap<>(Trees.files(dir));
        out.keySet().removeIf(p -> p.startsWith(".kforge"));
        return out;
    }
}
