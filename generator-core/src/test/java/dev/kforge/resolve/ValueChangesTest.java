package dev.kforge.resolve;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.spec.SpecReader;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ValueChangesTest {

    private static ResolvedPlatform resolved(String spec, String environment) {
        Platform platform = SpecReader.read("platform.yaml", spec);
        Environment env = platform.environments().stream().filter(e -> e.name().equals(environment)).findFirst()
                .orElseThrow();
        return Resolver.environment(platform, env, EnvironmentProfiles.builtIn());
    }

    @Test
    void line_whenAnEnvironmentScalesSevenServicesAndSetsAVariable_thenItNamesFiveAndCountsTheRest() {
        // given: seven workers with resources and a log level; dev halves them, and sets w3's level
        StringBuilder spec = new StringBuilder("platform: {name: shop}\nservices:\n");
        for (int i = 1; i <= 7; i++) {
            spec.append("  w").append(i).append(": {kind: worker, image: w:1.0.0, env: {LOG_LEVEL: info}, ")
                    .append("resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}}\n");
        }
        spec.append("environments:\n  dev: {resourceScale: 0.5, services: {w3: {env: {LOG_LEVEL: debug}}}}\n");
        // when
        String line = ValueChanges.line("dev", null, resolved(spec.toString(), "dev"), new BigDecimal("0.5"));
        // then
        assertThat(line).isEqualTo("dev changes your values: resources scaled by 0.5 for w1, w2, w3, w4, w5 and 2 "
                + "more; variable LOG_LEVEL set in w3");
    }

    @Test
    void line_whenAnEnvironmentRunsTheValuesAsWritten_thenThereIsNoLine() {
        // given: prod's profile scales by 1 and sets no replicas
        String spec = """
                platform: {name: shop}
                services:
                  worker: {kind: worker, image: w:1.0.0, replicas: 2,
                           resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}}
                environments:
                  prod: {profile: prod}
                """;
        // when
        String line = ValueChanges.line("prod", "prod", resolved(spec, "prod"), BigDecimal.ONE);
        // then
        assertThat(line).isNull();
    }

    @Test
    void line_whenAnOverrideReplacesResourcesAndLeavesAServiceOut_thenBothAreSaid() {
        // given
        String spec = """
                platform: {name: shop}
                services:
                  api: {kind: worker, image: a:1.0.0,
                        resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}}
                  batch: {kind: worker, image: b:1.0.0,
                          resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}}
                environments:
                  staging:
                    services:
                      api: {resources: {cpuRequest: 300m, cpuLimit: 600m, memoryRequest: 64Mi, memoryLimit: 128Mi}}
                      batch: {enabled: false}
                """;
        // when
        String line = ValueChanges.line("staging", null, resolved(spec, "staging"), BigDecimal.ONE);
        // then
        assertThat(line).isEqualTo("staging changes your values: resources set for api; left out: batch");
    }
}
