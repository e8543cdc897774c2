package dev.kforge.spec;

import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SpecReaderFromFilesTest {

    @TempDir
    Path dir;

    private static String spec(String fromFiles) {
        return """
                platform:
                  name: shop
                services:
                  web:
                    kind: web-service
                    image: web:1.0.0
                    ports: {http: 8080}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                    config:
                      files:
                        inline.txt: hello
                      fromFiles: %s
                """.formatted(fromFiles);
    }

    @Test
    void read_whenConfigNamesFilesRelativeToTheSpec_thenTheirContentIsKeyedByFileName() throws IOException {
        // given
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/routes.yaml"), "routes:\r\n  - /v1\r\n");
        Path spec = Files.writeString(dir.resolve("platform.yaml"), spec("[config/routes.yaml]"));
        // when
        Platform platform = SpecReader.read(spec);
        // then: Windows line ends become LF so the output does not depend on the checkout
        assertThat(platform.service("web").config().files())
                .containsEntry("inline.txt", "hello")
                .containsEntry("routes.yaml", "routes:\n  - /v1\n")
                .hasSize(2);
    }

    @Test
    void read_whenConfigFileIsMissing_thenProblemNamesTheItemAndLine() throws IOException {
        // given
        Path spec = Files.writeString(dir.resolve("platform.yaml"), spec("[config/missing.yaml]"));
        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> SpecReader.read(spec));
        // then
        assertThat(e.problems()).hasSize(1);
        Problem p = e.problems().get(0);
        assertThat(p.path()).isEqualTo("services.web.config.fromFiles.0");
        assertThat(p.location()).isEqualTo("platform.yaml:12");
        assertThat(p.message()).startsWith("no file at ").contains("missing.yaml")
                .endsWith("fromFiles paths are relative to the spec file's folder");
    }

    @Test
    void read_whenAConfigFileClimbsToTheRoot_thenRefusedAsOutsideTheProjectNotAFailure() throws IOException {
        // given: enough '..' to reach '/', which has no file name
        String climb = "../".repeat(dir.getNameCount() + 2) + "..";
        Path spec = Files.writeString(dir.resolve("platform.yaml"), spec("[" + climb + ", config/..]"));
        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> SpecReader.read(spec));
        // then
        assertThat(e.problems()).extracting(Problem::path)
                .containsExactly("services.web.config.fromFiles.0", "services.web.config.fromFiles.1");
        assertThat(e.problems().get(0).message()).contains("outside").doesNotContain("please report");
        assertThat(e.problems().get(1).message()).startsWith("no file at ");
    }

    @Test
    void read_whenConfigFileIsAbsoluteOrBinary_thenEachIsRejected() throws IOException {
        // given
        Files.write(dir.resolve("blob.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Path spec = Files.writeString(dir.resolve("platform.yaml"), spec("[/etc/passwd, blob.bin]"));
        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> SpecReader.read(spec));
        // then
        assertThat(e.problems()).extracting(Problem::path)
                .containsExactly("services.web.config.fromFiles.0", "services.web.config.fromFiles.1");
        assertThat(e.problems().get(0).message()).contains("is not a relative file path");
        assertThat(e.problems().get(1).message()).endsWith("is not UTF-8 text; a ConfigMap file here must be text");
    }

    @Test
    void read_whenSpecIsTextWithFromFiles_thenProblemSaysToUseFiles() {
        assertThatThrownBy(() -> SpecReader.read("platform.yaml", spec("[a.txt]")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("services.web.config.fromFiles.0: fromFiles needs the spec to be read from a "
                        + "file; give the content under files instead");
    }
}
