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

/**
 * The committed deploy/ of the bot manager, built by real Kustomize and rendered by real Helm: the components, numbers
 * and names of seed document 004 (the Bot Manager's Kubernetes orchestration plan) on the objects that
 * {@code kubectl kustomize} builds. The document's figures are written out here, not read from the model; README.md's
 * requirement table says which object carries each.
 */
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

    /** The five core microservices of the document, as FastAPI apps on port 8000. */
    private static final List<String> MICROSERVICES = List.of("authentication", "bot-manager", "configuration",
            "logging", "bot-data-storage");

    @Test
    void botManager_whenImportedFromDekorate_thenKeepsItsPortVariablesAndProbesAndGetsKforgesSecurityAndScaling() {
        Map<String, Object> manager = find(BUILT.get("prod"), "Deployment", "bot-manager");
        assertThat(at(manager, "spec.template.spec.containers[0].env")).asString()
                .contains("name=BOT_RUNTIME, value=async")
                .contains("name=JWT_SECRET, valueFrom={secretKeyRef={key=jwt-secret, name=auth-secrets}}");
        assertThat(at(manager, "spec.template.spec.containers[0].ports[0].containerPort")).isEqualTo(8000);
        assertThat(at(manager, "spec.template.spec.containers[0].livenessProbe.httpGet.path")).isEqualTo("/health");
        assertThat(at(manager, "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem"))
                .isEqualTo(true);
        assertThat(at(manager, "spec.template.spec.containers[0].image"))
                .isEqualTo("ghcr.io/vivesphere/vivesphere-bot-manager:1.0.0");
    }

    /** The document's components: five microservices, the API gateway (Kong) and the message queue. */
    @Test
    void components_whenBuilt_thenEveryMicroserviceTheGatewayAndTheQueueWithTheirPorts() {
        List<Map<String, Object>> prod = BUILT.get("prod");
        for (String service : MICROSERVICES) {
            // ClusterIP on 8000, e.g. authentication:8000, to the container's 8000
            Map<String, Object> svc = find(prod, "Service", service);
            assertThat(at(svc, "spec.type")).as(service).isEqualTo("ClusterIP");
            assertThat(at(svc, "spec.ports[0].port")).as(service).isEqualTo(8000);
            Map<String, Object> container = container(prod, "Deployment", service);
            assertThat(at(container, "ports[0].containerPort")).as(service).isEqualTo(8000);
            // readiness and liveness on /health, requests and limits set
            assertThat(at(container, "livenessProbe.httpGet.path")).as(service).isEqualTo("/health");
            assertThat(at(container, "readinessProbe.httpGet.path")).as(service).isEqualTo("/health");
            assertThat(at(container, "resources.requests.cpu")).as(service).isNotNull();
            assertThat(at(container, "resources.limits.memory")).as(service).isNotNull();
        }
        assertThat(at(container(prod, "Deployment", "api-gateway"), "image")).isEqualTo("docker.io/library/kong:3.9.0");
        assertThat(at(find(prod, "Service", "api-gateway"), "spec.ports[0].port")).isEqualTo(8000);
        Map<String, Object> queue = find(prod, "StatefulSet", "message-queue");
        assertThat(at(queue, "spec.template.spec.containers[0].ports[0].containerPort")).isEqualTo(5672);
    }

    /** HPA per microservice Deployment: CPU 70 %, minimum 2, maximum 5 (dev, a local cluster: 1-2). */
    @Test
    void autoscaling_whenBuilt_thenCpu70Between2And5() {
        for (String env : List.of("staging", "prod")) {
            for (String service : MICROSERVICES) {
                Map<String, Object> hpa = find(BUILT.get(env), "HorizontalPodAutoscaler", service);
                assertThat(List.of(at(hpa, "spec.minReplicas"), at(hpa, "spec.maxReplicas"))).as(env + " " + service)
                        .isEqualTo(List.of(2, 5));
                assertThat(at(hpa, "spec.metrics[0].resource.name")).isEqualTo("cpu");
                assertThat(at(hpa, "spec.metrics[0].resource.target.averageUtilization")).isEqualTo(70);
                assertThat((List<?>) at(hpa, "spec.metrics")).hasSize(1);
            }
        }
        assertThat(at(find(BUILT.get("dev"), "HorizontalPodAutoscaler", "bot-manager"), "spec.maxReplicas")).isEqualTo(2);
    }

    /** The Ingress exposes the API gateway and routes by path: /api/v1/auth (to Authentication through Kong), …. */
    @Test
    void ingress_whenBuilt_thenPathsToTheApiGatewayWhichRoutesToEachService() throws Exception {
        Map<String, Object> ingress = find(BUILT.get("prod"), "Ingress", "api-gateway");
        assertThat(at(ingress, "spec.rules[0].host")).isEqualTo("api.bots.example.com");
        assertThat(at(ingress, "spec.rules[0].http.paths[0].path")).isEqualTo("/api/v1/auth");
        assertThat((List<?>) at(ingress, "spec.rules[0].http.paths")).allSatisfy(p ->
                assertThat(at(p, "backend.service.name")).isEqualTo("api-gateway"));
        assertThat(at(ingress, "spec.tls[0].hosts[0]")).isEqualTo("api.bots.example.com");
        String routes = String.valueOf(((Map<?, ?>) at(find(BUILT.get("prod"), "ConfigMap", "api-gateway-config"),
                "data")).get("kong.yml"));
        assertThat(routes).contains("url: http://authentication:8000", "paths: [/api/v1/auth]");
    }

    /** ConfigMaps from the services' YAML files (auth.yaml with database.path); ENV per environment. */
    @Test
    void configMaps_whenBuilt_thenHoldTheYamlFilesAndEachEnvironmentIsNamed() throws Exception {
        Map<?, ?> auth = (Map<?, ?>) at(find(BUILT.get("prod"), "ConfigMap", "authentication-config"), "data");
        assertThat(auth.get("auth.yaml")).isEqualTo(Files.readString(Path.of("src/main/resources/config/auth.yaml")));
        assertThat(String.valueOf(auth.get("auth.yaml"))).contains("database:\n  path:".replace("\\n", "\n"));
        for (String env : List.of("dev", "staging", "prod")) {
            for (String service : MICROSERVICES) {
                assertThat(at(container(BUILT.get(env), "Deployment", service), "env")).as(env + " " + service)
                        .asString().contains("name=ENV, value=" + env);
            }
        }
        assertThat(at(container(BUILT.get("prod"), "Deployment", "authentication"), "volumeMounts")).asString()
                .contains("mountPath=/etc/authentication");
    }

    /** PVCs with a storage class for the database and the message queue. */
    @Test
    void storage_whenBuilt_thenTheQueueAndTheDatabaseKeepTheirDataOnClaimsOfTheStandardClass() {
        for (String set : List.of("message-queue", "bot-database")) {
            Map<String, Object> statefulSet = find(BUILT.get("prod"), "StatefulSet", set);
            assertThat(at(statefulSet, "spec.volumeClaimTemplates[0].spec.storageClassName")).as(set)
                    .isEqualTo("standard");
        }
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(List<Map<String, Object>> objects, String kind, String name) {
        return (Map<String, Object>) at(find(objects, kind, name), "spec.template.spec.containers[0]");
    }
}
