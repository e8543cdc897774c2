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

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The shop's Helm chart, rendered and linted by real Helm, against its Kustomize overlays built by real Kustomize. */
class HelmChartTest {

    @TempDir
    static Path out;
    private static Platform shop;
    private static Path chart;

    @BeforeAll
    static void render() {
        shop = SamplePlatforms.shop();
        Trees.write(Kforge.render(shop, Map.of()), out.resolve("deploy"));
        chart = Helm.offline(out.resolve("deploy/helm/shop"), out.resolve("offline"));
    }

    @Test
    void template_whenEachEnvironmentsValuesFile_thenRendersExactlyWhatItsKustomizeOverlayBuilds() {
        assertThat(shop.environments()).hasSize(3);
        for (Environment env : shop.environments()) {
            // when
            List<Map<String, Object>> helm = Helm.withoutBookkeeping(Helm.template(chart, env.name()), "shop");
            // then
            List<Map<String, Object>> kustomize = Kustomize.build(out.resolve("deploy/kustomize/overlays/" + env.name()));
            assertThat(ObjectSets.differences(kustomize, helm)).as("helm template -f values-%s.yaml", env.name())
                    .isEmpty();
        }
    }

    @Test
    void template_whenOnlyTheChartsOwnValues_thenRendersExactlyWhatTheKustomizeBaseBuilds() {
        // when
        List<Map<String, Object>> helm = Helm.withoutBookkeeping(Helm.template(chart, List.of(), Map.of()), "shop");
        // then
        List<Map<String, Object>> kustomize = Kustomize.build(out.resolve("deploy/kustomize/base"));
        assertThat(ObjectSets.differences(kustomize, helm)).isEmpty();
    }

    @Test
    void lint_whenStrict_thenPasses() {
        // when / then
        Helm.assertLintsStrictly(chart);
    }

    @Test
    void template_whenReplicasIsAString_thenTheSchemaRejectsItBeforeRendering() {
        // when
        Throwable thrown = catchThrowable(() -> Helm.template(chart, List.of(chart.resolve("values-prod.yaml")),
                Map.of("services.mailer.replicas", "three")));
        // then
        assertThat(thrown).hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/services/mailer/replicas").hasMessageContaining("want integer");
    }

    @Test
    void template_whenImageTagIsSet_thenOnlyThatDeploymentsImageChanges() {
        // given
        List<Map<String, Object>> before = Helm.template(chart, "prod");
        // when
        List<Map<String, Object>> after = Helm.template(chart, List.of(chart.resolve("values-prod.yaml")),
                Map.of("services.storefront.image.tag", "1.3.0"));
        // then
        assertThat(at(find(after, "Deployment", "storefront"), "spec.template.spec.containers[0].image"))
                .isEqualTo("registry.example/shop/storefront:1.3.0");
        assertThat(ObjectSets.differences(after, before)).containsExactly("Deployment shop/storefront: "
                + "/spec/template/spec/containers/0/image differs, expected registry.example/shop/storefront:1.3.0");
    }

    @Test
    void template_whenAServiceIsDisabled_thenExactlyItsObjectsAreGone() {
        // given
        List<Map<String, Object>> all = Helm.template(chart, "prod");
        // when
        List<Map<String, Object>> without = Helm.template(chart, List.of(chart.resolve("values-prod.yaml")),
                Map.of("services.mailer.enabled", false));
        // then
        assertThat(ObjectSets.differences(all, without)).containsExactly("missing: Deployment shop/mailer",
                "missing: ServiceAccount shop/mailer");
    }

    @Test
    void template_whenAutoscalingIsTurnedOff_thenTheHpaIsGoneAndTheDeploymentHasReplicas() {
        // when
        List<Map<String, Object>> objects = Helm.template(chart, List.of(chart.resolve("values-prod.yaml")),
                Map.of("services.storefront.autoscaling.enabled", false, "services.storefront.replicas", 4));
        // then
        assertThat(objects).noneMatch(o -> "HorizontalPodAutoscaler".equals(o.get("kind")));
        assertThat(at(find(objects, "Deployment", "storefront"), "spec.replicas")).isEqualTo(4);
    }

    @Test
    void template_whenNamespaceCreationIsOffAndNameEmpty_thenEveryObjectGoesToTheReleaseNamespace() {
        // when
        List<Map<String, Object>> objects = Kustomize.parseAll(Helm.templateText(chart, "shop-live",
                List.of(chart.resolve("values-prod.yaml")), Map.of("namespace.create", false, "namespace.name", "")));
        // then
        assertThat(objects).extracting(o -> o.get("kind")).doesNotContain("Namespace");
        assertThat(objects).extracting(o -> at(o, "metadata.namespace")).containsOnly("shop-live");
    }

