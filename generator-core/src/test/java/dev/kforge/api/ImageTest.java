package dev.kforge.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class ImageTest {

    @Test
    void parse_whenRepositoryAndTag_thenSplitsAtTheLastColon() {
        // given
        String reference = "ghcr.io/acme/gateway:1.4.2";
        // when
        Image image = Image.parse(reference);
        // then
        assertThat(image).isEqualTo(new Image("ghcr.io/acme/gateway", "1.4.2"));
        assertThat(image.isDigest()).isFalse();
        assertThat(image.reference()).isEqualTo(reference);
    }

    @Test
    void parse_whenRegistryHasAPort_thenTheTagIsAfterThePath() {
        // given
        String reference = "localhost:5000/acme/gateway:2.0";
        // when
        Image image = Image.parse(reference);
        // then
        assertThat(image).isEqualTo(new Image("localhost:5000/acme/gateway", "2.0"));
    }

    @Test
    void parse_whenDigest_thenTagIsTheDigestAndReferenceUsesAt() {
        // given
        String digest = "sha256:" + "ab".repeat(32);
        // when
        Image image = Image.parse("acme/gateway@" + digest);
        // then
        assertThat(image).isEqualTo(new Image("acme/gateway", digest));
        assertThat(image.isDigest()).isTrue();
        assertThat(image.reference()).isEqualTo("acme/gateway@" + digest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme/gateway", "gateway", "localhost:5000/gateway"})
    void parse_whenNoTag_thenAsksToPinOne(String reference) {
        // given a reference without tag
        // when
        var problems = problemsOf(() -> Image.parse(reference));
        // then
        assertThat(problems).containsExactly(
                Problem.at("", "'" + reference + "' has no tag; pin one, like " + reference + ":1.0.0"));
    }

    @Test
    void parse_whenNoTagAndANewline_thenBothMentionsAreEscaped() {
        // given
        String reference = "acme/gateway\n";
        // when
        var problems = problemsOf(() -> Image.parse(reference));
        // then
        assertThat(problems).containsExactly(Problem.at("",
                "'acme/gateway\\u000a' has no tag; pin one, like acme/gateway\\u000a:1.0.0"));
    }

    @Test
    void new_whenRepositoryWithATagIsNotAscii_thenMessageShowsItEscaped() {
        // given
        String repository = "acme/caf\u00e9:1.0";
        // when
        var problems = problemsOf(() -> new Image(repository, "1.0"));
        // then
        assertThat(problems).containsExactly(Problem.at("repository",
                "'acme/caf\\u00e9:1.0' contains a tag; give the tag separately"));
    }

    @Test
    void parse_whenLatest_thenRejected() {
        // given
        String reference = "acme/gateway:latest";
        // when
        var problems = problemsOf(() -> Image.parse(reference));
        // then
        assertThat(problems).containsExactly(
                Problem.at("tag", "'latest' is not a pinned tag; use a version like 1.4.2"));
    }

    @Test
    void parse_whenEmptyTag_thenTagRequired() {
        // given
        String reference = "acme/gateway:";
        // when
        var problems = problemsOf(() -> Image.parse(reference));
        // then
        assertThat(problems).containsExactly(Problem.at("tag", "is required"));
    }

    @Test
    void parse_whenNull_thenRequired() {
        // given no reference
        // when
        var problems = problemsOf(() -> Image.parse(null));
        // then
        assertThat(problems).containsExactly(Problem.at("", "is required"));
    }

    @Test
    void new_whenRepositoryContainsATag_thenAsksToGiveItSeparately() {
        // given
        String repository = "acme/gateway:1.0";
        // when
        var problems = problemsOf(() -> new Image(repository, "1.0"));
        // then
        assertThat(problems).containsExactly(
                Problem.at("repository", "'acme/gateway:1.0' contains a tag; give the tag separately"));
    }

    @Test
    void new_whenRepositoryHasARegistryPortAndATag_thenAsksToGiveItSeparately() {
        // given
        String repository = "localhost:5000/acme/gateway:1.0";
        // when
        var problems = problemsOf(() -> new Image(repository, "1.0"));
        // then
        assertThat(problems).containsExactly(Problem.at("repository",
                "'localhost:5000/acme/gateway:1.0' contains a tag; give the tag separately"));
    }

    @Test
    void new_whenRepositoryHasARegistryPort_thenAccepted() {
        // given
        String repository = "registry.example:5000/acme/gateway";
        // when
        Image image = new Image(repository, "1.0");
        // then
        assertThat(image.reference()).isEqualTo("registry.example:5000/acme/gateway:1.0");
    }

    @Test
    void new_whenNothingGiven_thenBothRequired() {
        // given no repository and no tag
        // when
        var problems = problemsOf(() -> new Image(null, " "));
        // then
        assertThat(problems).containsExactly(Problem.at("repository", "is required"), Problem.at("tag", "is required"));
    }

    @Test
    void new_whenTagIsLatest_thenRejected() {
        // given
        String tag = "latest";
        // when
        var problems = problemsOf(() -> new Image("acme/gateway", tag));
        // then
        assertThat(problems).containsExactly(
                Problem.at("tag", "'latest' is not a pinned tag; use a version like 1.4.2"));
    }
}
