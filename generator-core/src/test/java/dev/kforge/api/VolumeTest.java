package dev.kforge.api;

import org.junit.jupiter.api.Test;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class VolumeTest {

    @Test
    void scratch_whenNameAndPath_thenEmptyDir() {
        // given
        String path = "/cache";
        // when
        Volume volume = Volume.scratch("cache", path);
        // then
        assertThat(volume).isEqualTo(new Volume("cache", "/cache", true, null, null, null));
    }

    @Test
    void new_whenSecretOnly_thenAccepted() {
        // given
        String secret = "tls-cert";
        // when
        Volume volume = new Volume("tls", "/etc/tls", false, null, null, secret);
        // then
        assertThat(volume.secret()).isEqualTo("tls-cert");
    }

    @Test
    void new_whenEmptyDirWithSizeLimit_thenAccepted() {
        // given
        String sizeLimit = "1Gi";
        // when
        Volume volume = new Volume("scratch", "/scratch", true, sizeLimit, null, null);
        // then
        assertThat(volume.sizeLimit()).isEqualTo("1Gi");
    }

    @Test
    void new_whenNoSource_thenExactlyOne() {
        // given no source
        // when
        var problems = problemsOf(() -> new Volume("data", "/data", false, null, null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("", "set exactly one of emptyDir, configMap, secret or claim"));
    }

    @Test
    void new_whenTwoSources_thenExactlyOne() {
        // given a config map and a secret
        // when
        var problems = problemsOf(() -> new Volume("data", "/data", false, null, "cm", "secret"));
        // then
        assertThat(problems).containsExactly(Problem.at("", "set exactly one of emptyDir, configMap, secret or claim"));
    }

    @Test
    void new_whenPathRelativeAndSizeBad_thenBothReported() {
        // given
        String mountPath = "data";
        // when
        var problems = problemsOf(() -> new Volume("data", mountPath, true, "1 GB", null, null));
        // then
        assertThat(problems).containsExactly(
                Problem.at("mountPath", "'data' is not an absolute path"),
                Problem.at("sizeLimit", "'1 GB' is not a memory quantity; write it like 512Mi or 10Gi"));
    }

    @Test
    void new_whenNameAndPathMissing_thenRequired() {
        // given no name and no path
        // when
        var problems = problemsOf(() -> Volume.scratch(null, null));
        // then
        assertThat(problems).containsExactly(Problem.at("name", "is required"), Problem.at("mountPath", "is required"));
    }
}
