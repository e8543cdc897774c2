package dev.kforge.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kforge.api.EnvVar;
import dev.kforge.api.ExternalSecret;
import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.Problem;
import dev.kforge.api.Resources;
import dev.kforge.api.SecretStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec's {@code secrets:}, environment secret stores, device counts and per-environment rate limits. */
class SpecReaderSecretsTest {

    /** Lines 1-14: a platform with two declared secrets; services follow from line 15 ({@link #WEB}: 15-19). */
    private static final String SECRETS = """
            platform:
              name: shop
            secrets:
              db:
                store: {name: vault, kind: ClusterSecretStore}
                refreshInterval: 15m
                data:
                  password: {remoteKey: shop/db, property: password}
                  username: {remoteKey: shop/db, property: username}
              tls:
                store: aws
                data:
                  tls.crt: {remoteKey: shop/tls-cert}
            services:
            """;

    private static final String WEB = """
              web:
                kind: web-service
                image: web:1.0.0
                ports: {http: 8080}
                resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
            """;

    private static List<Problem> problems(String yaml) {
        Throwable thrown = catchThrowable(() -> SpecReader.read("platform.yaml", yaml));
        assertThat(thrown).as("reading%n%s", yaml).isInstanceOf(ModelException.class);
        return ((ModelException) thrown).problems();
    }

    @Test
    void read_whenSecretsAreDeclared_thenEachIsAnExternalSecretWithItsStoreAndKeys() {
        // given
        String yaml = SECRETS + WEB + """
                    env:
                      DB_PASSWORD: {secret: db, key: password}
                """;
        // when
        Platform platform = SpecReader.read("platform.yaml", yaml);
        // then
        assertThat(platform.secrets()).containsExactly(
                new ExternalSecret("db", SecretStore.cluster("vault"), "15m", List.of(
                        new ExternalSecret.Data("password", "shop/db", "password"),
                        new ExternalSecret.Data("username", "shop/db", "username"))),
                new ExternalSecret("tls", SecretStore.cluster("aws"), "1h", List.of(
                        new ExternalSecret.Data("tls.crt", "shop/tls-cert", null))));
        assertThat(platform.service("web").env()).containsExactly(EnvVar.fromSecret("DB_PASSWORD", "db", "password"));
    }

    @Test
    void read_whenEnvironmentsSetStoreRemoteKeyPrefixAndRateLimitAndAServiceAGpu_thenTheModelHasThem() {
        // given
        String yaml = SECRETS + WEB + """
                    ingress: {rules: [{host: www.shop.example}], rateLimitRps: 10}
                  model:
                    kind: worker
                    image: model:1.0.0
                    resources: {cpuRequest: "1", cpuLimit: "2", memoryRequest: 4Gi, memoryLimit: 8Gi,
                                extended: {nvidia.com/gpu: 1}}
                environments:
                  prod:
                    secretStore: {name: aws-prod, kind: SecretStore}
                    remoteKeyPrefix: prod/
                    defaults: {rateLimitRps: 100}
                    services:
                      web: {rateLimitRps: 250}
                """;
        // when
        Platform platform = SpecReader.read("platform.yaml", yaml);
        // then
        assertThat(platform.service("model").resources()).isEqualTo(new Resources("1", "2", "4Gi", "8Gi",
                Map.of("nvidia.com/gpu", "1")));
        var prod = platform.environments().get(0);
        assertThat(prod.secretStore()).isEqualTo(SecretStore.namespaced("aws-prod"));
        assertThat(prod.remoteKeyPrefix()).isEqualTo("prod/");
        assertThat(prod.defaults().rateLimitRps()).isEqualTo(100);
        assertThat(prod.services().get("web").rateLimitRps()).isEqualTo(250);
    }

