package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProblemTest {

    @Test
    void create_whenTheMessageQuotesControlCharacters_thenTheyAreEscapedAndItStaysOneLine() {
        // given: found by the fuzzer, a value with a terminal escape sequence quoted in a message as written
        String quoted = "'\u001b[31m\nred\u202e' is not a size like 10m";
        // when
        Problem problem = new Problem("services.web\u0007", quoted, "platform.yaml:3");
        // then
        assertThat(problem.message()).isEqualTo("'\\u001b[31m\\u000ared\\u202e' is not a size like 10m");
        assertThat(problem.path()).isEqualTo("services.web\\u0007");
        assertThat(problem.toString()).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f\\u202a-\\u202e]");
        // and what is already escaped, or plain text in any script, is left as it is
        assertThat(Problem.at("a", "'g\\u00e4teway' or 'gäteway', 東京").message())
                .isEqualTo("'g\\u00e4teway' or 'gäteway', 東京");
    }

    @Test
    void under_whenPathIsEmpty_thenThePrefixBecomesThePath() {
        // given
        Problem problem = Problem.at("", "broken");
        // when
        Problem moved = problem.under("services.web");
        // then
        assertThat(moved).isEqualTo(Problem.at("services.web", "broken"));
    }

    @Test
    void under_whenPathIsSet_thenJoinedWithADot() {
        // given
        Problem problem = new Problem("port", "broken", "platform.yaml:3");
        // when
        Problem moved = problem.under("services.web");
        // then
        assertThat(moved).isEqualTo(new Problem("services.web.port", "broken", "platform.yaml:3"));
    }

    @Test
    void under_whenPrefixIsEmptyOrNull_thenUnchanged() {
        // given
        Problem problem = Problem.at("port", "broken");
        // when
        Problem same = problem.under("");
        // then
        assertThat(same).isSameAs(problem);
        assertThat(problem.under(null)).isSameAs(problem);
    }

    @Test
    void locatedAt_whenAlreadyLocated_thenKeepsTheFirstLocation() {
        // given
        Problem problem = Problem.at("port", "broken").locatedAt("a.yaml:1");
        // when
        Problem again = problem.locatedAt("b.yaml:2");
        // then
        assertThat(again.location()).isEqualTo("a.yaml:1");
    }

    @Test
    void toString_whenLocatedWithPath_thenLocationPathAndMessage() {
        // given
        Problem problem = new Problem("services.web.port", "port 0 is outside 1-65535", "platform.yaml:12");
        // when
        String text = problem.toString();
        // then
        assertThat(text).isEqualTo("platform.yaml:12: services.web.port: port 0 is outside 1-65535");
        assertThat(Problem.at("", "is required").toString()).isEqualTo("is required");
    }

    @Test
    void new_whenPathOrMessageNull_thenRejected() {
        // given no path
        // when / then
        assertThatThrownBy(() -> Problem.at(null, "x")).isInstanceOf(NullPointerException.class).hasMessage("path");
        assertThatThrownBy(() -> Problem.at("x", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("message");
    }

    @Test
    void modelException_whenOneProblem_thenMessageIsTheProblem() {
        // given
        Problem problem = Problem.at("port", "port 0 is outside 1-65535");
        // when
        ModelException e = new ModelException(List.of(problem));
        // then
        assertThat(e).hasMessage("port: port 0 is outside 1-65535");
        assertThat(e.problems()).containsExactly(problem);
    }

    @Test
    void modelException_whenSeveralProblems_thenCountsAndListsThem() {
        // given
        List<Problem> problems = List.of(Problem.at("a", "one"), Problem.at("b", "two"));
        // when
        ModelException e = new ModelException(problems);
        // then
        assertThat(e).hasMessage("2 problems in the model:\n  a: one\n  b: two");
    }

    @Test
    void modelException_whenNoProblems_thenRejected() {
        // given
        List<Problem> none = List.of();
        // when / then
        assertThatThrownBy(() -> new ModelException(none)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a ModelException needs at least one problem");
    }

    @Test
    void map_whenPrefixing_thenEveryProblemChanges() {
        // given
        ModelException e = new ModelException(List.of(Problem.at("a", "one"), Problem.at("", "two")));
        // when
        ModelException mapped = e.map(p -> p.under("services.web"));
        // then
        assertThat(mapped.problems()).containsExactly(Problem.at("services.web.a", "one"),
                Problem.at("services.web", "two"));
    }
}
