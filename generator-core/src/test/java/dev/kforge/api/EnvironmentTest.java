package dev.kforge.api;

import dev.kforge.testing.Models;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentTest {

    @Test
    void builder_whenOnlyName_thenEverythingUnset() {
        // given
        String name = "dev";
        // when
        Environment env = Environment.builder(name).build();
        // then
        assertThat(env).isEqualTo(new Environment("dev", null, null, null, null, null, null, null, null, Map.of(),
                ServiceOverride.NONE, Map.of(), null, null, null, null));
    }

    @Test
    void new_whenDefaultsNull_thenNone() {
        // given no defaults
        // when
        Environment env = new Environment("dev", null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
        // then
        assertThat(env.defaults()).isEqualTo(ServiceOverride.NONE);
        assertThat(env.labels()).isEmpty();
        assertThat(env.services()).isEmpty();
    }

    @Test
    void withDefaults_whenEnvironmentSetsNothing_thenTakesEverythingFromTheProfile() {
        // given
        Quota quota = new Quota(null, null, null, null, null, 10, null);
        Environment profile = Environment.builder("prod").namespace("p").domain("p.example").tlsIssuer("issuer")
                .podSecurity(PodSecurityLevel.BASELINE).networkPolicies(false).imageTag("9.9")
                .resourceScale(new BigDecimal("2")).label("tier", "gold")
                .defaults(ServiceOverride.range(2, 4)).service("web", new ServiceOverride(3, null, null, null, null,
                        null, null)).quota(quota).build();
        Environment env = Environment.builder("live").profile("prod").build();
        // when
        Environment merged = env.withDefaults(profile);
        // then
        assertThat(merged).isEqualTo(new Environment("live", "prod", "p", "p.example", "issuer",
                PodSecurityLevel.BASELINE, false, "9.9", new BigDecimal("2"), Map.of("tier", "gold"),
                ServiceOverride.range(2, 4), Map.of("web", new ServiceOverride(3, null, null, null, null, null,
                null)), quota, null, null, null));
    }

    @Test
    void withDefaults_whenBothSetAValue_thenTheEnvironmentWins() {
        // given
        Environment profile = Environment.builder("prod").namespace("p").domain("p.example").tlsIssuer("issuer")
                .podSecurity(PodSecurityLevel.RESTRICTED).networkPolicies(true).imageTag("1.0")
                .resourceScale(BigDecimal.ONE).label("env", "prod").label("team", "ops")
                .quota(new Quota(null, null, null, null, null, 10, null)).build();
        Quota own = new Quota(null, null, null, null, null, 20, null);
        Environment env = Environment.builder("live").profile("prod").namespace("live").domain("live.example")
                .tlsIssuer("own").podSecurity(PodSecurityLevel.BASELINE).networkPolicies(false).imageTag("2.0")
                .resourceScale(new BigDecimal("0.5")).label("env", "live").quota(own).build();
        // when
        Environment merged = env.withDefaults(profile);
        // then
        assertThat(merged).isEqualTo(new Environment("live", "prod", "live", "live.example", "own",
                PodSecurityLevel.BASELINE, false, "2.0", new BigDecimal("0.5"), Map.of("env", "live", "team", "ops"),
                ServiceOverride.NONE, Map.of(), own, null, null, null));
    }

    @Test
    void withDefaults_whenBothHaveDefaultsAndServiceOverrides_thenMergedFieldByFieldWithTheEnvironmentWinning() {
        // given
        Environment profile = Environment.builder("staging")
                .defaults(new ServiceOverride(1, 1, 3, null, null, Map.of("LOG_LEVEL", "debug", "A", "p"), null))
                .service("web", new ServiceOverride(null, 2, 6, null, "1.0", null, null))
                .service("worker", new ServiceOverride(2, null, null, null, null, null, null))
                .build();
        Environment env = Environment.builder("qa")
                .defaults(new ServiceOverride(null, null, 5, null, null, Map.of("A", "env"), null))
                .service("web", new ServiceOverride(null, 3, null, null, null, null, null))
                .service("job", new ServiceOverride(null, null, null, null, null, null, true))
                .build();
        // when
        Environment merged = env.withDefaults(profile);
        // then
        assertThat(merged.defaults()).isEqualTo(
                new ServiceOverride(1, 1, 5, null, null, Map.of("LOG_LEVEL", "debug", "A", "env"), null));
        assertThat(merged.services()).containsOnlyKeys("web", "worker", "job");
        // the environment's defaults (maxReplicas 5, A=env) rank above the profile's override of a service
        assertThat(merged.services().get("web")).isEqualTo(new ServiceOverride(null, 3, 5, null, "1.0",
                Map.of("A", "env"), null));
        assertThat(merged.services().get("worker")).isEqualTo(new ServiceOverride(2, null, 5, null, null,
                Map.of("A", "env"), null));
        assertThat(merged.services().get("job")).isEqualTo(new ServiceOverride(null, null, null, null, null, null,
                true));
    }

    @Test
    void withDefaults_whenMergedRangesAreEmpty_thenSaysWhichOverride() {
        // given the profile caps replicas at 2, the environment raises the minimum to 3
        Environment profile = Environment.builder("dev").defaults(ServiceOverride.range(1, 2))
                .service("web", ServiceOverride.range(1, 2)).build();
        Environment env = Environment.builder("dev").profile("dev")
                .defaults(new ServiceOverride(null, 3, null, null, null, null, null))
                .service("web", new ServiceOverride(null, 4, null, null, null, null, null)).build();
        // when
        var problems = problemsOf(() -> env.withDefaults(profile));
        // then
        assertThat(problems).containsExactly(
                Problem.at("services.web.maxReplicas", "maxReplicas 2 is below minReplicas 4"),
                Problem.at("defaults.maxReplicas", "maxReplicas 2 is below minReplicas 3"));
    }

    @Test
    void new_whenNameLongerThan20_thenTooLong() {
        // given
        String name = "e".repeat(21);
        // when
        var problems = problemsOf(() -> Environment.builder(name).build());
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'" + name + "' is 21 characters long; use at most 20"));
    }

    @Test
    void new_whenNameHasASlash_thenInvalid() {
        // given
        String name = "eu/prod";
        // when
        var problems = problemsOf(() -> Environment.builder(name).build());
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'eu/prod' is not a valid name; use lower-case "
                + "letters, digits and '-', starting and ending with a letter or digit"));
    }

    @Test
    void new_whenEverythingWrong_thenEveryFieldIsReported() {
        // given
        Environment.Builder builder = Environment.builder("dev").namespace("Dev").domain("dev_example.com")
                .label("env", "d e v").resourceScale(BigDecimal.ZERO).imageTag("latest");
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("labels.env", "'d e v' is not a valid label value; use at most 63 letters, digits, '-', "
                        + "'_' or '.', starting and ending with a letter or digit"),
                Problem.at("resourceScale", "0 is not a factor between 0 (exclusive) and 100"),
                Problem.at("imageTag", "'latest' is not a pinned tag"),
                Problem.at("namespace", "'Dev' is not a valid name; use lower-case letters, digits and '-', "
                        + "starting and ending with a letter or digit"),
                Problem.at("domain", "'dev_example.com' is not a valid name; use lower-case DNS labels separated "
                        + "by '.'"));
    }

    @Test
    void new_whenScaleAbove100_thenRejected() {
        // given
        BigDecimal scale = new BigDecimal("100.5");
        // when
        var problems = problemsOf(() -> Environment.builder("dev").resourceScale(scale).build());
        // then
        assertThat(problems).containsExactly(
                Problem.at("resourceScale", "100.5 is not a factor between 0 (exclusive) and 100"));
    }

    @Test
    void new_whenScaleIsExactly100_thenAccepted() {
        // given
        BigDecimal scale = new BigDecimal("100");
        // when
        Environment env = Environment.builder("dev").resourceScale(scale).build();
        // then
        assertThat(env.resourceScale()).isEqualByComparingTo("100");
    }

    @Test
    void new_whenScaleNegative_thenRejected() {
        // given
        BigDecimal scale = new BigDecimal("-0.5");
        // when
        var problems = problemsOf(() -> Environment.builder("dev").resourceScale(scale).build());
        // then
        assertThat(problems).containsExactly(
                Problem.at("resourceScale", "-0.5 is not a factor between 0 (exclusive) and 100"));
    }

    @Test
    void builder_whenOverridesGiven_thenKeptByServiceName() {
        // given
        ServiceOverride web = new ServiceOverride(null, null, null, Models.resources(), null, null, null);
        // when
        Environment env = Environment.builder("prod").service("web", web).build();
        // then
        assertThat(env.services()).containsExactly(Map.entry("web", web));
    }

    @Test
    void withDefaults_whenTheProfileSetsASecretStoreAndThePrefixIsTheEnvironments_thenBothApply() {
        // given
        Environment profile = Environment.builder("prod").secretStore(SecretStore.cluster("vault-prod"))
                .remoteKeyPrefix("shared/").build();
        Environment env = Environment.builder("live").profile("prod").remoteKeyPrefix("live/").build();
        // when
        Environment merged = env.withDefaults(profile);
        // then
        assertThat(merged.secretStore()).isEqualTo(SecretStore.cluster("vault-prod"));
        assertThat(merged.remoteKeyPrefix()).isEqualTo("live/");
    }

    @Test
    void new_whenRemoteKeyPrefixHasASpaceOrIsEmpty_thenRejected() {
        // when
        var spaced = problemsOf(() -> Environment.builder("prod").remoteKeyPrefix("prod /").build());
        var empty = problemsOf(() -> Environment.builder("prod").remoteKeyPrefix("").build());
        // then
        assertThat(spaced).containsExactly(Problem.at("remoteKeyPrefix", "'prod /' is not a key prefix; give text "
                + "without white space like prod/, or leave it out"));
        assertThat(empty).extracting(Problem::path).containsExactly("remoteKeyPrefix");
    }
}
