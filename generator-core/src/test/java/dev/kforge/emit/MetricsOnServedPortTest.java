package dev.kforge.emit;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Ingress;
import dev.kforge.api.Metrics;
import dev.kforge.api.Platform;
import dev.kforge.api.Probes;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.testing.Helm;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics scraped from a service's main (first) port: an application that serves /metrics on its only port (seed
 * 000's ISP framework), and a database that serves them on its HTTP port beside a gRPC port (seed 003's Qdrant). The
 * ingress controller, dependents and Prometheus all reach the main port, on both routes. Before, the port was left
 * out as "the metrics port": the first policy admitted nothing at all, the second only gRPC. A dedicated metrics
 * port (not the first) stays Prometheus' only.
 */
class MetricsOnServedPortTest {

    @TempDir
    static Path out;
    private static List<Map<String, Object>> kustomize;
    private static List<Map<String, Object>> helm;

    @BeforeAll
    static void render() {
        Platform platform = Platform.builder("portal")
                .domain("portal.example")
                .service(Service.builder("web", ServiceKind.WEB_SERVICE)
                        .image("web:1.0.0")
                        .port("http", 8000)
                        .probes(Probes.http("/health", "/ready"))
                        .resources("100m", "500m", "128Mi", "256Mi")
                        .ingress(Ingress.builder().host("www").build())
                        .metrics(new Metrics("http", "/metrics", null))
                        .build())
                .service(Service.builder("vectors", ServiceKind.WEB_SERVICE)
                        .image("vectors:1.0.0")
                        .port("http", 6333)
                        .port("grpc", 6334)
                        .probes(Probes.http("/livez", "/readyz"))
                        .resources("100m", "500m", "128Mi", "256Mi")
                        .metrics(new Metrics("http", "/metrics", null))
                        .build())
                .service(Service.builder("api", ServiceKind.WEB_SERVICE)
                        .image("api:1.0.0")
                        .port("http", 3000)
                        .port("metrics", 9090)
                        .probes(Probes.http("/health", "/ready"))
                        .resources("100m", "500m", "128Mi", "256Mi")
                        .metrics(new Metrics("metrics", null, null))
                        .build())
                .service(Service.builder("worker", ServiceKind.WORKER)
                        .image("worker:1.0.0")
                        .resources("100m", "500m", "128Mi", "256Mi")
                        .dependsOn("web", "vectors", "api")
                        .build())
                .environment(Environment.builder("prod").build())
                .build();
        Trees.write(Kforge.render(platform, Map.of()), out.resolve("deploy"));
        kustomize = Kustomize.build(out.resolve("deploy/kustomize/overlays/prod"));
        Path chart = Helm.offline(out.resolve("deploy/helm/portal"), out.resolve("offline"));
        helm = Helm.withoutBookkeeping(Helm.template(chart, "prod"), "portal");
    }

    @Test
    void networkPolicy_whenTheMetricsPortIsTheOnlyPort_thenIngressDependentsAndPrometheusReachIt() {
        // when
        Map<String, Object> policy = find(kustomize, "NetworkPolicy", "web");
        // then
        assertThat((List<?>) at(policy, "spec.ingress")).hasSize(3);
        assertThat(at(policy, "spec.ingress[0].from[0].namespaceSelector.matchLabels"))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
        assertThat(at(policy, "spec.ingress[0].ports[0].port")).isEqualTo(8000);
        assertThat(((Map<?, ?>) at(policy, "spec.ingress[1].from[0].podSelector.matchLabels"))
                .get("app.kubernetes.io/name")).isEqualTo("worker");
        assertThat(at(policy, "spec.ingress[1].ports[0].port")).isEqualTo(8000);
        assertThat(at(policy, "spec.ingress[2].from[0].namespaceSelector.matchLabels"))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
        assertThat(at(policy, "spec.ingress[2].ports[0].port")).isEqualTo("http");
    }

    @Test
    void networkPolicy_whenMetricsComeFromTheFirstOfTwoPorts_thenDependentsReachBothPorts() {
        // when
        Map<String, Object> policy = find(kustomize, "NetworkPolicy", "vectors");
        // then
        assertThat(at(policy, "spec.ingress[0].ports")).isEqualTo(List.of(Map.of("port", 6333, "protocol", "TCP"),
                Map.of("port", 6334, "protocol", "TCP")));
        assertThat(at(policy, "spec.ingress[1].ports")).isEqualTo(List.of(Map.of("port", "http", "protocol", "TCP")));
    }

    @Test
    void networkPolicy_whenADedicatedMetricsPort_thenDependentsReachOnlyTheOthers() {
        // when
        Map<String, Object> policy = find(kustomize, "NetworkPolicy", "api");
        // then
        assertThat(at(policy, "spec.ingress[0].ports")).isEqualTo(List.of(Map.of("port", 3000, "protocol", "TCP")));
        assertThat(at(policy, "spec.ingress[1].ports")).isEqualTo(List.of(Map.of("port", "metrics", "protocol", "TCP")));
    }

    @Test
    void helmTemplate_whenMetricsComeFromTheMainPortOrADedicatedOne_thenRendersWhatKustomizeBuilds() {
        assertThat(ObjectSets.differences(kustomize, helm)).isEmpty();
    }
}
