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
                .put("kustomize/base/kustomization.yaml", "resources: []\n")
                .put("kustomize/overlays/dev/kustomization.yaml", "resources: [../../base]\n")
                .put("README.md", "generated\r\nbytes as given\n");

        // when
        WriteResult result = writer.write(tree, out);

        // then
        assertThat(result.written()).containsExactly("README.md", "kustomize/base/kustomization.yaml",
                "kustomize/overlays/dev/kustomization.yaml");
        assertThat(result.unchanged()).isEmpty();
        assertThat(result.removed()).isEmpty();
        assertThat(Files.readString(out.resolve("kustomize/base/kustomization.yaml"))).isEqualTo("resources: []\n");
        assertThat(Files.readAllBytes(out.resolve("README.md")))
                .isEqualTo("generated\r\nbytes as given\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(out.resolve(OutputWriter.MANIFEST))).startsWith("# kforge's record")
                .endsWith("\nREADME.md\nkustomize/base/kustomization.yaml\nkustomize/overlays/dev/kustomization.yaml\n")
                .doesNotContain("\r");
        assertThat(Trees.files(out)).containsOnlyKeys(OutputWriter.MANIFEST, OutputWriter.LOCK, "README.md",
                "kustomize/base/kustomization.yaml", "kustomize/overlays/dev/kustomization.yaml");
    }

    @Test
    void write_whenFileIsUnchanged_thenKeepsItsModificationTime() throws IOException {
        // given
        Path out = root.resolve("deploy");
        FileTree tree = new FileTree().put("a.yaml", "a: 1\n");
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
        writer.write(new FileTree().put("a.yaml", "a: 1\n").put("b.yaml", "b: 1\n"), out);
        Files.setLastModifiedTime(out.resolve("b.yaml"), LONG_AGO);

        // when
        WriteResult result = writer.write(new FileTree().put("a.yaml", "a: 2\n").put("b.yaml", "b: 1\n"), out);

        // then
        assertThat(result.written()).containsExactly("a.yaml");
        assertThat(result.unchanged()).containsExactly("b.yaml");
        assertThat(Files.readString(out.resolve("a.yaml"))).isEqualTo("a: 2\n");
        assertThat(Files.getLastModifiedTime(out.resolve("b.yaml"))).isEqualTo(LONG_AGO);
        assertThat(Trees.files(out).keySet()).noneMatch(p -> p.contains(".kforge-tmp-"));
    }

    @Test
    void write_whenFileIsNoLongerGenerated_thenDeletesItAndPrunesEmptyDirectories() throws IOException {
        // given
        Path out = root.resolve("deploy");
        writer.write(new FileTree()
                .put("kustomize/base/kustomization.yaml", "k\n")
                .put("kustomize/overlays/old/sub/patch.yaml", "p\n")
                .put("kustomize/overlays/kept/patch.yaml", "p\n"), out);
        Files.writeString(out.resolve("kustomize/overlays/kept/notes.txt"), "mine\n");

        // when
        WriteResult result = writer.write(new FileTree().put("kustomize/base/kustomization.yaml", "k\n"), out);

        // then
        assertThat(result.removed()).containsExactly("kustomize/overlays/kept/patch.yaml",
                "kustomize/overlays/old/sub/patch.yaml");
        assertThat(out.resolve("kustomize/overlays/old")).doesNotExist();
        assertThat(out.resolve("kustomize/overlays/kept/notes.txt")).hasContent("mine");
        assertThat(out.resolve("kustomize/overlays/kept/patch.yaml")).doesNotExist();
        assertThat(Files.readString(out.resolve(OutputWriter.MANIFEST)))
                .endsWith("\nkustomize/base/kustomization.yaml\n");
    }

    @Test
    void write_whenEveryFileIsRemoved_thenKeepsTheOutputDirectory() {
        // given
        Path out = root.resolve("deploy");
        writer.write(new FileTree().put("a/b.yaml", "b\n"), out);

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
        writer.write(new FileTree().put("a.yaml", "a: 1\n").put("old.yaml", "o\n"), out);
        Files.writeString(out.resolve("hand-written.yaml"), "mine\n");
        Map<String, String> before = Trees.files(out);

        // when / then
        assertThatThrownBy(() -> writer.write(new FileTree()
                .put("a.yaml", "a: 2\n")
                .put("b.yaml", "b\n")
                .put("hand-written.yaml", "generated\n"), out))
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
        writer.write(new FileTree().put("kustomize/a.yaml", "a\n"), out);

        // when
        writer.write(new FileTree().put("other.yaml", "o\n"), out);

        // then
        assertThat(out.resolve("kustomize/custom.yaml")).hasContent("mine");
        assertThat(Files.getLastModifiedTime(out.resolve("kustomize/custom.yaml"))).isEqualTo(LONG_AGO);
        assertThat(out.resolve("kustomize/a.yaml")).doesNotExist();
    }

    @Test
    void write_whenStagingFails_thenLeavesThePreviousOutputExactlyAsItWas() throws IOException {
        // given: a regular file where the new tree needs a directory, after files that stage fine
        Path out = root.resolve("deploy");
        writer.write(new FileTree().put("a.yaml", "a: 1\n").put("gone.yaml", "g\n"), out);
        Files.writeString(out.resolve("zz"), "a file, not a directory\n");
        Map<String, String> before = Trees.files(out);

        // when / then
        assertThatThrownBy(() -> writer.write(new FileTree()
                .put("a.yaml", "a: 2\n")
                .put("new/b.yaml", "b\n")
                .put("zz/c.yaml", "c\n"), out))
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
            assertThatThrownBy(() -> writer.write(new FileTree().put("a.yaml", "a\n"), out))
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
        writer.write(new FileTree().put("a.yaml", "a\n"), out);

        // when
        WriteResult result = writer.write(new FileTree().put("a.yaml", "b\n"), out);

        // then
        assertThat(result.written()).containsExactly("a.yaml");
    }

    @Test
    void write_whenTheOutputDirectoryIsAFile_thenFailsNamingIt() throws IOException {
        // given
        Path out = Files.writeString(root.resolve("deploy"), "x");

        // when / then
        assertThatThrownBy(() -> writer.write(new FileTree().put("a.yaml", "a\n"), out))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining(out.toString())
                .hasMessageContaining("is a file");
    }

    @Test
    void write_whenTheManifestListsAPathOutsideTheDirectory_thenFailsWithoutDeletingIt() throws IOException {
        // given
        Path out = Files.createDirectories(root.resolve("deploy"));
        Path outside = Files.writeString(root.resolve("precious.txt"), "keep\n");
        Files.writeString(out.resolve(OutputWriter.MANIFEST), "# kforge\n../precious.txt\n");

        // when / then
        assertThatThrownBy(() -> writer.write(new FileTree(), out))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining("is damaged");
        assertThat(outside).hasContent("keep");
    }
}
