package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class ResourcesTest {

    @Test
    void new_whenRequestsEqualLimits_thenAccepted() {
        // given equal requests and limits in different units
        // when
        Resources resources = new Resources("1", "1000m", "1Gi", "1024Mi");
        // then
        assertThat(resources.cpuLimit()).isEqualTo("1000m");
    }

    @Test
    void new_whenCpuRequestAboveLimit_thenProblemAtCpuRequest() {
        // given
        String request = "2";
        // when
        var problems = problemsOf(() -> new Resources(request, "500m", "128Mi", "256Mi"));
        // then
        assertThat(problems).containsExactly(Problem.at("cpuRequest",
                "cpu request 2 is above its limit 500m; raise the limit or lower the request"));
    }

    @Test
    void new_whenMemoryRequestAboveLimit_thenProblemAtMemoryRequest() {
        // given
        String request = "1Gi";
        // when
        var problems = problemsOf(() -> new Resources("100m", "500m", request, "1000Mi"));
        // then
        assertThat(problems).containsExactly(Problem.at("memoryRequest",
                "memory request 1Gi is above its limit 1000Mi; raise the limit or lower the request"));
    }

    @Test
    void new_whenQuantitiesAreMalformed_thenEachIsReportedAndNotCompared() {
        // given
        String cpu = "lots";
        String memory = "512MB";
        // when
        var problems = problemsOf(() -> new Resources(cpu, "1", "128Mi", memory));
        // then
        assertThat(problems).containsExactly(
                Problem.at("cpuRequest", "'lots' is not a CPU quantity; write millicores like 250m or cores like 2"),
                Problem.at("memoryLimit", "'512MB' is not a memory quantity; write it like 512Mi or 10Gi"));
    }

    @Test
    void new_whenMemoryWrittenAsMillicores_thenNotAMemoryQuantity() {
        // given
        String memory = "256m";
        // when
        var problems = problemsOf(() -> new Resources("100m", "500m", memory, "512Mi"));
        // then
        assertThat(problems).containsExactly(
                Problem.at("memoryRequest", "'256m' is not a memory quantity; write it like 512Mi or 10Gi"));
    }

    @Test
    void new_whenAllMissing_thenEveryFieldRequired() {
        // given nothing
        // when
        var problems = problemsOf(() -> new Resources(null, null, null, null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("cpuRequest", "is required"), Problem.at("cpuLimit", "is required"),
                Problem.at("memoryRequest", "is required"), Problem.at("memoryLimit", "is required"));
    }

    @Test
    void new_whenAGpuIsAsked_thenKeptAsAnExtendedResource() {
        // given
        Resources base = new Resources("2", "4", "8Gi", "16Gi");
        // when
        Resources gpu = base.withExtended("nvidia.com/gpu", 1);
        // then
        assertThat(gpu.extended()).containsExactly(Map.entry("nvidia.com/gpu", "1"));
        assertThat(base.extended()).isEmpty();
    }

    @Test
    void scaled_whenHalved_thenCpuAndMemoryHalveAndDevicesKeepTheirCount() {
        // given
        Resources gpu = new Resources("2", "4", "8Gi", "16Gi").withExtended("nvidia.com/gpu", 2);
        // when
        Resources half = gpu.scaled(new BigDecimal("0.5"));
        // then
        assertThat(half).isEqualTo(new Resources("1", "2", "4Gi", "8Gi", Map.of("nvidia.com/gpu", "2")));
    }

    @Test
    void new_whenExtendedNameIsUnqualifiedOrKubernetesOwnedOrCountIsNotWhole_thenReportsEach() {
        // given
        Map<String, String> extended = new LinkedHashMap<>();
        extended.put("gpu", "1");
        extended.put("devices.kubernetes.io/fpga", "1");
        extended.put("nvidia.com/gpu", "0.5");
        extended.put("amd.com/gpu", "0");
        // when
        var problems = problemsOf(() -> new Resources("1", "1", "1Gi", "1Gi", extended));
        // then each is reported, by name (the model keeps its maps sorted)
        String name = "is not an extended resource name; use the domain-qualified name the device plugin "
                + "advertises, like nvidia.com/gpu";
        assertThat(problems).containsExactly(
                Problem.at("extended.amd.com/gpu", "'0' is not a device count; use a whole number of at least 1, "
                        + "like 1"),
                Problem.at("extended", "'devices.kubernetes.io/fpga' " + name),
                Problem.at("extended", "'gpu' " + name),
                Problem.at("extended.nvidia.com/gpu", "'0.5' is not a device count; use a whole number of at least 1, "
                        + "like 1"));
    }
}
