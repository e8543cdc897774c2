package dev.kforge.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeployChecksTest {

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Path deploy(Path dir, String configMapField) throws IOException {
        write(dir.resolve("kustomize/base/kustomization.yaml"), "resources:\n- config.yaml\n");
        write(dir.resolve("kustomize/base/config.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n" + configMapField);
        write(dir.resolve("kustomize/overlays/dev/kustomization.yaml"), "resources:\n- ../../base\nnamespace: dev\n");
        write(dir.resolve("kustomize/backing-services/dev/kustomization.yaml"),
                "helmCharts:\n- name: redis\n  repo: https://charts.example\n");
        return dir;
    }

    @Test
    void check_whenDeployIsValid_thenBuildsOnlyTheRootsAndSkipsRemoteChartRoots(@TempDir Path dir) throws IOException {
        // given
        Path deploy = deploy(dir.resolve("deploy"), "data:\n  a: b\n");
        // when
        DeployChecks.Result result = DeployChecks.check(deploy, "1.32", dir.resolve("work"));
        // then
        assertThat(result.roots()).containsExactly("kustomize/overlays/dev");
        assertThat(result.chartRoots()).containsExactly("kustomize/backing-services/dev");
        assertThat(result.objects()).isEqualTo(1);
    }

    @Test
    void check_whenAnObjectHasAnUnknownField_thenFailsNamingTheRootAndField(@TempDir Path dir) throws IOException {
        // given
        Path deploy = deploy(dir.resolve("deploy"), "datta:\n  a: b\n");
        // when / then
        assertThatThrownBy(() -> DeployChecks.check(deploy, "1.32", dir.resolve("work")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("kustomize/overlays/dev")
                .hasMessageContaining("datta");
    }

    private static dev.kforge.api.Platform shop(dev.kforge.api.Prerequisite... prerequisites) {
        dev.kforge.api.Platform.Builder b = dev.kforge.api.Platform.builder("shop")
                .service(Models.web("web").env(dev.kforge.api.EnvVar.fromSecret("DB_PASSWORD", "web-db", "password"))
                        .build())
                .environment(dev.kforge.api.Environment.builder("dev").build());
        for (dev.kforge.api.Prerequisite p : prerequisites) {
            b.prerequisite(p);
        }
        return b.build();
    }

    @Test
    void check_whenGivenTheModelAndARootIsNotReady_thenFailsNamingTheRootAndRule(@TempDir Path dir) {
        // given: web reads a Secret that nothing makes and the model does not declare
        dev.kforge.api.Platform shop = shop();
        Trees.write(dev.kforge.Kforge.render(shop, java.util.Map.of()), dir.resolve("deploy"));
        // when / then
        assertThatThrownBy(() -> DeployChecks.check(dir.resolve("deploy"), shop, dir.resolve("work")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("kustomize/overlays/dev:0: Deployment/web: ")
                .hasMessageContaining("Secret 'web-db'").hasMessageContaining("[secret-exists]");
    }

    @Test
    void check_whenGivenTheModelThatDeclaresIt_thenEveryRootIsReady(@TempDir Path dir) {
        // given
        dev.kforge.api.Platform shop = shop(dev.kforge.api.Prerequisite.secret("web-db", "the database team"));
        Trees.write(dev.kforge.Kforge.render(shop, java.util.Map.of()), dir.resolve("deploy"));
        // when
        DeployChecks.Result result = DeployChecks.check(dir.resolve("deploy"), shop, dir.resolve("work"));
        // then
        assertThat(result.roots()).containsExactly("kustomize/overlays/dev");
    }
}
