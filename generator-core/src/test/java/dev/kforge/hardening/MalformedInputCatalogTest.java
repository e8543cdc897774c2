package dev.kforge.hardening;

import dev.kforge.GenerateRequest;
import dev.kforge.Kforge;
import dev.kforge.KforgeException;
import dev.kforge.api.Problem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every case of {@link MalformedInputs}, run through the real entry point into an output directory that holds a
 * previous generation: each must fail with a {@link KforgeException} holding exactly one problem — file and line,
 * model path, what is wrong and what to do — and leave every byte of the output directory as it was.
 */
class MalformedInputCatalogTest {

    @TempDir
    static Path root;

    private static Path output;
    private static Map<String, String> previous;

    @BeforeAll
    static void previousGeneration() throws IOException {
        Path spec = Files.writeString(Files.createDirectories(root.resolve("valid")).resolve("platform.yaml"),
                MalformedInputs.SHOP);
        output = root.resolve("deploy");
        Kforge.generate(new GenerateRequest(spec, output));
        previous = snapshot(output);
    }

    static List<MalformedInputs.Case> cases() {
        return MalformedInputs.all();
    }

    @Test
    void catalog_whenCounted_thenHoldsAtLeastFiftyCasesOfEveryKind() {
        // when
        List<MalformedInputs.Case> cases = cases();
        // then
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        assertThat(cases).extracting(c -> c.name().substring(0, c.name().indexOf(':')))
                .contains("syntax", "type", "unknown key", "duplicate", "reference", "cycle", "name", "size",
                        "hostile", "csv", "yaml catalog", "secret");
        assertThat(cases).extracting(MalformedInputs.Case::name).doesNotHaveDuplicates();
    }

    @Test
    void previousGeneration_whenTaken_thenHoldsTheGeneratedFiles() {
        assertThat(previous).containsKeys(".kforge-generated", "kustomize/base/gateway/deployment.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generate_whenInputIsMalformed_thenOneClearProblemAndTheOutputUntouched(MalformedInputs.Case c)
            throws IOException {
        // given
        Path dir = Files.createDirectories(root.resolve("cases").resolve(c.name().replaceAll("[^a-z0-9]+", "-")));
        for (Map.Entry<String, byte[]> file : c.files().entrySet()) {
            Files.write(dir.resolve(file.getKey()), file.getValue());
        }

        // when
        Throwable thrown = catchThrowable(() -> Kforge.generate(new GenerateRequest(dir.resolve(c.spec()), output)));

        // then one problem, where the table says, saying what it says
        assertThat(thrown).as(c.name()).isExactlyInstanceOf(KforgeException.class);
        KforgeException e = (KforgeException) thrown;
        assertThat(e.problems()).as("problems of %s", c.name()).hasSize(1);
        Problem problem = e.problems().get(0);
        assertThat(problem.location()).as("file:line").isEqualTo(c.location());
        assertThat(problem.path()).as("model path").isEqualTo(c.path());
        for (String words : c.says()) {
            assertThat(problem.message()).contains(words);
        }
        // and the message is complete on its own: where, what, what to do; one line per problem, no stack trace
        String[] lines = e.getMessage().split("\n");
        // then, for a problem of the reader, a note: whether the later checks ran on the parts that read
        assertThat(lines).hasSize(2 + e.notes().size());
        assertThat(e.notes()).hasSizeLessThan(2).allSatisfy(n -> assertThat(n).containsIgnoringCase("later checks"));
        assertThat(lines[0]).contains(dir.resolve(c.spec()).toString()).contains("nothing was written");
        assertThat(lines[1].strip()).isEqualTo(c.location() + ": " + (c.path().isEmpty() ? "" : c.path() + ": ")
                + problem.message());
        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContainPattern(
                "[\\x00-\\x09\\x0b-\\x1f\\x7f]");
        assertThat(e.getCause()).isNull();
        // and nothing of the previous generation changed, not even a modification time
        assertThat(snapshot(output)).isEqualTo(previous);
    }

    /** Every file and directory under {@code dir}: relative path to modification time and content. */
    private static Map<String, String> snapshot(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String key = dir.relativize(p).toString().replace('\\', '/');
                String content = Files.isRegularFile(p)
                        ? new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1) : "<directory>";
                out.put(key, Files.getLastModifiedTime(p) + " " + content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
