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
    void prodOverlay_whenBuilt_thenGatewayScales3To20OnCpuMemoryAndPodMetricsWithBehavior() {
        // when
        Map<String, Object> hpa = find(build("prod"), "HorizontalPodAutoscaler", "gateway");
        // then
        assertThat(at(hpa, "spec.minReplicas")).isEqualTo(3);
        assertThat(at(hpa, "spec.maxReplicas")).isEqualTo(20);
        assertThat(at(hpa, "spec.metrics[0].resource.name")).isEqualTo("cpu");
        assertThat(at(hpa, "spec.metrics[0].resource.target.averageUtilization")).isEqualTo(60);
        assertThat(at(hpa, "spec.metrics[1].resource.name")).isEqualTo("memory");
        assertThat(at(hpa, "spec.metrics[1].resource.target.averageUtilization")).isEqualTo(70);
        assertThat(at(hpa, "spec.metrics[2].pods.metric.name")).isEqualTo("http_requests_per_second");
        assertThat(at(hpa, "spec.metrics[2].pods.target.averageValue")).isEqualTo("100");
        assertThat(at(hpa, "spec.metrics[3].pods.metric.name")).isEqualTo("active_connections");
        assertThat(at(hpa, "spec.behavior.scaleUp.stabilizationWindowSeconds")).isEqualTo(0);
        assertThat(at(hpa, "spec.behavior.scaleUp.policies[0].type")).isEqualTo("Percent");
        assertThat(at(hpa, "spec.behavior.scaleUp.policies[0].value")).isEqualTo(100);
        assertThat(at(hpa, "spec.behavior.scaleUp.policies[0].periodSeconds")).isEqualTo(15);
        assertThat(at(hpa, "spec.behavior.scaleDown.stabilizationWindowSeconds")).isEqualTo(300);
        assertThat(at(hpa, "spec.behavior.scaleDown.selectPolicy")).isEqualTo("Min");
        assertThat(at(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
    }

    @Test
    void stagingAndDevOverlays_whenBuilt_thenGatewayRangesAre1To5And1To2() {
        assertThat(at(find(build("staging"), "HorizontalPodAutoscaler", "gateway"), "spec.minReplicas")).isEqualTo(1);
        assertThat(at(find(build("staging"), "HorizontalPodAutoscaler", "gateway"), "spec.maxReplicas")).isEqualTo(5);
        assertThat(at(find(build("dev"), "HorizontalPodAutoscaler", "gateway"), "spec.minReplicas")).isEqualTo(1);
        assertThat(at(find(build("dev"), "HorizontalPodAutoscaler", "gateway"), "spec.maxReplicas")).isEqualTo(2);
        assertThat(at(find(build("prod"), "HorizontalPodAutoscaler", "dashboard-api"), "spec.maxReplicas"))
                .isEqualTo(10);
    }

    @Test
    void billingCronJobs_whenBuilt_thenHourlyAndMonthlyWithForbidDeadlinesBackoffAndHistory() {
        List<Map<String, Object>> prod = build("prod");
        Map<String, Object> hourly = find(prod, "CronJob", "billing-hourly");
        assertThat(at(hourly, "spec.schedule")).isEqualTo("5 * * * *");
        assertThat(at(hourly, "spec.concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(at(hourly, "spec.startingDeadlineSeconds")).isEqualTo(300);
        assertThat(at(hourly, "spec.jobTemplate.spec.activeDeadlineSeconds")).isEqualTo(1800);
        assertThat(at(hourly, "spec.jobTemplate.spec.backoffLimit")).isEqualTo(2);
        assertThat(at(hourly, "spec.failedJobsHistoryLimit")).isEqualTo(5);
        assertThat(at(hourly, "spec.jobTemplate.spec.template.spec.tolerations[0].key"))
                .isEqualTo("node.acme.io/spot");
        Map<String, Object> monthly = find(prod, "CronJob", "billing-monthly");
        assertThat(at(monthly, "spec.schedule")).isEqualTo("0 3 1 * *");
        assertThat(at(monthly, "spec.concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(at(monthly, "spec.timeZone")).isEqualTo("Etc/UTC");
        assertThat(at(monthly, "spec.successfulJobsHistoryLimit")).isEqualTo(12);
        assertThat(at(monthly, "spec.suspend")).isEqualTo(false);
        assertThat(at(find(build("dev"), "CronJob", "billing-monthly"), "spec.suspend")).isEqualTo(true);
    }

    @Test
    void gatewayPods_whenBuilt_thenWaitForPostgresqlAndRedisAndProbeHealthAndReady() {
        for (String env : List.of("dev", "staging", "prod")) {
            Map<String, Object> gateway = find(build(env), "Deployment", "gateway");
            assertThat(at(gateway, "spec.template.spec.initContainers[0].name")).isEqualTo("wait-for-postgresql");
            assertThat((List<?>) at(gateway, "spec.template.spec.initContainers[0].command"))
                    .anySatisfy(c -> assertThat(c.toString()).contains("nc -z -w 2 postgresql 5432"));
            assertThat(at(gateway, "spec.template.spec.initContainers[1].name")).isEqualTo("wait-for-redis");
            assertThat(at(gateway, "spec.template.spec.containers[0].livenessProbe.httpGet.path")).isEqualTo("/health");
            assertThat(at(gateway, "spec.template.spec.containers[0].readinessProbe.httpGet.path")).isEqualTo("/ready");
            assertThat(at(gateway, "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem"))
                    .isEqualTo(true);
            assertThat(at(gateway, "spec.replicas")).as("the HPA owns the replicas").isNull();
        }
    }

    @Test
    void ingresses_whenBuilt_thenOnePerHostWithEnvironmentIssuerRateLimitCorsWebsocketsAndStickySessions() {
        Map<String, Object> prodApi = find(build("prod"), "Ingress", "gateway-api");
        assertThat(at(prodApi, "spec.rules[0].host")).isEqualTo("api.example.com");
        assertThat(at(prodApi, "spec.tls[0].hosts[0]")).isEqualTo("api.example.com");
        @SuppressWarnings("unchecked")
        Map<String, Object> annotations = (Map<String, Object>) at(prodApi, "metadata.annotations");
        assertThat(annotations).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt-prod")
                .containsEntry("nginx.ingress.kubernetes.io/limit-rps", "50")
                .containsEntry("nginx.ingress.kubernetes.io/enable-cors", "true")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie");
        Map<String, Object> stagingWs = find(build("staging"), "Ingress", "gateway-ws");
        assertThat(at(stagingWs, "spec.rules[0].host")).isEqualTo("ws.staging.example.com");
        assertThat(at(stagingWs, "spec.rules[0].http.paths[0].path")).isEqualTo("/socket");
        assertThat(((Map<?, ?>) at(stagingWs, "metadata.annotations")).get("cert-manager.io/cluster-issuer"))
                .isEqualTo("letsencrypt-staging");
    }

    @Test
    void namespaceAndPolicies_whenBuilt_thenQuotaPodSecurityPdbsAndNetworkPolicyAllows() {
        List<Map<String, Object>> prod = build("prod");
        assertThat(((Map<?, ?>) at(find(prod, "Namespace", "api-gateway"), "metadata.labels"))
                .get("pod-security.kubernetes.io/enforce")).isEqualTo("restricted");
        assertThat(((Map<?, ?>) at(find(build("dev"), "Namespace", "api-gateway"), "metadata.labels"))
                .get("pod-security.kubernetes.io/enforce")).isEqualTo("baseline");
        assertThat(at(find(prod, "ResourceQuota", "quota"), "spec.hard.pods")).isEqualTo("120");
        assertThat(at(find(prod, "PodDisruptionBudget", "gateway"), "spec.minAvailable")).isEqualTo(2);
        assertThat(at(find(prod, "Deployment", "usage-worker"), "spec.replicas")).isEqualTo(3);
        assertThat(at(find(prod, "Deployment", "usage-worker"), "spec.template.spec.tolerations[0].key"))
                .isEqualTo("node.acme.io/spot");
        assertThat(at(find(prod, "Role", "gateway"), "rules[0].resources[0]")).isEqualTo("configmaps");
        find(prod, "NetworkPolicy", "default-deny");
        find(prod, "NetworkPolicy", "allow-dns");
        Map<String, Object> gatewayPolicy = find(prod, "NetworkPolicy", "gateway");
        assertThat(at(gatewayPolicy, "spec.ingress[0].from[0].namespaceSelector.matchLabels"))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
        assertThat(at(find(prod, "NetworkPolicy", "dashboard-api"), "spec.ingress[1].from[0].podSelector.matchLabels"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "gateway", "app.kubernetes.io/part-of", "api-gateway"));
        find(prod, "ServiceMonitor", "gateway");
    }
}
