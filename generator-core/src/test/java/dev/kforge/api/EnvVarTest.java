package dev.kforge.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class EnvVarTest {


    @Test
    void literal_whenOrdinaryName_thenHoldsTheValue() {
        // given
        String name = "LOG_FORMAT";
        // when
        EnvVar env = EnvVar.literal(name, "json");
        // then
        assertThat(env).isEqualTo(new EnvVar("LOG_FORMAT", "json", null, null, null, null));
    }

    @Test
    void literal_whenEmptyValue_thenAccepted() {
        // given an empty but present value
        // when
        EnvVar env = EnvVar.literal("EMPTY", "");
        // then
        assertThat(env.value()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DATABASE_PASSWORD", "API_TOKEN", "STRIPE_KEY", "CLIENT_SECRET"})
    void fromSecret_whenNameLooksLikeASecret_thenAccepted(String name) {
        // given a secret-looking name that references a Secret
        // when
        EnvVar env = EnvVar.fromSecret(name, "payments", "value");
        // then
        assertThat(env).extracting(EnvVar::secret, EnvVar::key).containsExactly("payments", "value");
    }

    @Test
    void fromConfigMap_whenKeyGiven_thenAccepted() {
        // given
        String configMap = "shared";
        // when
        EnvVar env = EnvVar.fromConfigMap("REGION", configMap, "region");
        // then
        assertThat(env).isEqualTo(new EnvVar("REGION", null, "shared", null, "region", null));
    }

    @Test
    void fromField_whenFieldPathGiven_thenAccepted() {
        // given
        String fieldPath = "status.podIP";
        // when
        EnvVar env = EnvVar.fromField("POD_IP", fieldPath);
        // then
        assertThat(env.fieldPath()).isEqualTo(fieldPath);
    }

    @Test
    void new_whenNoSource_thenFoundZero() {
        // given no source
        // when
        var problems = problemsOf(() -> new EnvVar("X", null, null, null, null, null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("", "set exactly one of value, configMap, secret or fieldPath (found 0)"));
    }

    @Test
    void new_whenTwoSources_thenFoundTwo() {
        // given a value and a config map
        // when
        var problems = problemsOf(() -> new EnvVar("X", "v", "cm", null, "k", null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("", "set exactly one of value, configMap, secret or fieldPath (found 2)"));
    }

    @Test
    void new_whenAllFourSources_thenFoundFour() {
        // given every source
        // when
        var problems = problemsOf(() -> new EnvVar("X", "v", "cm", "s", "k", "metadata.name"));
        // then
        assertThat(problems).containsExactly(
                Problem.at("", "set exactly one of value, configMap, secret or fieldPath (found 4)"));
    }

    @Test
    void fromSecret_whenKeyMissing_thenKeyRequired() {
        // given no key
        // when
        var problems = problemsOf(() -> EnvVar.fromSecret("DATABASE_PASSWORD", "db", null));
        // then
        assertThat(problems).containsExactly(Problem.at("key", "is required with configMap or secret"));
    }

    @Test
    void fromConfigMap_whenKeyMissing_thenKeyRequired() {
        // given no key
        // when
        var problems = problemsOf(() -> EnvVar.fromConfigMap("REGION", "shared", null));
        // then
        assertThat(problems).containsExactly(Problem.at("key", "is required with configMap or secret"));
    }

    @Test
    void literal_whenNameStartsWithADigit_thenInvalidName() {
        // given
        String name = "1ST";
        // when
        var problems = problemsOf(() -> EnvVar.literal(name, "x"));
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'1ST' is not a valid environment variable name; "
                + "use letters, digits and '_', not starting with a digit"));
    }

    @Test
    void literal_whenSecretLookingNameIsNotAscii_thenTheMessageShowsItEscaped() {
        // given
        String name = "DB_PASSWORD_\u00c4";
        // when
        var problems = problemsOf(() -> EnvVar.literal(name, "x"));
        // then
        assertThat(problems).containsExactly(
                Problem.at("name", "'DB_PASSWORD_\\u00c4' is not a valid environment variable name; use letters, "
                        + "digits and '_', not starting with a digit"));
    }

    @Test
    void literal_whenNameMissing_thenRequired() {
        // given no name
        // when
        var problems = problemsOf(() -> EnvVar.literal(null, "x"));
        // then
        assertThat(problems).containsExactly(Problem.at("name", "is required"));
    }
}
