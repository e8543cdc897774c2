package dev.kforge.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one secret detector: names, value shapes, files, command lines. */
class SecretShapesTest {

    @ParameterizedTest
    @ValueSource(strings = {"DATABASE_PASSWORD", "API_TOKEN", "STRIPE_KEY", "CLIENT_SECRET", "db_passwd",
            "TLS_PRIVATE_KEY_PEM", "OPENAI_API_KEY_2", "AWS_CREDENTIALS", "github_token", "PW", "PWD", "PASS",
            "dbPass", "smtp-pass", "apiKey", "SECRET_KEY", "N8N_ENCRYPTION_KEY", "DBPASSWORD", "xApiKey", "passphrase",
            "auth.postgresPassword"})
    void secretName_whenTheNameSaysSecretInAnyStyleOrLength_thenTrue(String name) {
        assertThat(SecretShapes.secretName(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"KEYCLOAK_URL", "KEY", "MONKEY", "KEY_ID", "SORT_KEYS", "PUBLIC_URL", "PASSWORD_FILE",
            "SECRET_NAME", "existingSecret", "TOKEN_URL", "ACCESS_KEY_ID", "PASSWORD_MIN_LENGTH", "topologyKey",
            "adminPasswordKey", "secretKeys", "remoteKey", "PUBLIC_KEY", "BYPASS_CACHE", "COMPASS_URL", "passive",
            "accessTokenMinutes", "TOKEN_TTL_SECONDS", "refreshTokenDays", "SESSION_TOKEN_MAX_AGE",
            "refresh-token-duration"})
    void secretName_whenTheNameSaysWhereOrWhatAboutASecret_thenFalse(String name) {
        assertThat(SecretShapes.secretName(name)).as(name).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
            "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaA== => a private key",
            "AKIAIOSFODNN7EXAMPLE => an AWS access key",
            "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=bXlzZWNyZXRrZXlpc3ZlcnlzZWNyZXQ=;"
                    + "EndpointSuffix=core.windows.net => an Azure connection string",
            "https://acme.blob.core.windows.net/c?sv=2022-11-02&sig=AbCdEfGh1234567890AbCdEf%3D => "
                    + "an Azure shared access signature",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789 => a GitHub token",
            "glpat-AbCdEfGhIjKlMnOpQrSt => a GitLab token",
            "xoxb-1234567890-abcdefghij => a Slack token",
            "sk_live_abcdefghijklmnop1234 => a Stripe secret key",
            "AIzaSyA1234567890abcdefghijklmnopqrstuv => a Google API key",
            "npm_abcdefghijklmnopqrstuvwxyz0123456789 => an npm token",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U => "
                    + "a JSON Web Token",
            "postgres://user:hunter2@db:5432/app => a URL with a password",
            "redis://default:s3cr3t@cache:6379 => a URL with a password",
            "Zm9vYmFyQmF6MTIzNDU2Nzg5MFF3ZXJ0eVVpb3BBc2RmZ2g= => high-entropy base64 (a key or token)"})
    void shape_whenAValueHasASecretsShape_thenNamesTheShape(String value, String what) {
        assertThat(SecretShapes.shape(value.replace("\\n", "\n"))).isEqualTo(what);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres://user:$(DB_PASSWORD)@db/app", "https://example.com/path?x=1", "info",
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "/var/lib/postgresql/data/pgdata", "ghcr.io/acme/gateway:2.14.1", "jdbc:postgresql://db:5432/app",
            "AbstractSingletonProxyFactoryBeanLongName", "kubernetes.io/hostname"})
    void shape_whenAValueIsOrdinary_thenNull(String value) {
        assertThat(SecretShapes.shape(value)).as(value).isNull();
    }

    @Test
    void inPair_whenAReferenceASwitchOrASecretsName_thenNoSecret() {
        assertThat(SecretShapes.inPair("DB_PASSWORD", "$(FROM_SECRET)")).isNull();
        assertThat(SecretShapes.inPair("automountServiceAccountToken", "false")).isNull();
        assertThat(SecretShapes.inPair("tlsSecret", "web-tls")).isNull();
        assertThat(SecretShapes.inPair("password", "")).isNull();
        assertThat(SecretShapes.inPair("token", 1234L)).isEqualTo("a literal under a secret-looking name");
        assertThat(SecretShapes.inPair("SOME_VAR", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"))
                .isEqualTo("a GitHub token");
    }

    @Test
    void inFile_whenAFileHoldsCredentials_thenFindsThem() {
        assertThat(SecretShapes.inFile("[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")).isEqualTo("an AWS access key");
        assertThat(SecretShapes.inFile("{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key_id\": "
                + "\"abc\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\"}"))
                .isEqualTo("a Google Cloud service-account key");
        assertThat(SecretShapes.inFile("spring.datasource.url=jdbc:postgresql://db/app\n"
                + "spring.datasource.password=hunter2\n"))
                .isEqualTo("a literal under the secret-looking name 'spring.datasource.password'");
        assertThat(SecretShapes.inFile("auth:\n  password: ${DB_PASSWORD}\n  passwordMinLength: 12\n"
                + "  tokenFile: /run/token\n  secretsDir: /etc/secrets\n")).isNull();
        // a public certificate is no secret, however random it looks
        assertThat(SecretShapes.inFile("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQk9aZ1Xx2yV3q8Kf7wR0T5m"
                + "Lr6UwCgYIKoZIzj0EAwIwDzENMAsGA1UEAwwEdGVzdDAeFw0y\n-----END CERTIFICATE-----\n")).isNull();
    }

    @Test
    void inCommand_whenFlagAndValueAreSeparateArguments_thenTheValueIsFound() {
        // given the sweep's command line: the flag and the password as two arguments
        List<SecretShapes.Finding> found = SecretShapes.inCommand(List.of("app", "--password", "hunter2",
                "--password-file", "/run/pw", "--token=$(API_TOKEN)", "--db-pass=s3cret", "--user", "admin"));

        // then
        assertThat(found).containsExactly(new SecretShapes.Finding(2, "the value of --password"),
                new SecretShapes.Finding(6, "'--db-pass=...'"));
    }

    @Test
    void inCommand_whenAShellScriptPassesSecrets_thenFound() {
        assertThat(SecretShapes.inCommand(List.of("sh", "-c", "PGPASSWORD=hunter2 psql -h db")))
                .containsExactly(new SecretShapes.Finding(2, "'PGPASSWORD=...'"));
        assertThat(SecretShapes.inCommand(List.of("sh", "-c", "mysql --password hunter2 -e 'select 1'")))
                .containsExactly(new SecretShapes.Finding(2, "the value after --password"));
        assertThat(SecretShapes.inCommand(List.of("curl", "https://ci:glpat-AbCdEfGhIjKlMnOpQrSt@git.example/x")))
                .extracting(SecretShapes.Finding::index).containsExactly(1);
        assertThat(SecretShapes.inCommand(List.of("pg_isready", "-U", "app", "--timeout", "5"))).isEmpty();
    }
}
