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
 * An application that serves /metrics on its only port (seed 000's ISP framework): the ingress controller and
 * Prometheus both reach that port, on both routes. Before, the port was left out as "the metrics port" and the
 * policy admitted nothing at all.
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
                .service(Service.builder("worker", ServiceKind.WORKER)
                        .image("worker:1.0.0")
                        .resources("100m", "500m", "128Mi", "256Mi")
                        .dependsOn("web")
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
    void helmTemplate_whenTheMetricsPortIsTheOnlyPort_thenRendersWhatKustomizeBuilds() {
        assertThat(ObjectSets.differences(kustomize, helm)).isEmpty();
    }
}
