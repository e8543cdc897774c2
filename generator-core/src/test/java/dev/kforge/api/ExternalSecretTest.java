package dev.kforge.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class ExternalSecretTest {

    private static final SecretStore VAULT = SecretStore.cluster("vault");

    @Test
    void builder_whenOnlyStoreAndOneKey_thenRefreshesHourlyFromTheClusterStore() {
        // given
        ExternalSecret.Builder builder = ExternalSecret.builder("db").store(SecretStore.cluster("vault"))
                .key("password", "shop/db", "password");
        // when
        ExternalSecret secret = builder.build();
        // then
        assertThat(secret.refreshInterval()).isEqualTo("1h");
        assertThat(secret.store()).isEqualTo(new SecretStore("vault", "ClusterSecretStore"));
        assertThat(secret.data()).containsExactly(new ExternalSecret.Data("password", "shop/db", "password"));
        assertThat(secret.keys()).containsExactly("password");
    }

    @Test
    void new_whenNameStoreAndDataAreMissing_thenReportsEach() {
        // given nothing but a bad name
        // when
        var problems = problemsOf(() -> new ExternalSecret("Db_Secret", null, null, null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("name", "'Db_Secret' is not a valid name; use lower-case DNS labels separated by '.'"),
                Problem.at("store", "is required"),
                Problem.at("data", "needs at least one key; name the Secret's keys and where each comes from"));
    }

    @Test
    void new_whenAKeyIsDeclaredTwice_thenProblemAtData() {
        // given
        List<ExternalSecret.Data> data = List.of(new ExternalSecret.Data("password", "a", null),
                new ExternalSecret.Data("password", "b", null));
        // when
        var problems = problemsOf(() -> new ExternalSecret("db", VAULT, "1h", data));
        // then
        assertThat(problems).containsExactly(Problem.at("data",
                "'password' is defined more than once; names must be unique"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1h", "15m", "1h30m", "90s", "0", "1.5h", "500ms"})
    void new_whenRefreshIntervalIsAGoDuration_thenAccepted(String interval) {
        // when
        ExternalSecret secret = new ExternalSecret("db", VAULT, interval, List.of(new ExternalSecret.Data("k", "r",
                null)));
        // then
        assertThat(secret.refreshInterval()).isEqualTo(interval);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 hour", "1d", "h", "-1h", ""})
    void new_whenRefreshIntervalIsNotAGoDuration_thenSaysHowToWriteOne(String interval) {
        // when
        var problems = problemsOf(() -> new ExternalSecret("db", VAULT, interval,
                List.of(new ExternalSecret.Data("k", "r", null))));
        // then
        assertThat(problems).containsExactly(Problem.at("refreshInterval", "'" + interval + "' is not a duration; "
                + "write it like 1h, 15m or 1h30m (0 reads the store once)"));
    }

    @Test
    void data_whenKeyHasASlashAndRemoteKeyASpace_thenReportsBoth() {
        // when
        var problems = problemsOf(() -> new ExternalSecret.Data("db/password", "shop db", null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("key", "'db/password' is not a Secret key; use at most 253 letters, digits, '-', '_' or "
                        + "'.'"),
                Problem.at("remoteKey", "'shop db' contains white space or control characters; give the key's name "
                        + "or path in the store"));
    }

    @Test
    void data_whenKeyAndRemoteKeyAreMissingAndPropertyBlank_thenReportsEach() {
        // when
        var problems = problemsOf(() -> new ExternalSecret.Data(null, " ", ""));
        // then
        assertThat(problems).containsExactly(Problem.at("key", "is required"), Problem.at("remoteKey", "is required"),
                Problem.at("property", "'' is not a property name; leave it out to take the remote secret's whole "
                        + "value"));
    }

    @Test
    void in_whenAnEnvironmentGivesAStoreAndAPrefix_thenEveryRemoteKeyIsPrefixedAndTheStoreReplaced() {
        // given
        ExternalSecret secret = ExternalSecret.builder("db").store(VAULT).refreshInterval("5m")
                .key("password", "shop/db", "password").key("ca.crt", "shop/db-ca").build();
        // when
        ExternalSecret prod = secret.in(SecretStore.namespaced("aws"), "prod/");
        // then
        assertThat(prod).isEqualTo(new ExternalSecret("db", new SecretStore("aws", "SecretStore"), "5m", List.of(
                new ExternalSecret.Data("password", "prod/shop/db", "password"),
                new ExternalSecret.Data("ca.crt", "prod/shop/db-ca", null))));
        assertThat(secret.in(null, null)).isEqualTo(secret);
    }

    @Test
    void secretStore_whenKindIsNotAStoreKind_thenNamesTheTwoKinds() {
        // when
        var problems = problemsOf(() -> new SecretStore("vault", "VaultStore"));
        // then
        assertThat(problems).containsExactly(Problem.at("kind",
                "'VaultStore' is not a store kind; use ClusterSecretStore or SecretStore"));
    }

    @Test
    void secretStore_whenNameMissing_thenRequired() {
        // when
        var problems = problemsOf(() -> SecretStore.namespaced(null));
        // then
        assertThat(problems).containsExactly(Problem.at("name", "is required"));
    }
}
