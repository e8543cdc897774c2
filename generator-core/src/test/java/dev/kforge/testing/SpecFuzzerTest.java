package dev.kforge.testing;

import dev.kforge.KforgeException;
import dev.kforge.api.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SpecFuzzerTest {

    /** The small shop platform the fuzz runs start from: its web service's kind is on line 6. */
    private static final String VALID_SPEC = SpecFuzzer.smallSeeds().get(0).files().get("platform.yaml");

    @Test
    void input_whenAskedTwiceForOneIndex_thenTheSameBytesWhateverTheOrderOfTheSeedsFiles() {
        // given two fuzzers of one seed, their seeds' files given in opposite orders
        Map<String, String> forwards = new LinkedHashMap<>();
        forwards.put("platform.yaml", VALID_SPEC);
        forwards.put("tenants.csv", "id\nacme\n");
        Map<String, String> backwards = new LinkedHashMap<>();
        backwards.put("tenants.csv", "id\nacme\n");
        backwards.put("platform.yaml", VALID_SPEC);
        SpecFuzzer one = new SpecFuzzer(42, List.of(new SpecFuzzer.Seed("s", "platform.yaml", forwards)));
        SpecFuzzer two = new SpecFuzzer(42, List.of(new SpecFuzzer.Seed("s", "platform.yaml", backwards)));

        // when / then every input is the same
        for (int i = 0; i < 50; i++) {
            SpecFuzzer.Input a = one.input(i);
            SpecFuzzer.Input b = two.input(i);
            assertThat(b.mutations()).as("input %d", i).isEqualTo(a.mutations());
            assertThat(b.files().keySet()).isEqualTo(a.files().keySet());
            a.files().forEach((name, bytes) -> assertThat(b.files().get(name)).isEqualTo(bytes));
        }
    }

    @Test
    void input_whenIndexesFollowEachOther_thenTheirSeedsAndMutationsVary() {
        // given: java.util.Random's first numbers for neighbouring seeds are nearly equal, a trap for a fuzzer
        SpecFuzzer fuzzer = new SpecFuzzer(1, SpecFuzzer.smallSeeds());
        // when
        List<SpecFuzzer.Input> inputs = IntStream.range(0, 40).mapToObj(fuzzer::input).toList();
        // then every seed is used, and the mutations are of many kinds
        assertThat(inputs).extracting(i -> i.seed().name()).containsAll(SpecFuzzer.smallSeeds().stream()
                .map(SpecFuzzer.Seed::name).toList());
        assertThat(inputs.stream().flatMap(i -> i.mutations().stream())
                .map(m -> m.replaceAll("^[^:]+: ", "").split(" ")[0]).distinct().count()).isGreaterThan(8);
    }

    @Test
    void seeds_whenRunUnmutated_thenEachGeneratesValidOutput(@TempDir Path work) {
        // given every valid input the fuzz runs start from; the tests run in the module's folder
        List<SpecFuzzer.Seed> seeds = new java.util.ArrayList<>(SpecFuzzer.repositorySeeds(Path.of("..")));
        seeds.addAll(SpecFuzzer.smallSeeds());
        for (int i = 0; i < seeds.size(); i++) {
            SpecFuzzer.Seed seed = seeds.get(i);
            Map<String, byte[]> files = new LinkedHashMap<>();
            seed.files().forEach((name, text) -> files.put(name, text.getBytes(StandardCharsets.UTF_8)));
            // when
            SpecFuzzer.Result result = SpecFuzzer.run(new SpecFuzzer.Input(i, seed, List.of(), files), work,
                    work.resolve("deploy-" + seed.name()));
            // then
            assertThat(result.outcome()).as("%s: %s", seed.name(), result.detail())
                    .isEqualTo(SpecFuzzer.Outcome.VALID_OUTPUT);
        }
        assertThat(seeds).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void unclear_whenProblemsSayWhereAndWhat_thenClear() {
        // given
        KforgeException e = new KforgeException("platform.yaml has 1 problem; nothing was written",
                List.of(new Problem("services.web.replicas", "expected a whole number, found 'x'", "platform.yaml:7")));
        // when / then
        assertThat(SpecFuzzer.unclear(e)).isNull();
    }

    @Test
    void unclear_whenAProblemHasNoLocationOrTheMessageLeaksAnException_thenUnclear() {
        // given
        KforgeException noLocation = new KforgeException("1 problem",
                List.of(Problem.at("services.web", "is wrong")));
        KforgeException leak = new KforgeException("cannot read (NullPointerException)", List.of());
        KforgeException defect = new KforgeException("a kforge defect; please report it", List.of());
        KforgeException blank = new KforgeException("1 problem", List.of(new Problem("a", " ", "platform.yaml:1")));
        // when / then
        assertThat(SpecFuzzer.unclear(noLocation)).startsWith("a problem without a location");
        assertThat(SpecFuzzer.unclear(leak)).startsWith("not a clear error");
        assertThat(SpecFuzzer.unclear(defect)).startsWith("not a clear error");
        assertThat(SpecFuzzer.unclear(blank)).startsWith("a problem without a message");
    }

    @Test
    void run_whenTheSpecIsValid_thenValidOutputAndWhenBroken_thenAClearErrorLeavingTheOutput(@TempDir Path work)
            throws IOException {
        // given a valid input, then the same with the service's kind misspelt
        SpecFuzzer.Seed seed = new SpecFuzzer.Seed("shop", "platform.yaml", Map.of("platform.yaml",
                VALID_SPEC));
        SpecFuzzer.Input valid = new SpecFuzzer.Input(0, seed, List.of(), Map.of("platform.yaml",
                VALID_SPEC.getBytes(StandardCharsets.UTF_8)));
        SpecFuzzer.Input broken = new SpecFuzzer.Input(1, seed, List.of("kind misspelt"), Map.of("platform.yaml",
                VALID_SPEC.replace("web-service", "web-servce").getBytes(
                        StandardCharsets.UTF_8)));
        Path output = work.resolve("deploy");

        // when
        SpecFuzzer.Result first = SpecFuzzer.run(valid, work, output);
        String written = SpecFuzzer.fingerprint(output);
        SpecFuzzer.Result second = SpecFuzzer.run(broken, work, output);

        // then
        assertThat(first.outcome()).as(first.detail()).isEqualTo(SpecFuzzer.Outcome.VALID_OUTPUT);
        assertThat(written).isNotEmpty();
        assertThat(second.outcome()).isEqualTo(SpecFuzzer.Outcome.CLEAR_ERROR);
        assertThat(second.detail()).startsWith("platform.yaml:6: services.web.kind: 'web-servce'");
        assertThat(SpecFuzzer.fingerprint(output)).isEqualTo(written);
        // and the inputs' folders are gone
        try (var left = Files.list(work)) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly("deploy");
        }
    }

    @Test
    void fingerprint_whenOneByteOfOneFileChanges_thenDiffers(@TempDir Path dir) throws IOException {
        // given
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/x.yaml"), "replicas: 1\n");
        String before = SpecFuzzer.fingerprint(dir);
        // when
        Files.writeString(dir.resolve("a/x.yaml"), "replicas: 2\n");
        // then
        assertThat(SpecFuzzer.fingerprint(dir)).isNotEqualTo(before);
        assertThat(SpecFuzzer.fingerprint(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void input_whenManyAreMade_thenSomeAttackWithPathsOutOfTheProjectAndSomeWithSecrets() {
        SpecFuzzer fuzzer = new SpecFuzzer(7, SpecFuzzer.smallSeeds());
        List<String> mutations = IntStream.range(0, 300).mapToObj(fuzzer::input)
                .flatMap(i -> i.mutations().stream()).toList();
        assertThat(mutations).anyMatch(m -> m.contains("named the file ") || m.contains("config.fromFiles"))
                .anyMatch(m -> m.contains("secret"));
    }

    @Test
    void run_whenASpecNamesALinkOutOfTheProject_thenAClearErrorAndNoLeak(@TempDir Path work) {
        // given the shop naming the link beside every input, which leads to the canary outside the project
        SpecFuzzer.Seed shop = SpecFuzzer.smallSeeds().get(0);
        String spec = shop.files().get("platform.yaml").replace("    ports: {http: 8080}\n",
                "    ports: {http: 8080}\n    config: {fromFiles: [" + HostileMutations.LINK_OUT + "]}\n");
        SpecFuzzer.Input input = new SpecFuzzer.Input(0, shop, List.of("a link"),
                Map.of("platform.yaml", spec.getBytes(StandardCharsets.UTF_8)));

        // when
        SpecFuzzer.Result result = SpecFuzzer.run(input, work, work.resolve("deploy"));

        // then
        assertThat(result.outcome()).isEqualTo(SpecFuzzer.Outcome.CLEAR_ERROR);
        assertThat(result.detail()).contains("'link-out' leads through a symbolic link to ").contains("canary.env");
    }

    @Test
    void leak_whenTheCanaryOrASecretIsInTheOutput_thenSaysWhere(@TempDir Path work) throws IOException {
        Path output = Files.createDirectories(work.resolve("deploy"));
        Files.writeString(output.resolve("a.yaml"), "data: {x: " + HostileMutations.CANARY + "}\n");
        assertThat(HostileMutations.leak(output, false)).isEqualTo("a.yaml holds a file from outside the project");
        Files.writeString(output.resolve("a.yaml"), "env: [{name: X, value: " + HostileMutations.SECRETS.get(2) + "}]\n");
        assertThat(HostileMutations.leak(output, false)).startsWith("a.yaml holds the secret ghp_Kf");
        Files.writeString(output.resolve("a.yaml"), "env: [{name: DB_PASSWORD, value: hunter2}]\n");
        assertThat(HostileMutations.leak(output, true)).startsWith("a secret reached the output: a.yaml: the "
                + "variable DB_PASSWORD has a literal value");
    }
}
