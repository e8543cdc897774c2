package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SingleWriterClaimsTest {

    private static String claim(String mode) {
        return """
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: db-data, namespace: shop}
                spec: {accessModes: [%s], resources: {requests: {storage: 1Gi}}}
                """.formatted(mode);
    }

    private static String db(int replicas, String strategy) {
        return Fixtures.deployment("db", "volumes: [{name: data, persistentVolumeClaim: {claimName: db-data}}]")
                .replace("  replicas: 1\n", "  replicas: " + replicas + "\n" + strategy);
    }

    @Test
    void check_whenOneReplicaRollsOutWithTheDefaultSurge_thenOneLocatedError() {
        // when
        List<ValidationProblem> problems = Fixtures.check(db(1, "") + claim("ReadWriteOnce"), SingleWriterClaims.RULE);
        // then
        assertThat(problems).singleElement().hasToString("app.yaml:1: Deployment/db: .spec.strategy: rolls out by "
                + "starting the new pod before the old one stops while both mount the ReadWriteOnce claim 'db-data': "
                + "the new pod waits for the volume on another node, or two processes share one data directory; use "
                + "strategy Recreate (or maxSurge: 0), or a StatefulSet [single-writer-claim]");
    }

    @Test
    void check_whenSeveralReplicasShareTheClaim_thenError() {
        // when
        List<ValidationProblem> problems = Fixtures.check(db(2, "  strategy: {type: Recreate}\n")
                + claim("ReadWriteOncePod"), SingleWriterClaims.RULE);
        // then
        assertThat(problems).singleElement().extracting(ValidationProblem::path)
                .isEqualTo(".spec.template.spec.volumes[0]");
    }

    @Test
    void check_whenRecreateOrNoSurgeOrSharedClaim_thenNothing() {
        // when / then
        assertThat(Fixtures.check(db(1, "  strategy: {type: Recreate}\n") + claim("ReadWriteOnce"),
                SingleWriterClaims.RULE)).isEmpty();
        assertThat(Fixtures.check(db(1, "  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}\n")
                + claim("ReadWriteOnce"), SingleWriterClaims.RULE)).isEmpty();
        assertThat(Fixtures.check(db(3, "") + claim("ReadWriteMany"), SingleWriterClaims.RULE)).isEmpty();
    }
}
