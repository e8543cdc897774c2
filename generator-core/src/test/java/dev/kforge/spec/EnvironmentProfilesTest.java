package dev.kforge.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kforge.api.Environment;
import dev.kforge.api.ModelException;
import dev.kforge.api.PodSecurityLevel;
import dev.kforge.api.Problem;
import dev.kforge.api.ServiceOverride;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in profiles and profiles read from a directory. */
class EnvironmentProfilesTest {

    @Test
    void builtIn_whenLoaded_thenHasDevStagingAndProdInOrder() {
        // given the profiles packaged under dev/kforge/overlays/, when
        Map<String, Environment> profiles = EnvironmentProfiles.builtIn();

        // then
        assertThat(profiles).containsOnlyKeys("dev", "staging", "prod");
        assertThat(profiles.keySet()).containsExactly("dev", "staging", "prod");
        profiles.forEach((name, profile) -> assertThat(profile.name()).isEqualTo(name));
    }

    @Test
    void builtIn_whenLoaded_thenDevIsSmallAndBaseline() {
        // given, when
        Environment dev = EnvironmentProfiles.builtIn().get("dev");

        // then the values of overlays/dev.yaml
        assertThat(dev).isEqualTo(new Environment("dev", null, null, null, "letsencrypt-staging",
                PodSecurityLevel.BASELINE, true, null, new BigDecimal("0.5"),
                Map.of("app.kubernetes.io/environment", "dev"),
                new ServiceOverride(1, 1, 2, null, null, Map.of("LOG_LEVEL", "debug"), null), null, null, null, null, null));
        assertThat(dev.resourceScale().toPlainString()).isEqualTo("0.5");
    }

    @Test
    void builtIn_whenLoaded_thenStagingIsRestrictedWithASmallRange() {
        // given, when
        Environment staging = EnvironmentProfiles.builtIn().get("staging");

        // then the values of overlays/staging.yaml
        assertThat(staging).isEqualTo(new Environment("staging", null, null, null, "letsencrypt-staging",
                PodSecurityLevel.RESTRICTED, true, null, BigDecimal.ONE,
                Map.of("app.kubernetes.io/environment", "staging"), ServiceOverride.range(1, 3), null, null, null, null, null));
    }

    @Test
    void builtIn_whenLoaded_thenProdUsesProductionCertificatesAndNoOverrides() {
        // given, when
        Environment prod = EnvironmentProfiles.builtIn().get("prod");

        // then the values of overlays/prod.yaml
        assertThat(prod).isEqualTo(new Environment("prod", null, null, null, "letsencrypt-prod",
                PodSecurityLevel.RESTRICTED, true, null, BigDecimal.ONE,
                Map.of("app.kubernetes.io/environment", "prod"), null, null, null, null, null, null));
        assertThat(prod.defaults()).isEqualTo(ServiceOverride.NONE);
    }

    @Test
    void builtIn_whenCalledTwice_thenReturnsEqualButUnmodifiableMaps() {
        // given, when
        Map<String, Environment> first = EnvironmentProfiles.builtIn();
        Map<String, Environment> second = EnvironmentProfiles.builtIn();

        // then
        assertThat(first).isEqualTo(second);
        assertThat(catchThrowableOfType(UnsupportedOperationException.class, () -> first.remove("dev"))).isNotNull();
    }

    @Test
    void fromDirectory_whenYamlFilesAreThere_thenNamesEachAfterItsFile(@TempDir Path dir) throws Exception {
        // given two profiles and a file that is not one
        Files.writeString(dir.resolve("perf.yaml"), """
                podSecurity: restricted
                resourceScale: 2.5
                defaults:
                  minReplicas: 4
                  maxReplicas: 40
                """);
        Files.writeString(dir.resolve("demo.yaml"), "");
        Files.writeString(dir.resolve("notes.txt"), "not: a profile\n");

        // when
        Map<String, Environment> profiles = EnvironmentProfiles.fromDirectory(dir);

        // then
        assertThat(profiles.keySet()).containsExactly("demo", "perf");
        assertThat(profiles.get("demo")).isEqualTo(Environment.builder("demo").build());
        Environment perf = profiles.get("perf");
        assertThat(perf.podSecurity()).isEqualTo(PodSecurityLevel.RESTRICTED);
        assertThat(perf.resourceScale()).isEqualTo(new BigDecimal("2.5"));
        assertThat(perf.defaults()).isEqualTo(ServiceOverride.range(4, 40));
    }

    @Test
    void fromDirectory_whenSeveralFilesAreBad_thenReportsTheProblemsOfAllFiles(@TempDir Path dir)
            throws Exception {
        // given
        Files.writeString(dir.resolve("a.yaml"), """
                tlsIssuer: letsencrypt-prod
                resourceScale: 0
                """);
        Files.writeString(dir.resolve("b.yaml"), """
                networkPolicies: true
                profile: prod
                defaults: {replica: 2}
                """);

        // when
        List<Problem> problems = catchThrowableOfType(ModelException.class,
                () -> EnvironmentProfiles.fromDirectory(dir)).problems();

        // then
        assertThat(problems).containsExactly(
                new Problem("resourceScale", "0 is not a factor between 0 (exclusive) and 100", "a.yaml:2"),
                new Problem("profile", "unknown key 'profile'; allowed keys: namespace, domain, tlsIssuer, "
                        + "podSecurity, networkPolicies, imageTag, resourceScale, labels, defaults, services, quota, "
                        + "secretStore, remoteKeyPrefix, tlsSolver",
                        "b.yaml:2"),
                new Problem("defaults.replica", "unknown key 'replica'; did you mean 'replicas'?", "b.yaml:3"));
    }

    @Test
    void fromDirectory_whenFileNameIsNotAValidName_thenTheModelRejectsIt(@TempDir Path dir) throws Exception {
        // given
        Files.writeString(dir.resolve("Load_Test.yaml"), "networkPolicies: false\n");

        // when
        List<Problem> problems = catchThrowableOfType(ModelException.class,
                () -> EnvironmentProfiles.fromDirectory(dir)).problems();

        // then
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).path()).isEqualTo("name");
        assertThat(problems.get(0).location()).isEqualTo("Load_Test.yaml:1");
        assertThat(problems.get(0).message()).startsWith("'Load_Test' is not a valid name");
    }

    @Test
    void fromDirectory_whenDirectoryDoesNotExist_thenReportsAModelProblem(@TempDir Path dir) {
        // given
        Path missing = dir.resolve("profiles");

        // when
        List<Problem> problems = catchThrowableOfType(ModelException.class,
                () -> EnvironmentProfiles.fromDirectory(missing)).problems();

        // then
        assertThat(problems).containsExactly(new Problem("", "is not a directory of environment profiles",
                missing.toString()));
    }
}
