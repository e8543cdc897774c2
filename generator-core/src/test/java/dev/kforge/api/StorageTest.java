package dev.kforge.api;

import org.junit.jupiter.api.Test;

import static dev.kforge.testing.Models.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

class StorageTest {

    @Test
    void new_whenOnlySize_thenDefaultsMountPathAndAccessMode() {
        // given
        String size = "20Gi";
        // when
        Storage storage = new Storage(size, null, null, null);
        // then
        assertThat(storage).isEqualTo(new Storage("20Gi", null, "/data", "ReadWriteOnce"));
    }

    @Test
    void new_whenNoSize_thenAcceptedForATier() {
        // given no size (the tier gives it)
        // when
        Storage storage = new Storage(null, "fast-ssd", "/var/lib/db", "ReadWriteOncePod");
        // then
        assertThat(storage.size()).isNull();
    }

    @Test
    void new_whenEverythingWrong_thenEveryFieldIsReported() {
        // given
        String accessMode = "ReadWrite";
        // when
        var problems = problemsOf(() -> new Storage("20GB", "Fast_SSD", "data", accessMode));
        // then
        assertThat(problems).containsExactly(
                Problem.at("size", "'20GB' is not a memory quantity; write it like 512Mi or 10Gi"),
                Problem.at("mountPath", "'data' is not an absolute path"),
                Problem.at("storageClass", "'Fast_SSD' is not a valid storage class name"),
                Problem.at("accessMode", "'ReadWrite' is not an access mode"));
    }
}
