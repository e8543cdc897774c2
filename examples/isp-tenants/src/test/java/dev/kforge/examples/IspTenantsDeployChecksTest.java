package dev.kforge.examples;

import dev.kforge.spec.SpecReader;
import dev.kforge.testing.DeployChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What CI owes the committed deploy/: every root built, every chart linted and rendered, all of it valid. */
class IspTenantsDeployChecksTest {

    @Test
    void deploy_whenEveryRootIsBuiltAndEveryChartRendered_thenEveryObjectIsValid(@TempDir Path work) {
        // given
        String version = SpecReader.read(Path.of("src/main/kforge/platform.yaml")).kubernetesVersion();
        // when
        DeployChecks.Result result = DeployChecks.check(Path.of("deploy"), version, work);
        // then
        assertThat(result.roots()).hasSize(83).allMatch(r -> r.matches("kustomize/tenants/[a-z0-9-]+/(dev|staging|prod)"));
        assertThat(result.renders()).hasSize(84).contains("isp-tenant:values-acme-prod.yaml");
        assertThat(result.objects()).isPositive();
    }
}
