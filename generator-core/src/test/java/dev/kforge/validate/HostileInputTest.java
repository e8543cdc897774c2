package dev.kforge.validate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class HostileInputTest {

    private final SchemaValidator validator = SchemaValidator.forVersion("1.32");

    private List<ValidationProblem> validateFast(String text) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> validator.validate("hostile.yaml", text));
    }

    @Test
    void validate_whenAliasBomb_thenOneProblemQuickly() {
        // given
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\nx0: &a0 [lol, lol]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("x").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        // when
        List<ValidationProblem> problems = validateFast(yaml.toString());
        // then
        assertThat(problems).singleElement().asString().contains("excessive aliasing");
    }

    @Test
    void validate_whenRecursiveAlias_thenOneProblem() {
        assertThat(validateFast("a: &x [1, *x]\n")).singleElement().asString().contains("contains itself");
    }

    @Test
    void validate_whenDeepNesting_thenOneProblemQuickly() {
        // given
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + "[".repeat(100_000)
                + "]".repeat(100_000) + "\n";
        // when
        List<ValidationProblem> problems = validateFast(yaml);
        // then
        assertThat(problems).singleElement().asString().contains("deeper than " + GoYaml.MAX_DEPTH);
    }

    @Test
    void validate_whenBinaryJunk_thenProblemsNotExceptions() {
        // given
        Random random = new Random(42);
        StringBuilder junk = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            junk.append((char) random.nextInt(0x3000));
        }
        // when
        List<ValidationProblem> problems = validateFast(junk.toString());
        // then
        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void validate_whenTwentyThousandDocuments_thenAllValidatedQuickly() {
        // given
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            yaml.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c").append(i).append("}\ndata: {count: ")
                    .append(i % 1000 == 0 ? "1" : "\"1\"").append("}\n---\n");
        }
        // when
        List<ValidationProblem> problems = validateFast(yaml.toString());
        // then exactly the twenty documents whose data is a number are flagged, each at its own line
        assertThat(problems).extracting(ValidationProblem::line).containsExactlyElementsOf(
                IntStream.range(0, 20).mapToObj(k -> 5 * 1000 * k + 4).toList());
        assertThat(problems).allSatisfy(p -> assertThat(p.toString())
                .endsWith("ConfigMap/c" + (p.line() - 4) / 5 + ": .data.count: expected string, got integer 1"));
    }

    @Test
    void validate_whenListsNestTenThousandDeep_thenOneProblemAtItsLine() {
        // given block sequences, which need no closing brackets
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x:\n    " + "- ".repeat(10_000)
                + "1\n";
        // when
        List<ValidationProblem> problems = validateFast(yaml);
        // then
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("deeper than " + GoYaml.MAX_DEPTH);
            assertThat(p.line()).isEqualTo(6);
        });
    }

    @Test
    void validate_whenControlCharacters_thenProblemWithLine() {
        assertThat(validateFast("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \u0001}\n")).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(3));
    }
}
