package dev.kforge.examples;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.spec.SpecReader;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/** The committed deploy/ of the API gateway example, built by real Kustomize. */
class ApiGatewayDeployTest {

    private static final Path DEPLOY = Path.of("deploy/kustomize");
    private static Platform platform;
    private static Map<String, Environment> profiles;

    @BeforeAll
    static void readModel() {
        platform = SpecReader.read(Path.of("src/main/kforge/platform.yaml"));
        profiles = EnvironmentProfiles.builtIn();
    }

    private static List<Map<String, Object>> build(String env) {
        return Kustomize.build(DEPLOY.resolve("overlays/" + env));
    }

    @Test
    void everyOverlay_whenBuiltByKustomize_thenEqualsTheObjectsOfItsEnvironment() {
        assertThat(platform.environments()).extracting(Environment::name).containsExactly("dev", "staging", "prod");
        for (Environment env : platform.environments()) {
            // when
            List<Map<String, Object>> built = build(env.name());
            // then
            List<Map<String, Object>> expected = ObjectSets.trees(Kforge.objects(platform, env.name(), profiles));
            assertThat(ObjectSets.differences(expected, built)).as("overlay %s", env.name()).isEmpty();
        }
    }

    @Test
    void gatewayPods_whenBuilt_thenWaitForPostgresqlAndRedisAndProbeHealthAndReady() {
        for (String env : List.of("dev", "staging", "prod")) {
            Map<String, Object> gateway = find(build(env), "Deployment", "gateway");
            assertThat(at(gateway, "spec.template.spec.initContainers[0].name")).isEqualTo("wait-for-postgresql");
            assertThat((List<?>) at(gateway, "spec.template.spec.initContainers[0].command"))
                    .anySatisfy(c -> assertThat(c.toString()).contains("nc -z -w 2 postgresql 5432"));
            assertThat(at(gateway, "spec.template.spec.initContainers[1].name")).isEqualTo("wait-for-redis-master");
            assertThat(at(gateway, "spec.template.spec.containers[0].livenessProbe.httpGet.path")).isEqualTo("/health");
            assertThat(at(gateway, "spec.template.spec.containers[0].readinessProbe.httpGet.path")).isEqualTo("/ready");
            assertThat(at(gateway, "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem"))
                    .isEqualTo(true);
            assertThat(at(gateway, "spec.replicas")).as("the HPA owns the replicas").isNull();
        }
    }
}
