package dev.kforge.imports;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.ServiceOverride;
import dev.kforge.emit.FileTree;
import dev.kforge.objects.KubeObject;
import dev.kforge.spec.EnvironmentProfiles;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a service that starts from Dekorate's manifest becomes: the container taken over, the rest kforge's. */
class ImportedServiceObjectsTest {

    private static Platform platform() {
        return Platform.builder("shop")
                .service(Service.builder("orders", ServiceKind.WEB_SERVICE)
                        .base(ManifestImport.fromText("kubernetes.yml",
                                ManifestImportTest.resource("dekorate-kubernetes.yml"), null))
                        .build())
                .environment(Environment.builder("prod").profile("prod").imageTag("1.4.3").label("tier", "gold")
                        .service("orders", new ServiceOverride(4, null, null, null, null, null, null)).build())
                .build();
    }

    private static Deployment deployment(String environment) {
        List<KubeObject> objects = Kforge.objects(platform(), environment, EnvironmentProfiles.builtIn());
        return (Deployment) objects.stream().filter(o -> o.object() instanceof Deployment).findFirst()
                .orElseThrow().object();
    }

    @Test
    void objects_whenServiceStartsFromDekorate_thenTheContainerIsTakenOverAndTheRestIsKforges() {
        // when
        Deployment d = deployment(null);
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);

        // then: taken over
        assertThat(c.getImage()).isEqualTo("registry.example.com/acme/orders:1.4.2");
        assertThat(c.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
        assertThat(c.getEnv()).extracting(e -> e.getName())
                .containsExactly("KUBERNETES_NAMESPACE", "JAVA_TOOL_OPTIONS", "DATABASE_PASSWORD");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
        // and kforge's
        assertThat(c.getName()).isEqualTo("orders");
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(d.getSpec().getReplicas()).as("kforge's default, not Dekorate's 3").isEqualTo(1);
        assertThat(d.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "kforge")
                .doesNotContainKey("app.kubernetes.io/version");
        assertThat(d.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void objects_whenEnvironmentOverrides_thenItAppliesOnTopOfTheImport() {
        // when
        Deployment d = deployment("prod");

        // then
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/acme/orders:1.4.3");
        assertThat(d.getSpec().getReplicas()).isEqualTo(4);
        assertThat(d.getMetadata().getLabels()).containsEntry("tier", "gold");
    }

    @Test
    void render_whenServiceStartsFromAnImport_thenOutputHasNoTraceOfTheToolsAnnotations() {
        // when
        FileTree tree = Kforge.render(platform());

        // then
        tree.files().keySet().forEach(path -> assertThat(tree.text(path)).doesNotContain("dekorate")
                .doesNotContain("5b1f0c2d"));
    }
}
