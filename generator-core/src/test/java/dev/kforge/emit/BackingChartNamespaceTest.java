package dev.kforge.emit;

import dev.kforge.Kforge;
import dev.kforge.testing.Helm;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.SamplePlatforms;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the Helm route a backing service's chart lands where the services look for it — the platform's namespace of
 * each environment — even when the release is installed into another namespace: the dependency is given
 * {@code namespaceOverride}, which charts built on Bitnami's common library honour.
 */
class BackingChartNamespaceTest {

    /** A stand-in for the postgresql chart that puts one object where a Bitnami chart puts its objects. */
    private static final String MARKER = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: postgresql-marker
              namespace: {{ .Values.namespaceOverride | default .Release.Namespace }}
            """;

    @Test
    void template_whenReleaseIsInstalledElsewhere_thenTheChartsObjectsAreInEachEnvironmentsNamespace(
            @TempDir Path out) throws IOException {
        // given: the shop's dev runs in namespace shop-dev, its other environments in shop
        Trees.write(Kforge.render(SamplePlatforms.shop(), Map.of()), out.resolve("deploy"));
        Path chart = Helm.offline(out.resolve("deploy/helm/shop"), out.resolve("offline"));
        Files.createDirectories(chart.resolve("charts/postgresql/templates"));
        Files.writeString(chart.resolve("charts/postgresql/templates/marker.yaml"), MARKER);
        for (Map.Entry<String, String> env : Map.of("dev", "shop-dev", "prod", "shop").entrySet()) {
            // when
            List<Map<String, Object>> objects = Kustomize.parseAll(Helm.templateText(chart, "kforge-releases",
                    List.of(chart.resolve("values-" + env.getKey() + ".yaml")), Map.of()));
            // then
            assertThat(at(find(objects, "ConfigMap", "postgresql-marker"), "metadata.namespace")).as(env.getKey())
                    .isEqualTo(env.getValue());
            assertThat(at(find(objects, "Deployment", "storefront"), "metadata.namespace")).isEqualTo(env.getValue());
        }
    }
}
