package dev.kforge.spec;

import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.Prerequisite;
import dev.kforge.api.Problem;
import dev.kforge.api.TlsSolver;
import dev.kforge.resolve.Resolver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The spec's {@code prerequisites:} and the TLS solver of the platform and its environments. */
class SpecReaderPrerequisitesTest {

    private static final String SHOP = """
            platform:
              name: shop
              tlsSolver: dns01
            prerequisites:
              secrets:
                postgresql-auth: the postgresql chart's existingSecret, created by the database team
              configMaps:
                feature-flags: the flags service's pipeline
            services:
              web:
                kind: web-service
                image: web:1.0.0
                ports: {http: 8080}
                resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
            environments:
              dev: {profile: dev, tlsSolver: http01}
              prod: {profile: prod}
            """;

    private static List<Problem> problems(String yaml) {
        Throwable thrown = catchThrowable(() -> SpecReader.read("platform.yaml", yaml));
        assertThat(thrown).as("reading%n%s", yaml).isInstanceOf(ModelException.class);
        return ((ModelException) thrown).problems();
    }

    @Test
    void read_whenPrerequisitesAndSolversAreGiven_thenTheModelHasThemAndEnvironmentsResolveTheirSolver() {
        // when
        Platform platform = SpecReader.read("platform.yaml", SHOP);
        // then
        assertThat(platform.prerequisites()).containsExactly(
                Prerequisite.secret("postgresql-auth", "the postgresql chart's existingSecret, created by the "
                        + "database team"),
                Prerequisite.configMap("feature-flags", "the flags service's pipeline"));
        assertThat(platform.tlsSolver()).isEqualTo(TlsSolver.DNS01);
        assertThat(Resolver.environment(platform, platform.environments().get(0), EnvironmentProfiles.builtIn())
                .target().tlsSolver()).isEqualTo(TlsSolver.HTTP01);
        assertThat(Resolver.environment(platform, platform.environments().get(1), EnvironmentProfiles.builtIn())
                .target().tlsSolver()).isEqualTo(TlsSolver.DNS01);
    }

    @Test
    void read_whenNothingIsGiven_thenHttp01AndNoPrerequisites() {
        // when
        Platform platform = SpecReader.read("platform.yaml", SHOP.replace("  tlsSolver: dns01\n", "")
                .replace(", tlsSolver: http01", "").replaceAll("(?s)prerequisites:.*?services:", "services:"));
        // then
        assertThat(platform.tlsSolver()).isEqualTo(TlsSolver.HTTP01);
        assertThat(platform.prerequisites()).isEmpty();
    }

    @Test
    void read_whenSolverOrPrerequisiteIsWrong_thenLocatedProblems() {
        // given
        String yaml = SHOP.replace("tlsSolver: dns01", "tlsSolver: dns")
                .replace("feature-flags: the flags service's pipeline", "Feature_Flags: ''")
                .replace("  configMaps:", "  services: {}\n  configMaps:");
        // when
        List<Problem> problems = problems(yaml);
        // then
        assertThat(problems).extracting(Problem::toString).anyMatch(p -> p.startsWith("platform.yaml:3: "
                + "platform.tlsSolver: "))
                .anyMatch(p -> p.startsWith("platform.yaml:7: prerequisites.services: "))
                .anyMatch(p -> p.startsWith("platform.yaml:9: prerequisites.configMaps.Feature_Flags.name: "))
                .anyMatch(p -> p.startsWith("platform.yaml:9: prerequisites.configMaps.Feature_Flags.providedBy: "));
    }

    @Test
    void platform_whenAPrerequisiteIsAlsoADeclaredSecretOrTwice_thenProblems() {
        // given
        String yaml = SHOP.replace("prerequisites:\n", """
                secrets:
                  postgresql-auth:
                    store: vault
                    data: {password: {remoteKey: shop/db}}
                prerequisites:
                """);
        // when
        List<Problem> problems = problems(yaml);
        // then
        assertThat(problems).extracting(Problem::path).contains("prerequisites.secrets.postgresql-auth");
    }
}