    @Test
    void read_whenASecretsFieldsAreWrong_thenEachIsReportedWithItsLine() {
        // given
        String yaml = """
                platform:
                  name: shop
                secrets:
                  db:
                    store: {name: vault, kind: VaultStore}
                    refresh: 1h
                    data:
                      password: {remoteKey: shop/db, propery: password}
                      "pass word": {remoteKey: shop/db}
                      username: {}
                  nothing:
                  Bad_Name:
                    store: vault
                    refreshInterval: 1 day
                    data: {token: {remoteKey: a}}
                services:
                """ + WEB;
        // when
        List<Problem> problems = problems(yaml);
        // then
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("secrets.db.store.kind", "'VaultStore' is not a store kind; use ClusterSecretStore or "
                        + "SecretStore", "platform.yaml:5"),
                new Problem("secrets.db.refresh", "unknown key 'refresh'; allowed keys: store, refreshInterval, data",
                        "platform.yaml:6"),
                new Problem("secrets.db.data.password.propery", "unknown key 'propery'; did you mean 'property'?",
                        "platform.yaml:8"),
                new Problem("secrets.db.data.pass word.key", "'pass word' is not a Secret key; use at most 253 "
                        + "letters, digits, '-', '_' or '.'", "platform.yaml:9"),
                new Problem("secrets.db.data.username.remoteKey", "is required; the secret's name or path in the "
                        + "store", "platform.yaml:10"),
                new Problem("secrets.nothing", "is empty; give its store and data", "platform.yaml:11"),
                new Problem("secrets.Bad_Name.name", "'Bad_Name' is not a valid name; use lower-case DNS labels "
                        + "separated by '.'", "platform.yaml:12"),
                new Problem("secrets.Bad_Name.refreshInterval", "'1 day' is not a duration; write it like 1h, 15m or "
                        + "1h30m (0 reads the store once)", "platform.yaml:14"));
    }

    @Test
    void read_whenASecretHasNoStoreOrData_thenSaysWhatToGive() {
        // given
        String yaml = """
                platform:
                  name: shop
                secrets:
                  db:
                    refreshInterval: 1h
                services:
                """ + WEB;
        // when
        List<Problem> problems = problems(yaml);
        // then
        assertThat(problems).containsExactly(
                new Problem("secrets.db.store", "is required; the SecretStore or ClusterSecretStore to read from, "
                        + "like {name: vault, kind: ClusterSecretStore}", "platform.yaml:4"),
                new Problem("secrets.db.data", "is required; map each key of the Secret to its remoteKey in the "
                        + "store, like password: {remoteKey: db/prod, property: password}", "platform.yaml:4"));
    }

    @Test
    void read_whenAVariableReadsAKeyTheDeclaredSecretLacks_thenReportedAtTheVariablesKeyLine() {
        // given
        String yaml = SECRETS + WEB + """
                    env:
                      DB_PASSWORD: {secret: db, key: pasword}
                """;
        // when
        List<Problem> problems = problems(yaml);
        // then
        assertThat(problems).containsExactly(new Problem("services.web.env.DB_PASSWORD.key", "'pasword' is not a key "
                + "of the secret 'db' (keys: [password, username]); use one of them or add it under secrets.db.data",
                "platform.yaml:21"));
    }

    @Test
    void read_whenAConfigLiteralHoldsAPassword_thenRejectedAtItsLineWithGuidanceToDeclareASecret() {
        // given
        String yaml = SECRETS + WEB + """
                    config:
                      literals: {SMTP_HOST: mail.example, SMTP_PASSWORD: hunter2}
                """;
        // when
        List<Problem> problems = problems(yaml);
        // then
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).path()).isEqualTo("services.web.config.literals.SMTP_PASSWORD");
        assertThat(problems.get(0).location()).isEqualTo("platform.yaml:21");
        assertThat(problems.get(0).message()).startsWith("'SMTP_PASSWORD' looks like a secret, and config literals "
                + "are plain text in a ConfigMap; never put secret values in the model: declare the secret under "
                + "'secrets:'");
    }

    @Test
    void read_whenEnvironmentKeysAreMisspelled_thenSuggestsTheSecretKeys() {
        // given
        String yaml = SECRETS + WEB + """
                environments:
                  prod:
                    secretstore: {name: vault-prod}
                    remoteKeyPrefx: prod/
                    services:
                      web: {rateLimit: 10}
                """;
        // when
        List<Problem> problems = problems(yaml);
        // then
        assertThat(problems).containsExactly(
                new Problem("environments.prod.secretstore", "unknown key 'secretstore'; did you mean "
                        + "'secretStore'?", "platform.yaml:22"),
                new Problem("environments.prod.remoteKeyPrefx", "unknown key 'remoteKeyPrefx'; did you mean "
                        + "'remoteKeyPrefix'?", "platform.yaml:23"),
                new Problem("environments.prod.services.web.rateLimit", "unknown key 'rateLimit'; did you mean "
                        + "'rateLimitRps'?", "platform.yaml:25"));
    }

    @Test
    void read_whenAGpuCountIsAFraction_thenReportedAtTheResource() {
        // given
        String yaml = SECRETS + """
                  model:
                    kind: worker
                    image: model:1.0.0
                    resources: {cpuRequest: "1", cpuLimit: "2", memoryRequest: 4Gi, memoryLimit: 8Gi,
                                extended: {nvidia.com/gpu: "0.5"}}
                """;
        // when
        List<Problem> problems = problems(yaml);
        // then
        assertThat(problems).containsExactly(new Problem("services.model.resources.extended.nvidia.com/gpu",
                "'0.5' is not a device count; use a whole number of at least 1, like 1", "platform.yaml:19"));
    }
}
