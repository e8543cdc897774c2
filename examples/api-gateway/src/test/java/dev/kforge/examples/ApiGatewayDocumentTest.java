package dev.kforge.examples;

import dev.kforge.testing.Kustomize;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed document 001 (the API gateway platform's Kubernetes deployment guide), figure by figure, on the objects real
 * Kustomize builds from the committed overlays, and on the committed backing-service values. The figures are the
 * document's, written out here; the model is not consulted. README.md's requirement table says which object carries
 * each requirement.
 */
class ApiGatewayDocumentTest {

    private static final Path DEPLOY = Path.of("deploy/kustomize");
    private static final Map<String, List<Map<String, Object>>> BUILT = new LinkedHashMap<>();

    @BeforeAll
    static void build() {
        for (String env : List.of("dev", "staging", "prod")) {
            BUILT.put(env, Kustomize.build(DEPLOY.resolve("overlays/" + env)));
        }
    }

    /** Namespace saas-platform, in every environment. */
    @Test
    void namespace_whenEveryOverlayIsBuilt_thenEverythingIsInSaasPlatform() {
        BUILT.forEach((env, objects) -> assertThat(objects).as(env).allSatisfy(o -> assertThat(
                o.get("kind").equals("Namespace") ? at(o, "metadata.name") : at(o, "metadata.namespace"))
                .isEqualTo("saas-platform")));
    }

    /** Gateway: 250m/256Mi request, 1000m/512Mi limit; probes /health, /ready, startup /health. */
    @Test
    void gateway_whenBuiltForProd_thenTheDocumentsResourcesAndProbes() {
        Map<String, Object> c = container(BUILT.get("prod"), "gateway");
        assertThat(resources(c)).isEqualTo(List.of("250m", "256Mi", "1000m", "512Mi"));
        assertThat(at(c, "livenessProbe.httpGet.path")).isEqualTo("/health");
        assertThat(at(c, "readinessProbe.httpGet.path")).isEqualTo("/ready");
        assertThat(at(c, "startupProbe.httpGet.path")).isEqualTo("/health");
        assertThat(at(c, "name")).as("kubectl set image deployment/gateway gateway=...").isEqualTo("gateway");
    }

    /**
     * Gateway HPA: 3-20 (staging 1-5, dev 1-2); CPU 60 %, memory 70 %; gateway_request_duration_ms 40,
     * gateway_requests_per_second 100, gateway_concurrent_requests 50 per pod; up 100 % or 4 pods per 30 s; down 50 %
     * or 2 pods per 60 s, 5 minutes' stabilization.
     */
    @Test
    void gatewayHpa_whenBuilt_thenTheDocumentsRangesTargetsAndBehaviour() {
        Map<String, Object> hpa = find(BUILT.get("prod"), "HorizontalPodAutoscaler", "gateway");
        assertThat(List.of(at(hpa, "spec.minReplicas"), at(hpa, "spec.maxReplicas"))).isEqualTo(List.of(3, 20));
        assertThat(range("staging", "gateway")).isEqualTo(List.of(1, 5));
        assertThat(range("dev", "gateway")).isEqualTo(List.of(1, 2));
        assertThat(at(hpa, "spec.metrics[0].resource.target.averageUtilization")).isEqualTo(60);
        assertThat(at(hpa, "spec.metrics[1].resource.target.averageUtilization")).isEqualTo(70);
        assertThat(List.of(at(hpa, "spec.metrics[2].pods.metric.name"), at(hpa, "spec.metrics[2].pods.target.averageValue"),
                at(hpa, "spec.metrics[3].pods.metric.name"), at(hpa, "spec.metrics[3].pods.target.averageValue"),
                at(hpa, "spec.metrics[4].pods.metric.name"), at(hpa, "spec.metrics[4].pods.target.averageValue")))
                .isEqualTo(List.of("gateway_request_duration_ms", "40", "gateway_requests_per_second", "100",
                        "gateway_concurrent_requests", "50"));
        assertThat(at(hpa, "spec.behavior.scaleUp.policies")).isEqualTo(List.of(
                Map.of("type", "Percent", "value", 100, "periodSeconds", 30),
                Map.of("type", "Pods", "value", 4, "periodSeconds", 30)));
        assertThat(at(hpa, "spec.behavior.scaleDown.policies")).isEqualTo(List.of(
                Map.of("type", "Percent", "value", 50, "periodSeconds", 60),
                Map.of("type", "Pods", "value", 2, "periodSeconds", 60)));
        assertThat(at(hpa, "spec.behavior.scaleDown.stabilizationWindowSeconds")).isEqualTo(300);
        assertThat(at(hpa, "spec.behavior.scaleDown.selectPolicy")).isEqualTo("Min");
    }

    /** Dashboard API: HPA 2-10 on CPU 70 % and memory 80 %; 250m/256Mi request, 500m/512Mi limit. */
    @Test
    void dashboardApi_whenBuiltForProd_thenTheDocumentsRangeTargetsAndResources() {
        Map<String, Object> hpa = find(BUILT.get("prod"), "HorizontalPodAutoscaler", "dashboard-api");
        assertThat(range("prod", "dashboard-api")).isEqualTo(List.of(2, 10));
        assertThat(at(hpa, "spec.metrics[0].resource.target.averageUtilization")).isEqualTo(70);
        assertThat(at(hpa, "spec.metrics[1].resource.target.averageUtilization")).isEqualTo(80);
        assertThat(resources(container(BUILT.get("prod"), "dashboard-api")))
                .isEqualTo(List.of("250m", "256Mi", "500m", "512Mi"));
    }

    /** Usage aggregator: 2 fixed replicas, 500m/512Mi request, 2000m/1Gi limit, group usage-aggregator-group. */
    @Test
    void usageAggregator_whenBuiltForProd_thenTwoFixedReplicasOnSpotNodes() {
        Map<String, Object> d = find(BUILT.get("prod"), "Deployment", "usage-aggregator");
        assertThat(at(d, "spec.replicas")).isEqualTo(2);
        assertThat(BUILT.get("prod")).noneMatch(o -> o.get("kind").equals("HorizontalPodAutoscaler")
                && at(o, "metadata.name").equals("usage-aggregator"));
        Map<String, Object> c = container(BUILT.get("prod"), "usage-aggregator");
        assertThat(resources(c)).isEqualTo(List.of("500m", "512Mi", "2000m", "1Gi"));
        @SuppressWarnings("unchecked")
        List<Object> env = (List<Object>) at(c, "env");
        assertThat(env).contains(Map.of("name", "KAFKA_GROUP_ID", "value", "usage-aggregator-group"),
                Map.of("name", "BATCH_SIZE", "value", "1000"), Map.of("name", "BATCH_TIMEOUT_SECONDS", "value", "10"));
        assertThat(at(d, "spec.template.spec.tolerations[0].key")).isEqualTo("node.acme.io/spot");
    }

    /**
     * Billing: hourly 0 * * * *, Forbid, 1 hour, 2 retries; monthly 0 0 1 * * (UTC), Forbid, 3 hours, 3 retries, 12
     * jobs kept; both tolerate spot nodes. The runbook's names: billing-hourly-aggregation, billing-monthly-invoices.
     */
    @Test
    void billingCronJobs_whenBuiltForProd_thenTheDocumentsSchedulesTimeoutsRetriesAndHistory() {
        List<Map<String, Object>> prod = BUILT.get("prod");
        Map<String, Object> hourly = find(prod, "CronJob", "billing-hourly-aggregation");
        assertThat(List.of(at(hourly, "spec.schedule"), at(hourly, "spec.concurrencyPolicy"),
                at(hourly, "spec.jobTemplate.spec.activeDeadlineSeconds"), at(hourly, "spec.jobTemplate.spec.backoffLimit")))
                .isEqualTo(List.of("0 * * * *", "Forbid", 3600, 2));
        Map<String, Object> monthly = find(prod, "CronJob", "billing-monthly-invoices");
        assertThat(List.of(at(monthly, "spec.schedule"), at(monthly, "spec.timeZone"), at(monthly, "spec.concurrencyPolicy"),
                at(monthly, "spec.jobTemplate.spec.activeDeadlineSeconds"), at(monthly, "spec.jobTemplate.spec.backoffLimit"),
                at(monthly, "spec.successfulJobsHistoryLimit")))
                .isEqualTo(List.of("0 0 1 * *", "Etc/UTC", "Forbid", 10800, 3, 12));
        for (Map<String, Object> job : List.of(hourly, monthly)) {
            assertThat(at(job, "spec.jobTemplate.spec.template.spec.tolerations[0].key")).isEqualTo("node.acme.io/spot");
        }
    }

    /**
     * Public endpoints: api → gateway /, dashboard-api → dashboard-api /api/v1, dashboard → dashboard-frontend /; TLS
     * from cert-manager; 100 RPS and 50 connections; CORS; WebSocket on the gateway; sticky sessions.
     */
    @Test
    void ingresses_whenBuiltForProd_thenTheDocumentsHostsPathsAndFeatures() {
        List<Map<String, Object>> prod = BUILT.get("prod");
        Map<String, List<String>> routes = Map.of("gateway", List.of("api.company.com", "/", "gateway"),
                "dashboard-api", List.of("dashboard-api.company.com", "/api/v1", "dashboard-api"),
                "dashboard-frontend", List.of("dashboard.company.com", "/", "dashboard-frontend"));
        routes.forEach((name, route) -> {
            Map<String, Object> ingress = find(prod, "Ingress", name);
            assertThat(List.of(at(ingress, "spec.rules[0].host"), at(ingress, "spec.rules[0].http.paths[0].path"),
                    at(ingress, "spec.rules[0].http.paths[0].backend.service.name"))).as(name).isEqualTo(route);
            assertThat(at(ingress, "spec.tls[0].hosts[0]")).as(name).isEqualTo(route.get(0));
            Map<?, ?> annotations = (Map<?, ?>) at(ingress, "metadata.annotations");
            assertThat(annotations.get("cert-manager.io/cluster-issuer")).as(name).isEqualTo("letsencrypt-prod");
            assertThat(annotations.get("nginx.ingress.kubernetes.io/limit-rps")).as(name).isEqualTo("100");
            assertThat(annotations.get("nginx.ingress.kubernetes.io/limit-connections")).as(name).isEqualTo("50");
        });
        Map<?, ?> gateway = (Map<?, ?>) at(find(prod, "Ingress", "gateway"), "metadata.annotations");
        assertThat(gateway.get("nginx.ingress.kubernetes.io/enable-cors")).isEqualTo("true");
        assertThat(gateway.get("nginx.ingress.kubernetes.io/proxy-read-timeout")).as("websockets").isEqualTo("3600");
        assertThat(gateway.get("nginx.ingress.kubernetes.io/affinity")).isEqualTo("cookie");
    }

    /** The infrastructure charts: the document's requests, gateway_user, Kafka's 3 replicas. */
    @Test
    void backingServices_whenReadForProd_thenTheDocumentsChartValues() throws Exception {
        Map<String, Object> k = Kustomize.parseAll(Files.readString(
                DEPLOY.resolve("backing-services/prod/kustomization.yaml"))).get(0);
        assertThat(at(k, "helmCharts[0].valuesInline.auth.username")).isEqualTo("gateway_user");
        assertThat(at(k, "helmCharts[0].valuesInline.primary.resources.requests"))
                .isEqualTo(Map.of("cpu", "1000m", "memory", "2Gi"));
        assertThat(at(k, "helmCharts[1].valuesInline.master.resources.requests"))
                .isEqualTo(Map.of("cpu", "500m", "memory", "512Mi"));
        assertThat(at(k, "helmCharts[2].valuesInline.controller.replicaCount")).isEqualTo(3);
        assertThat(at(k, "helmCharts[2].valuesInline.controller.resources.requests"))
                .isEqualTo(Map.of("cpu", "500m", "memory", "1Gi"));
        assertThat(at(k, "helmCharts[3].valuesInline.resources.requests"))
                .isEqualTo(Map.of("cpu", "2000m", "memory", "4Gi"));
        assertThat(at(k, "helmCharts[3].namespace")).isEqualTo("saas-platform");
    }

    /**
     * The runbook's commands: {@code kubectl port-forward svc/gateway 8080:80}, {@code kubectl logs -l app=gateway},
     * {@code kubectl get jobs -l app=billing-engine} — the Service offers 80 in front of the container's 8080, the
     * gateway's pods and the billing engine's Jobs carry the {@code app} label the commands select on.
     */
    @Test
    void runbook_whenEveryOverlayIsBuilt_thenItsPortAndLabelsAreThere() {
        BUILT.forEach((env, objects) -> {
            Map<String, Object> service = find(objects, "Service", "gateway");
            assertThat(List.of(at(service, "spec.ports[0].port"), at(service, "spec.ports[0].targetPort")))
                    .as(env).isEqualTo(List.of(80, "http"));
            assertThat(at(find(objects, "Deployment", "gateway"), "spec.template.metadata.labels.app"))
                    .as(env).isEqualTo("gateway");
            for (String job : List.of("billing-hourly-aggregation", "billing-monthly-invoices")) {
                assertThat(at(find(objects, "CronJob", job), "spec.jobTemplate.metadata.labels.app")).as(env + " " + job)
                        .isEqualTo("billing-engine");
            }
        });
    }

    private static List<Object> range(String env, String hpa) {
        Map<String, Object> h = find(BUILT.get(env), "HorizontalPodAutoscaler", hpa);
        return List.of(at(h, "spec.minReplicas"), at(h, "spec.maxReplicas"));
    }

    private static List<Object> resources(Map<String, Object> container) {
        return List.of(at(container, "resources.requests.cpu"), at(container, "resources.requests.memory"),
                at(container, "resources.limits.cpu"), at(container, "resources.limits.memory"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(List<Map<String, Object>> objects, String deployment) {
        return (Map<String, Object>) at(find(objects, "Deployment", deployment), "spec.template.spec.containers[0]");
    }
}
