package dev.kforge.validate;

import dev.kforge.Kforge;
import dev.kforge.testing.SamplePlatforms;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in ExternalSecret schema against what kforge emits and against what the upstream CRD refuses. */
class ExternalSecretSchemaTest {

    private final SchemaValidator validator = SchemaValidator.forVersion(null);

    @Test
    void validate_whenInferencePlatformWithSecretsAndGpusRendered_thenEveryManifestIsClean() {
        // when
        List<ValidationProblem> problems = validator.validate(Kforge.render(SamplePlatforms.inference(), Map.of()));
        // then
        assertThat(problems).isEmpty();
    }

    @Test
    void validate_whenKeyStoreAndTargetBreakTheCrdsRules_thenEachIsReported() {
        // given
        String yaml = """
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: db
                spec:
                  refreshInterval: 1h
                  secretStoreRef: {name: Vault, kind: VaultStore}
                  target: {name: db, creationPolicy: Owner}
                  data:
                  - secretKey: db/password
                    remoteRef: {key: shop/db, propery: password}
                """;
        // when
        List<ValidationProblem> problems = validator.validate("es.yaml", yaml);
        // then
        assertThat(problems).extracting(ValidationProblem::toString).containsExactlyInAnyOrder(
                "es.yaml:7: ExternalSecret/db: .spec.secretStoreRef.kind: must be one of [\"SecretStore\", "
                        + "\"ClusterSecretStore\"], not \"VaultStore\"",
                "es.yaml:7: ExternalSecret/db: .spec.secretStoreRef.name: does not match the pattern "
                        + "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                "es.yaml:10: ExternalSecret/db: .spec.data[0].secretKey: does not match the pattern "
                        + "^[-._a-zA-Z0-9]+$",
                "es.yaml:11: ExternalSecret/db: .spec.data[0].remoteRef.propery: unknown field \"propery\"");
    }
}
