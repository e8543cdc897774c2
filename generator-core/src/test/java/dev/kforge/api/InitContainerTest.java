package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class InitContainerTest {

    @Test
    void waitFor_whenHostAndPort_thenBusyboxLoopNamedAfterTheHost() {
        // given
        String host = "postgresql.data.svc";
        // when
        InitContainer init = InitContainer.waitFor(host, 5432);
        // then
        assertThat(init.name()).isEqualTo("wait-for-postgresql-data-svc");
        assertThat(init.image()).isEqualTo(new Image("busybox", "1.37.0"));
        assertThat(init.command()).containsExactly("sh", "-c", "until nc -z -w 2 postgresql.data.svc 5432; do echo "
                + "waiting for postgresql.data.svc:5432; sleep 2; done");
    }

    @Test
    void waitFor_whenHostIsLong_thenNameIsCutTo63() {
        // given
        String host = "a".repeat(60) + ".example.com";
        // when
        InitContainer init = InitContainer.waitFor(host, 443);
        // then
        assertThat(init.name()).hasSize(63).isEqualTo("wait-for-" + "a".repeat(54));
    }

    @Test
    void waitFor_whenTheCutFallsOnADot_thenNameDoesNotEndWithADash() {
        // given a valid host whose 54th character is a '.'
        String host = "a".repeat(53) + ".b.example.com";
        // when
        InitContainer init = InitContainer.waitFor(host, 5432);
        // then
        assertThat(init.name()).isEqualTo("wait-for-" + "a".repeat(53));
    }

    @Test
    void waitFor_whenHostInvalidAndPortOutOfRange_thenBothAtWaitFor() {
        // given
        String host = "Postgres";
        // when
        var problems = problemsOf(() -> InitContainer.waitFor(host, 0));
        // then
        assertThat(problems).containsExactly(
                Problem.at("waitFor", "'Postgres' is not a valid name; use lower-case DNS labels separated by '.'"),
                Problem.at("waitFor", "port 0 is outside 1-65535"));
    }

    @Test
    void waitFor_whenHostMissing_thenRequired() {
        // given no host
        // when
        var problems = problemsOf(() -> InitContainer.waitFor(null, 5432));
        // then
        assertThat(problems).containsExactly(Problem.at("waitFor", "is required"));
    }

    @Test
    void new_whenNothingGiven_thenNameAndImageReported() {
        // given nothing
        // when
        var problems = problemsOf(() -> new InitContainer(null, null, List.of()));
        // then
        assertThat(problems).containsExactly(Problem.at("name", "is required"), Problem.at("image", "is required"));
        // the image's own entrypoint, with arguments of its own
        assertThat(new InitContainer("migrate", Image.parse("migrate:1.0.0"), null, List.of("up")).args())
                .containsExactly("up");
    }

    @Test
    void new_whenNameInvalid_thenRejected() {
        // given
        String name = "Migrate";
        // when
        var problems = problemsOf(() -> new InitContainer(name, InitContainer.WAIT_IMAGE, List.of("true")));
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'Migrate' is not a valid name; use lower-case "
                + "letters, digits and '-', starting and ending with a letter or digit"));
    }
}
