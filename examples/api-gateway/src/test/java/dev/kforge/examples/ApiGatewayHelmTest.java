package dev.kforge.examples;

import dev.kforge.testing.Helm;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/** The committed Helm chart of the API gateway example, rendered and linted by real Helm. */
class ApiGatewayHelmTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

    @TempDir
    static Path work;
    private static Path chart;

    @BeforeAll
    static void offlineCopy() {
        // the chart's dependencies (PostgreSQL, Redis, Kafka, TimescaleDB) cannot be downloaded in a test
        chart = Helm.offline(DEPLOY.resolve("helm/api-gateway"), work);
    }

    @Test
    void everyEnvironment_whenRenderedByHelm_thenEqualsWhatItsKustomizeOverlayBuilds() {
        for (String env : ENVIRONMENTS) {
            // when
            List<Map<String, Object>> helm = Helm.withoutBookkeeping(Helm.template(chart, env), "api-gateway");
            // then
            List<Map<String, Object>> kustomize = Kustomize.build(DEPLOY.resolve("kustomize/overlays/" + env));
            assertThat(ObjectSets.differences(kustomize, helm)).as("helm template -f values-%s.yaml", env).isEmpty();
        }
    }

    @Test
    void chart_whenLintedStrictly_thenPasses() {
        // when / then
        Helm.assertLintsStrictly(chart);
    }

    @Test
    void prodValues_whenRendered_thenGatewayScales3To20AndTheBackingChartsAreEnabled() throws Exception {
        // when
        List<Map<String, Object>> prod = Helm.template(chart, "prod");
        // then
        Map<String, Object> hpa = find(prod, "HorizontalPodAutoscaler", "gateway");
        assertThat(at(hpa, "spec.minReplicas")).isEqualTo(3);
        assertThat(at(hpa, "spec.maxReplicas")).isEqualTo(20);
        assertThat(Files.readString(chart.resolve("Chart.yaml")))
                .contains("name: timescaledb-single", "alias: timescaledb", "condition: timescaledb.enabled");
        assertThat(Files.readString(chart.resolve("values-dev.yaml"))).contains("architecture: standalone");
    }

    @Test
    void backingServices_whenReferencedFromKustomize_thenEachEnvironmentListsTheFourCharts() throws Exception {
        for (String env : ENVIRONMENTS) {
            // when
            Map<String, Object> k = Kustomize.parseAll(Files.readString(
                    DEPLOY.resolve("kustomize/backing-services/" + env + "/kustomization.yaml"))).get(0);
            // then
            List<Object> releases = ((List<?>) k.get("helmCharts")).stream()
                    .map(c -> ((Map<?, ?>) c).get("releaseName")).map(Object.class::cast).toList();
            assertThat(releases).containsExactly("postgresql", "redis", "kafka", "timescaledb");
            assertThat(at(k, "helmCharts[3].name")).isEqualTo("timescaledb-single");
        }
    }
}