    @Test
    void chartYaml_whenABackingServiceHasAChart_thenItIsAConditionalDependencyWithItsValuesPerEnvironment() {
        // given
        FileTree tree = Kforge.render(shop, Map.of());
        // when
        Map<String, Object> meta = yaml(tree.text("helm/shop/Chart.yaml"));
        // then
        assertThat(meta).containsEntry("apiVersion", "v2").containsEntry("name", "shop")
                .containsEntry("version", "0.1.0").containsEntry("appVersion", "0.1.0");
        assertThat(meta.get("dependencies")).isEqualTo(List.of(Map.of("name", "postgresql", "version", "16.7.4",
                "repository", "oci://registry-1.docker.io/bitnamicharts", "condition", "postgresql.enabled")));
        assertThat(at(yaml(tree.text("helm/shop/values.yaml")), "postgresql")).isEqualTo(Map.of("enabled", true,
                "namespaceOverride", "shop", "auth", Map.of("existingSecret", "storefront-db"),
                "primary", Map.of("persistence", Map.of("size", "20Gi"))));
        assertThat(at(yaml(tree.text("helm/shop/values-dev.yaml")), "postgresql")).isEqualTo(Map.of(
                "namespaceOverride", "shop-dev", "primary", Map.of("persistence", Map.of("size", "2Gi"))));
        assertThat(at(yaml(tree.text("helm/shop/values-prod.yaml")), "postgresql"))
                .isEqualTo(Map.of("architecture", "replication"));
        assertThat(at(yaml(tree.text("helm/shop/values-staging.yaml")), "postgresql")).isNull();
    }

    @Test
    void kustomize_whenABackingServiceHasAChart_thenEachEnvironmentReferencesItThroughHelmCharts() {
        // given
        FileTree tree = Kforge.render(shop, Map.of());
        // when
        Map<String, Object> prod = yaml(tree.text("kustomize/backing-services/prod/kustomization.yaml"));
        // then
        assertThat(at(prod, "helmCharts")).isEqualTo(List.of(Map.of("name", "postgresql",
                "repo", "oci://registry-1.docker.io/bitnamicharts", "version", "16.7.4", "releaseName", "postgresql",
                "namespace", "shop", "valuesInline", Map.of("architecture", "replication",
                        "auth", Map.of("existingSecret", "storefront-db"),
                        "primary", Map.of("persistence", Map.of("size", "20Gi"))))));
        assertThat(at(yaml(tree.text("kustomize/backing-services/dev/kustomization.yaml")),
                "helmCharts[0].namespace")).isEqualTo("shop-dev");
        assertThat(tree.text("kustomize/backing-services/dev/kustomization.yaml"))
                .contains("kubectl kustomize --enable-helm kustomize/backing-services/dev/");
    }

    @Test
    void render_whenAnyChartFile_thenItsFirstLineSaysItIsGenerated() {
        // when
        FileTree tree = Kforge.render(shop, Map.of());
        // then
        List<String> charts = tree.files().keySet().stream().filter(p -> p.startsWith("helm/")).toList();
        assertThat(charts).contains("helm/shop/Chart.yaml", "helm/shop/values.yaml", "helm/shop/values-dev.yaml",
                "helm/shop/values.schema.json", "helm/shop/templates/_helpers.tpl", "helm/shop/templates/NOTES.txt");
        for (String path : charts) {
            String first = tree.text(path).lines().findFirst().orElse("");
            assertThat(first).as(path).contains("Generated by kforge from the platform model. Do not edit");
        }
    }

    @Test
    void render_whenRunTwice_thenTheChartIsByteForByteTheSame() {
        // when
        FileTree first = Kforge.render(SamplePlatforms.shop(), Map.of(), "2.3.4-rc.1");
        FileTree second = Kforge.render(SamplePlatforms.shop(), Map.of(), "2.3.4-rc.1");
        // then
        assertThat(second.files().keySet()).containsExactlyElementsOf(first.files().keySet());
        first.files().forEach((path, bytes) -> assertThat(second.files().get(path)).as(path).isEqualTo(bytes));
        assertThat(yaml(first.text("helm/shop/Chart.yaml"))).containsEntry("version", "2.3.4-rc.1");
    }

    @Test
    void render_whenChartVersionIsNotOneHelmTakes_thenSaysSo() {
        // when
        Throwable thrown = catchThrowable(() -> Kforge.render(shop, Map.of(), "release-7"));
        // then
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'release-7' is not a Helm chart version; use a version like 1.4.0 or 1.4.0-SNAPSHOT");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    }
}
