package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kforge.testing.Models.problemsOf;
import static dev.kforge.testing.Models.resources;
import static dev.kforge.testing.Models.web;
import static org.assertj.core.api.Assertions.assertThat;

class PodSettingsTest {

    @Test
    void builder_whenEverySettingIsGiven_thenKept() {
        // when
        PodSettings pod = PodSettings.builder().terminationGracePeriodSeconds(45)
                .preStop(PodSettings.PreStop.sleep(5)).containerName("server").label("app", "web")
                .annotation("example.com/owner", "team-a").priorityClassName("high").imagePullSecret("regcred")
                .sidecar(Sidecar.of("proxy", "envoy:1.30.1", resources())).build();
        // then
        assertThat(pod.terminationGracePeriodSeconds()).isEqualTo(45);
        assertThat(pod.preStop()).isEqualTo(new PodSettings.PreStop(null, 5));
        assertThat(pod.labels()).isEqualTo(Map.of("app", "web"));
        assertThat(pod.sidecars()).extracting(Sidecar::name).containsExactly("proxy");
    }

    @Test
    void new_whenSettingsAreOutOfRangeOrNamesInvalid_thenEachIsReported() {
        // when
        var problems = problemsOf(() -> new PodSettings(7200, null, "Server", Map.of("app.kubernetes.io/name", "x"),
                null, "High!", List.of("regcred", "regcred"), null));
        // then
        assertThat(problems).extracting(Problem::path).containsExactly("terminationGracePeriodSeconds",
                "imagePullSecrets", "containerName", "priorityClassName", "labels.app.kubernetes.io/name");
    }

    @Test
    void preStop_whenBothOrNeither_thenAsksForOne() {
        // when / then
        assertThat(problemsOf(() -> new PodSettings.PreStop(List.of("sleep", "5"), 5))).containsExactly(
                Problem.at("", "set either command or sleepSeconds"));
        assertThat(problemsOf(() -> new PodSettings.PreStop(null, null))).containsExactly(
                Problem.at("", "set either command or sleepSeconds"));
        assertThat(problemsOf(() -> PodSettings.PreStop.sleep(0))).containsExactly(
                Problem.at("sleepSeconds", "0 is outside 1-3600"));
    }

    @Test
    void sidecar_whenNoResourcesOrAProbeOnAPortItHasNot_thenRefused() {
        // when
        var problems = problemsOf(() -> new Sidecar("proxy", Image.parse("envoy:1.30.1"), null, null, null, null,
                null, new Probes(Probe.tcp("admin"), null, null), false));
        // then
        assertThat(problems).containsExactly(Problem.at("resources", "is required"),
                Problem.at("probes", "a probe of a sidecar needs a port of its own: give the sidecar ports, or a "
                        + "number"));
    }

    @Test
    void service_whenASidecarOrInitContainerTakesAnotherContainersNameOrAVolumeKforgesOwn_thenRefused() {
        // when
        var problems = problemsOf(() -> web("web")
                .pod(PodSettings.builder().sidecar(Sidecar.of("web", "envoy:1.30.1", resources())).build())
                .initContainer(InitContainer.waitFor("db", 5432))
                .volume(Volume.scratch("tmp", "/scratch"))
                .build());
        // then
        assertThat(problems).containsExactly(
                Problem.at("pod.sidecars.web", "'web' is already the name of another container of the pod; rename "
                        + "it"),
                Problem.at("volumes", "'tmp' is a volume kforge adds itself (tmp, config, data); rename it"));
    }

    @Test
    void volume_whenAClaimOfItsOwn_thenItIsNeitherReadOnlyNorEmptyAndNeedsASize() {
        // when
        Volume volume = Volume.persistent("uploads", "/uploads", new Volume.Claim("2Gi", "fast", null));
        // then
        assertThat(volume.readOnly()).isFalse();
        assertThat(volume.claim().accessMode()).isEqualTo("ReadWriteOnce");
        assertThat(problemsOf(() -> new Volume.Claim(null, null, "ReadAll"))).containsExactly(
                Problem.at("size", "is required"), Problem.at("accessMode", "'ReadAll' is not an access mode"));
    }
}
