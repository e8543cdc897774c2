package dev.kforge.write;

import dev.kforge.testing.Trees;
import dev.kforge.KforgeException;
import dev.kforge.emit.FileTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import static dev.kforge.testing.Generated.marked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputWriterTest {

    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path root;

    private final OutputWriter writer = new OutputWriter();

    @Test
    void write_whenDirectoryIsMissing_thenCreatesItWithEveryFileAndTheManifest() throws IOException {
        // given
        Path out = root.resolve("deploy");
        FileTree tree = new FileTree()
                .put("kustomize/base/kustomization.yaml", marked("resources: []\n"))
                .put("kustomize/overlays/dev/kustomization.yaml", marked("resources: [../../base]\n"))
                .put("README.md", marked("generated\r\nbytes as given\n"));

        // when
        WriteResult result = writer.write(tree, out);

        // then
        assertThat(result.written()).containsExactly("README.md", "kustomize/base/kustomization.yaml",
                "kustomize/overlays/dev/kustomization.yaml");
        assertThat(result.unchanged()).isEmpty();
        assertThat(result.removed()).isEmpty();
        assertThat(Files.readString(out.resolve("kustomize/base/kustomization.yaml"))).isEqualTo(marked("resources: []\n"));
        assertThat(Files.readAllBytes(out.resolve("README.md")))
                .isEqualTo(marked("generated\r\nbytes as given\n").getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(out.resolve(OutputWriter.MANIFEST))).startsWith("# kforge's record")
                .contains("\n" + sha256(marked("generated\r\nbytes as given\n")) + "  README.md\n"
                        + sha256(marked("resources: []\n")) + "  kustomize/base/kustomization.yaml\n"
                        + sha256(marked("resources: [../../base]\n")) + "  kustomize/overlays/dev/kustomization.yaml\n"
                        + "# sha256 of the lines above: ")
                .doesNotContain("\r");
        assertThat(Trees.files(out)).containsOnlyKeys(OutputWriter.MANIFEST, OutputWriter.LOCK, "README.md",
                "kustomize/base/kustomization.yaml", "kustomize/overlays/dev/kustomization.yaml");
    }

    @Test
    void write_whenFileIsUnchanged_thenKeepsItsModificationTime() throws IOException {
        // given
        Path out = root.resolve("deploy");
        FileTree tree = new FileTree().put("a.yaml", marked("a: 1\n"));
        writer.write(tree, out);
        Files.setLastModifiedTime(out.resolve("a.yaml"), LONG_AGO);
        Files.setLastModifiedTime(out.resolve(OutputWriter.MANIFEST), LONG_AGO);

        // when
        WriteResult result = writer.write(tree, out);

        // then
        assertThat(result.written()).isEmpty();
        assertThat(result.unchanged()).containsExactly("a.yaml");
        assertThat(Files.getLastModifiedTime(out.resolve("a.yaml"))).isEqualTo(LONG_AGO);
        assertThat(Files.getLastModifiedTime(out.resolve(OutputWriter.MANIFEST))).isEqualTo(LONG_AGO);
    }

    @Test
    void write_whenFileChanged_thenRewritesOnlyIt() throws IOException {
        // given
        Path out = root.resolve("deploy");
        writer.write(new FileTree().put("a.yaml", marked("a: 1\n")).put("b.yaml", marked("b: 1\n")), out);
        Files.setLastModifiedTime(out.resolve("b.yaml"), LONG_AGO);

        // when
        WriteResult result = writer.write(new FileTree().put("a.yaml", marked("a: 2\n")).put("b.yaml", marked("b: 1\n")), out);

        // then
        assertThat(result.written()).containsExactly("a.yaml");
        assertThat(result.unchanged()).containsExactly("b.yaml");
        assertThat(Files.readString(out.resolve("a.yaml"))).isEqualTo(marked("a: 2\n"));
        assertThat(Files.getLastModifiedTime(out.resolve("b.yaml"))).isEqualTo(LONG_AGO);
        assertThat(Trees.files(out).keySet()).noneMatch(p -> p.contains(".kforge-tmp-"));
    }

    @Test
    void write_whenFileIsNoLongerGenerated_thenDeletesItAndPrunesEmptyDirectories() throws IOException {
        // given
        Path out = root.resolve("deploy");
        writer.write(new FileTree()
                .put("kustomize/base/kustomization.yaml", marked("k\n"))
                .put("kustomize/overlays/old/sub/patch.yaml", marked("p\n"))
                .put("kustomize/overlays/kept/patch.yaml", marked("p\n")), out);
        Files.writeString(out.resolve("kustomize/overlays/kept/notes.txt"), "mine\n");

        // when
        WriteResult result = writer.write(new FileTree().put("kustomize/base/kustomization.yaml", marked("k\n")), out);

        // then
        assertThat(result.removed()).containsExactly("kustomize/overlays/kept/patch.yaml",
                "kustomize/overlays/old/sub/patch.yaml");
        assertThat(out.resolve("kustomize/overlays/old")).doesNotExist();
        assertThat(out.resolve("kustomize/overlays/kept/notes.txt")).hasContent("mine");
        assertThat(out.resolve("kustomize/overlays/kept/patch.yaml")).doesNotExist();
        assertThat(Files.readString(out.resolve(OutputWriter.MANIFEST)))
                .contains("\n" + sha256(marked("k\n")) + "  kustomize/base/kustomization.yaml\n# sha256")
                .doesNotContain("patch.yaml");
    }

    @Test
    void write_whenEveryFileIsRemoved_thenKeepsTheOutputDirectory() {
        // given
        Path out = root.resolve("deploy");
        writer.write(new FileTree().put("a/b.yaml", marked("b\n")), out);

        // when
        WriteResult result = writer.write(new FileTree(), out);

        // then
        assertThat(result.removed()).containsExactly("a/b.yaml");
        assertThat(out).isDirectory();
        assertThat(Trees.files(out)).containsOnlyKeys(OutputWriter.MANIFEST, OutputWriter.LOCK);
    }

    @Test
    void write_whenAGeneratedPathHoldsAForeignFile_thenFailsWithoutWritingAnything() throws IOException {
        // given
        Path out = root.resolve("deploy");
        writer.write(new FileTree().put("a.yaml", marked("a: 1\n")).put("old.yaml", marked("o\n")), out);
        Files.writeString(out.resolve("hand-written.yaml"), "mine\n");
        Map<String, String> before = Trees.files(out);

        // when / then
        assertThatThrownBy(() -> writer.write(new FileTree()
                .put("a.yaml", marked("a: 2\n"))
                .put("b.yaml", marked("b\n"))
                .put("hand-written.yaml", marked("generated\n")), out))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining(out.resolve("hand-written.yaml").toString())
                .hasMessageContaining("Move it away or delete it");
        assertThat(Trees.files(out)).isEqualTo(before);
    }

    @Test
    void write_whenAForeignFileIsElsewhere_thenNeverTouchesIt() throws IOException {
        // given
        Path out = root.resolve("deploy");
        Files.createDirectories(out.resolve("kustomize"));
        Files.writeString(out.resolve("kustomize/custom.yaml"), "mine\n");
        Files.setLastModifiedTime(out.resolve("kustomize/custom.yaml"), LONG_AGO);
        writer.write(new FileTree().put("kustomize/a.yaml", marked("a\n")), out);

        // when
        writer.write(new FileTree().put("other.yaml", marked("o\n")), out);

        // then
        assertThat(out.resolve("kustomize/custom.yaml")).hasContent("mine");
        assertThat(Files.getLastModifiedTime(out.resolve("kustomize/custom.yaml"))).isEqualTo(LONG_AGO);
        assertThat(out.resolve("kustomize/a.yaml")).doesNotExist();
    }

    @Test
    void write_whenStagingFails_thenLeavesThePreviousOutputExactlyAsItWas() throws IOException {
        // given: a regular file where the new tree needs a directory, after files that stage fine
        Path out = root.resolve("deploy");
        writer.write(new FileTree().put("a.yaml", marked("a: 1\n")).put("gone.yaml", marked("g\n")), out);
        Files.writeString(out.resolve("zz"), "a file, not a directory\n");
        Map<String, String> before = Trees.files(out);

        // when / then
        assertThatThrownBy(() -> writer.write(new FileTree()
                .put("a.yaml", marked("a: 2\n"))
                .put("new/b.yaml", marked("b\n"))
                .put("zz/c.yaml", marked("c\n")), out))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining(out.resolve("zz").toString())
                .hasMessageContaining("move it away or delete it");
        assertThat(Trees.files(out)).isEqualTo(before);
        assertThat(out.resolve("new")).doesNotExist();
    }

    @Test
    void write_whenAnotherRunHoldsTheLock_thenFailsClearly() throws IOException {
        // given
        Path out = root.resolve("deploy");
        Files.createDirectories(out);
        try (FileChannel other = FileChannel.open(out.resolve(OutputWriter.LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = other.lock()) {

            // when / then
            assertThatThrownBy(() -> writer.write(new FileTree().put("a.yaml", marked("a\n")), out))
                    .isInstanceOf(KforgeException.class)
                    .hasMessage("another kforge run is writing " + out + " (it holds " + out.resolve(OutputWriter.LOCK)
                            + "); wait for it to finish, then run again; nothing was changed");
        }
        assertThat(out.resolve("a.yaml")).doesNotExist();
    }

    @Test
    void write_whenTheLockIsReleased_thenWritesAgain() {
        // given
        Path out = root.resolve("deploy");
        writer.write(new FileTree().put("a.yaml", marked("a\n")), out);

        // when
        WriteResult result = writer.write(new FileTree().put("a.yaml", marked("b\n")), out);

        // then
        assertThat(result.written()).containsExactly("a.yaml");
    }

    @Test
    void write_whenTheOutputDirectoryIsAFile_thenFailsNamingIt() throws IOException {
        // given
        Path out = Files.writeString(root.resolve("deploy"), "x");

        // when / then
        assertThatThrownBy(() -> writer.write(new FileTree().put("a.yaml", marked("a\n")), out))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining(out.toString())
                .hasMessageContaining("is a file");
    }

    private static String sha256(String content) {
        return Manifest.sha256(content.getBytes(StandardCharsets.UTF_8));
    }
}
