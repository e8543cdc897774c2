package dev.kforge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartTest {

    private static final String REPO = "oci://registry-1.docker.io/bitnamicharts";

    @Test
    void valuesFor_whenEnvironmentOverridesNestedKeysAndRemovesOne_thenMergesOverTheBaseValues() {
        // given
        Map<String, Object> dev = new LinkedHashMap<>();
        dev.put("architecture", "standalone");
        dev.put("primary", Map.of("persistence", Map.of("size", "8Gi")));
        dev.put("readReplicas", null);
        Chart chart = new Chart(REPO, "postgresql", "16.7.4", Map.of("architecture", "replication",
                "primary", Map.of("persistence", Map.of("size", "50Gi", "storageClass", "fast")),
                "readReplicas", Map.of("replicaCount", 2)), Map.of("dev", dev));

        // when
        Map<String, Object> values = chart.valuesFor("dev");

        // then
        assertThat(values).isEqualTo(Map.of("architecture", "standalone",
                "primary", Map.of("persistence", Map.of("size", "8Gi", "storageClass", "fast"))));
        assertThat(chart.valuesFor("prod")).containsEntry("readReplicas", Map.of("replicaCount", 2L));
    }

    @Test
    void enabledIn_whenAnEnvironmentSwitchesTheChartOff_thenOnlyThatEnvironmentIsOff() {
        // given
        Chart chart = new Chart(REPO, "redis", "21.2.3", Map.of(), Map.of("prod", Map.of("enabled", false)));

        // when / then
        assertThat(chart.enabledIn("prod")).isFalse();
        assertThat(chart.enabledIn("dev")).isTrue();
        assertThat(chart.enabledIn(null)).isTrue();
        assertThat(chart.valuesFor("prod")).doesNotContainKey("enabled");
    }

    @Test
    void constructor_whenVersionIsARangeAndValuesHoldAJavaObject_thenReportsEveryProblem() {
        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> new Chart("registry.example/charts",
                "Postgres", "~16", Map.of("enabled", "yes", "when", List.of(new Object())), null));

        // then
        assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrder("repository", "name",
                "version", "values.enabled", "values.when.0");
    }

    @Test
    void backingService_whenItHasAChartAndAReservedName_thenIsRejected() {
        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> new BackingService("platform",
                List.of(5432), null, null, Chart.of(REPO, "postgresql", "16.7.4", null)));

        // then
        assertThat(e.problems()).extracting(Problem::path).containsExactly("name");
        // without a chart the name is only a host name
        assertThat(new BackingService("platform", List.of(5432), null, null).chart()).isNull();
    }
}
