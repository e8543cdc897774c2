package dev.kforge.emit;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.testing.Helm;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import dev.kforge.testing.SamplePlatforms;
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
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * ExternalSecrets, GPUs and per-environment rate limits on the Helm route: real Helm renders, for each environment,
 * what real Kustomize builds from its overlay.
 */
class InferenceChartTest {

    @TempDir
    static Path out;
    private static Platform inference;
    private static Path chart;

    @BeforeAll
    static void render() {
        inference = SamplePlatforms.inference();
        Trees.write(Kforge.render(inference, Map.of()), out.resolve("deploy"));
        chart = Helm.offline(out.resolve("deploy/helm/inference"), out.resolve("offline"));
    }

    @Test
    void template_whenEachEnvironmentsValuesFile_thenRendersExactlyWhatItsKustomizeOverlayBuilds() {
        assertThat(inference.environments()).extracting(Environment::name).containsExactly("dev", "prod");
        for (Environment env : inference.environments()) {
            // when
            List<Map<String, Object>> helm = Helm.withoutBookkeeping(Helm.template(chart, env.name()), "inference");
            // then
            List<Map<String, Object>> kustomize = Kustomize.build(out.resolve("deploy/kustomize/overlays/"
                    + env.name()));
            assertThat(ObjectSets.differences(kustomize, helm)).as("helm template -f values-%s.yaml", env.name())
                    .isEmpty();
            assertThat(helm).extracting(o -> o.get("kind")).contains("ExternalSecret");
        }
    }

    @Test
    void template_whenOnlyTheChartsOwnValues_thenRendersExactlyWhatTheKustomizeBaseBuilds() {
        // when
        List<Map<String, Object>> helm = Helm.withoutBookkeeping(Helm.template(chart, List.of(), Map.of()),
                "inference");
        // then
        assertThat(ObjectSets.differences(Kustomize.build(out.resolve("deploy/kustomize/base")), helm)).isEmpty();
    }

    @Test
    void lint_whenStrict_thenPasses() {
        // when / then
        Helm.assertLintsStrictly(chart);
    }

    @Test
    void template_whenTheGpuCountIsSetHigher_thenRequestsAndLimitsFollow() {
        // when
        List<Map<String, Object>> objects = Helm.template(chart, List.of(chart.resolve("values-prod.yaml")), Map.of(
                "services.model.resources.requests.nvidia\\.com/gpu", "2",
                "services.model.resources.limits.nvidia\\.com/gpu", "2"));
        // then
        Map<?, ?> limits = (Map<?, ?>) at(find(objects, "Deployment", "model"),
                "spec.template.spec.containers[0].resources.limits");
        // --set makes it a number; Kubernetes takes a quantity as either
        assertThat(limits.get("nvidia.com/gpu")).hasToString("2");
    }

    @Test
    void template_whenAGpuCountIsAFraction_thenTheSchemaRejectsIt() {
        // when
        Throwable thrown = catchThrowable(() -> Helm.template(chart, List.of(chart.resolve("values-prod.yaml")),
                Map.of("services.model.resources.limits.nvidia\\.com/gpu", "0.5")));
        // then
        assertThat(thrown).hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/services/model/resources/limits/nvidia.com~1gpu");
    }

    @Test
    void template_whenASecretStoreKindIsUnknown_thenTheSchemaRejectsIt() {
        // when
        Throwable thrown = catchThrowable(() -> Helm.template(chart, List.of(chart.resolve("values-prod.yaml")),
                Map.of("secrets.model-store.store.kind", "VaultStore")));
        // then
        assertThat(thrown).hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/secrets/model-store/store/kind");
    }
}
