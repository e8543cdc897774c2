package dev.kforge.examples;

import dev.kforge.api.Platform;
import dev.kforge.spec.SpecReader;
import dev.kforge.testing.DeployChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What CI owes the committed deploy/: every root built, every chart linted and rendered, all of it valid, and every
 * root ready to run (no readiness finding on what real Kustomize builds).
 */
class ApiGatewayDeployChecksTest {

    @Test
    void deploy_whenEveryRootIsBuiltAndEveryChartRendered_thenEveryObjectIsValidAndEveryRootReady(@TempDir Path work) {
        // given
        Platform platform = SpecReader.read(Path.of("src/main/kforge/platform.yaml"));
        // when: every root is also analysed for readiness, with what the model says beyond its objects
        DeployChecks.Result result = DeployChecks.check(Path.of("deploy"), platform, work);
        // then
        assertThat(result.roots()).containsExactly("kustomize/overlays/dev", "kustomize/overlays/prod",
                "kustomize/overlays/staging");
        assertThat(result.renders()).containsExactly("api-gateway:values-dev.yaml", "api-gateway:values-prod.yaml",
                "api-gateway:values-staging.yaml", "api-gateway:values.yaml");
        assertThat(result.objects()).isPositive();
    }
}
