package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class ConfigTest {

    @Test
    void new_whenLiteralsAndFiles_thenCopiesThem() {
        // given
        Map<String, String> literals = new LinkedHashMap<>(Map.of("FEATURE_FLAGS", "on"));
        // when
        Config config = new Config(literals, Map.of("app.yaml", "a: 1\n"), "/etc/app");
        literals.put("LATER", "x");
        // then
        assertThat(config.literals()).containsOnlyKeys("FEATURE_FLAGS");
        assertThat(config.files()).containsEntry("app.yaml", "a: 1\n");
    }

    @Test
    void new_whenEmpty_thenAsksToLeaveItOut() {
        // given nothing
        // when
        var problems = problemsOf(() -> new Config(null, Map.of(), null));
        // then
        assertThat(problems).containsExactly(Problem.at("", "is empty; give literals or files, or leave it out"));
    }

    @Test
    void new_whenLiteralKeyIsNotAnEnvName_thenProblemAtLiterals() {
        // given
        Map<String, String> literals = Map.of("1BAD", "x");
        // when
        var problems = problemsOf(() -> new Config(literals, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("literals", "'1BAD' is not a valid environment variable "
                + "name; use letters, digits and '_', not starting with a digit"));
    }

    @Test
    void new_whenFileNameHasASlash_thenNoPathSeparators() {
        // given
        Map<String, String> files = Map.of("conf/app.yaml", "x");
        // when
        var problems = problemsOf(() -> new Config(null, files, null));
        // then
        assertThat(problems).containsExactly(Problem.at("files", "'conf/app.yaml' is not a valid file name; use "
                + "letters, digits, '-', '_' and '.' (no path separators)"));
    }

    @Test
    void new_whenFileNameHasANewline_thenMessageShowsItEscaped() {
        // given
        Map<String, String> files = Map.of("app\n.yaml", "x");
        // when
        var problems = problemsOf(() -> new Config(null, files, null));
        // then
        assertThat(problems).containsExactly(Problem.at("files", "'app\\u000a.yaml' is not a valid file name; use "
                + "letters, digits, '-', '_' and '.' (no path separators)"));
    }

    @Test
    void new_whenFileNameLongerThan253_thenRejected() {
        // given
        String name = "f".repeat(254);
        // when
        var problems = problemsOf(() -> new Config(null, Map.of(name, "x"), null));
        // then
        assertThat(problems).extracting(Problem::path).containsExactly("files");
    }

    @Test
    void new_whenKeyIsLiteralAndFile_thenRenameOne() {
        // given
        Map<String, String> both = Map.of("SETTINGS", "x");
        // when
        var problems = problemsOf(() -> new Config(both, both, null));
        // then
        assertThat(problems).containsExactly(Problem.at("", "a key is both a literal and a file; rename one"));
    }

    @Test
    void new_whenMountPathIsRelative_thenNotAbsolute() {
        // given
        String mountPath = "etc/app";
        // when
        var problems = problemsOf(() -> new Config(Map.of("A", "1"), null, mountPath));
        // then
        assertThat(problems).containsExactly(Problem.at("mountPath", "'etc/app' is not an absolute path"));
    }

}
