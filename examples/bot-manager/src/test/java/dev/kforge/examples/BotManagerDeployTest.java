package dev.kforge.examples;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.examples.botmanager.BotManagerPlatform;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.testing.DeployChecks;
import dev.kforge.testing.Helm;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/** The committed deploy/ of the bot manager, built by real Kustomize and rendered by real Helm. */
class BotManagerDeployTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static Platform platform;
    private static final Map<String, List<Map<String, Object>>> BUILT = new LinkedHashMap<>();

    @BeforeAll
    static void buildEveryOverlay() {
        // the Java model, as the plugin runs it: Dekorate's manifest is on the test class path too
        platform = new BotManagerPlatform().define();
        for (Environment env : platform.environments()) {
            BUILT.put(env.name(), Kustomize.build(DEPLOY.resolve("kustomize/overlays/" + env.name())));
        }
    }

    @Test
    void everyOverlay_whenBuilt_thenEqualsTheObjectsOfTheJavaModel() {
        assertThat(BUILT).containsOnlyKeys("dev", "staging", "prod");
        BUILT.forEach((env, built) -> assertThat(ObjectSets.differences(
                ObjectSets.trees(Kforge.objects(platform, env, EnvironmentProfiles.builtIn())), built)).as(env)
                .isEmpty());
    }

    @Test
    void botEngine_whenImportedFromDekorate_thenKeepsItsVariablesAndProbesAndGetsKforgesSecurityAndScaling() {
        Map<String, Object> engine = find(BUILT.get("prod"), "Deployment", "bot-engine");
        assertThat(at(engine, "spec.template.spec.containers[0].env")).asString()
                .contains("name=BOT_MODE, value=conversational")
                .contains("name=LLM_API_KEY, valueFrom={secretKeyRef={key=api-key, name=bot-engine-llm}}");
        assertThat(at(engine, "spec.template.spec.containers[0].livenessProbe.httpGet.path"))
                .isEqualTo("/q/health/live");
        assertThat(at(engine, "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem"))
                .isEqualTo(true);
        assertThat(at(engine, "spec.template.spec.containers[0].image")).isEqualTo("ghcr.io/acme-bots/bot-engine:3.2.0");
        assertThat(at(find(BUILT.get("dev"), "Deployment", "bot-engine"), "spec.template.spec.containers[0].env"))
                .asString().contains("name=BOT_MODE, value=echo");
    }

    @Test
    void ingress_whenBuilt_thenRoutesByPathToGatewayWebhooksAndAdmin() {
        Map<String, Object> ingress = find(BUILT.get("prod"), "Ingress", "gateway");
        assertThat(at(ingress, "spec.rules[0].host")).isEqualTo("app.bots.example.com");
        assertThat(at(ingress, "spec.rules[0].http.paths[0].path")).isEqualTo("/api");
        assertThat(at(ingress, "spec.rules[0].http.paths[0].backend.service.name")).isEqualTo("gateway");
        assertThat(at(ingress, "spec.rules[0].http.paths[1].path")).isEqualTo("/webhooks");
        assertThat(at(ingress, "spec.rules[0].http.paths[1].backend.service.name")).isEqualTo("webhook-receiver");
        assertThat(at(ingress, "spec.rules[0].http.paths[2].backend.service.name")).isEqualTo("admin-ui");
        assertThat(at(find(BUILT.get("dev"), "Ingress", "gateway"), "spec.rules[0].host"))
                .isEqualTo("app.dev.bots.example.com");
    }

    @Test
    void autoscaling_whenBuilt_thenCpu70Between2And5WithTheGatewayAtLeast3InProd() {
        for (String service : List.of("bot-engine", "bot-registry", "webhook-receiver", "admin-ui")) {
            Map<String, Object> hpa = find(BUILT.get("prod"), "HorizontalPodAutoscaler", service);
            assertThat(at(hpa, "spec.minReplicas")).as(service).isEqualTo(2);
            assertThat(at(hpa, "spec.maxReplicas")).as(service).isEqualTo(5);
            assertThat(at(hpa, "spec.metrics[0].resource.target.averageUtilization")).isEqualTo(70);
        }
        assertThat(at(find(BUILT.get("prod"), "HorizontalPodAutoscaler", "gateway"), "spec.minReplicas")).isEqualTo(3);
        assertThat(at(find(BUILT.get("dev"), "HorizontalPodAutoscaler", "bot-engine"), "spec.maxReplicas")).isEqualTo(2);
    }

    @Test
    void configMaps_whenBuilt_thenHoldTheYamlFilesOfTheModuleAndPerEnvironmentLogLevels() throws Exception {
        Map<String, Object> routes = find(BUILT.get("prod"), "ConfigMap", "gateway-config");
        assertThat(at(routes, "data")).asString().contains("routes.yaml");
        assertThat(((Map<?, ?>) at(routes, "data")).get("routes.yaml"))
                .isEqualTo(Files.readString(Path.of("src/main/resources/config/gateway-routes.yaml")));
        assertThat(((Map<?, ?>) at(find(BUILT.get("prod"), "ConfigMap", "bot-engine-config"), "data"))
                .get("engine.yaml")).asString().contains("maxTurns: 40");
        assertThat(at(find(BUILT.get("dev"), "Deployment", "gateway"), "spec.template.spec.containers[0].env"))
                .asString().contains("name=LOG_LEVEL, value=debug");
        assertThat(at(find(BUILT.get("prod"), "Deployment", "gateway"), "spec.template.spec.containers[0].env"))
                .asString().contains("name=LOG_LEVEL, value=warn");
    }

    @Test
    void services_whenBuilt_thenClusterIpAndNoSecretObjects() {
        for (List<Map<String, Object>> objects : BUILT.values()) {
            assertThat(objects).noneMatch(o -> "Secret".equals(o.get("kind")));
            objects.stream().filter(o -> "Service".equals(o.get("kind")))
                    .forEach(s -> assertThat(at(s, "spec.type")).isIn("ClusterIP", null));
        }
    }

    @Test
    void chart_whenRenderedPerEnvironment_thenSameObjectsAsTheOverlays(@TempDir Path work) {
        Path chart = Helm.offline(DEPLOY.resolve("helm/bot-manager"), work);
        BUILT.forEach((env, built) -> assertThat(ObjectSets.differences(built,
                Helm.withoutBookkeeping(Helm.template(chart, env), "bot-manager"))).as(env).isEmpty());
    }

    @Test
    void deploy_whenEveryRootIsBuiltAndEveryChartRendered_thenEveryObjectIsValid(@TempDir Path work) {
        DeployChecks.Result result = DeployChecks.check(DEPLOY, platform, work);
        assertThat(result.roots()).hasSize(3);
        assertThat(result.renders()).hasSize(4);
    }
}
