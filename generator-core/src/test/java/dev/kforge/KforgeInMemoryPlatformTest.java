package dev.kforge;

import dev.kforge.api.Platform;
import dev.kforge.api.Problem;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.Environment;
import dev.kforge.api.Probes;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link Kforge#generate(Platform, Path, String)} and {@link Kforge#verify(Platform, Path, String)}: a library's route. */
class KforgeInMemoryPlatformTest {

    @TempDir
    Path dir;

    /** One web service with three replicas and no disruption budget: prod's policy fails on that warning. */
    private static Platform unbudgeted() {
        return unbudgeted(dev.kforge.api.Policy.DEFAULT);
    }

    private static Platform unbudgeted(dev.kforge.api.Policy policy) {
        return Platform.builder("shop")
                .policy(policy)
                .service(Service.builder("web", ServiceKind.WEB_SERVICE)
                        .image("web:1.0.0")
                        .port("http", 8080)
                        .replicas(3)
                        .probes(Probes.http("/health", "/ready"))
                        .resources("100m", "200m", "64Mi", "128Mi")
                        .build())
                .environment(Environment.builder("dev").profile("dev").build())
                .environment(Environment.builder("prod").profile("prod").build())
                .build();
    }

    @Test
    void generate_whenPlatformObjectBreaksProdsPolicy_thenFailsLikeThePluginAndWritesNothing() {
        // when
        KforgeException e = catchThrowableOfType(KforgeException.class,
                () -> Kforge.generate(unbudgeted(), dir.resolve("deploy"), "1.0.0"));
        // then
        assertThat(e.problems()).extracting(Problem::path).containsExactly("environments.prod");
        assertThat(e.problems().get(0).message()).endsWith("[pdb-for-replicas]");
        assertThat(e.getMessage()).startsWith("1 problem in platform shop");
        assertThat(dir.resolve("deploy")).doesNotExist();
    }

    @Test
    void generate_whenPlatformObjectIsClean_thenWritesWhatRenderGivesAndVerifyFindsNoDrift() throws Exception {
        // given: the same platform, its one warning suppressed with a reason
        Platform shop = unbudgeted(new dev.kforge.api.Policy(List.of(new dev.kforge.api.Policy.Suppression("web",
                "pdb-for-replicas", "a stateless cache; losing every pod at once is fine")), java.util.Map.of()));
        Path deploy = dir.resolve("deploy");
        // when
        GenerateReport report = Kforge.generate(shop, deploy, "2.3.0");
        VerifyReport clean = Kforge.verify(shop, deploy, "2.3.0");
        java.util.Map<String, String> written = Trees.files(deploy);
        Files.writeString(deploy.resolve("kustomize/base/kustomization.yaml"), "# edited by hand\n");
        VerifyReport drifted = Kforge.verify(shop, deploy, "2.3.0");
        // then
        assertThat(report.summary()).contains("policy: pdb-for-replicas suppressed for web: a stateless cache; "
                + "losing every pod at once is fine");
        assertThat(written).containsAllEntriesOf(Trees.files(Trees.write(
                Kforge.render(shop, dev.kforge.spec.EnvironmentProfiles.builtIn(), "2.3.0"), dir.resolve("rendered"))));
        assertThat(clean.drift()).isEmpty();
        assertThat(drifted.drift()).hasSize(1);
    }
}
