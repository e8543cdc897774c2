package dev.kforge.write;

import dev.kforge.KforgeException;
import dev.kforge.emit.FileTree;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static dev.kforge.testing.Generated.marked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The record of generated files, {@code .kforge-generated}, is committed, so anyone who can commit can edit it: it
 * is evidence, never an instruction. These are the attacks on it and on the output directory, each refused with a
 * located message and nothing written.
 */
class OutputWriterRecordTest {

    @TempDir
    Path root;

    private final OutputWriter writer = new OutputWriter();

    private static FileTree tree() {
        return new FileTree().put("kustomize/base/web.yaml", marked("replicas: 1\n"))
                .put("kustomize/base/kustomization.yaml", marked("resources: [web.yaml]\n"));
    }

    /** The output of {@link #tree()}, with a note of the user's, another app's manifests and a Git folder. */
    private Path output() throws IOException {
        Path out = root.resolve("deploy");
        writer.write(tree(), out);
        Files.writeString(out.resolve("NOTES.md"), "the user's own notes\n");
        Files.createDirectories(out.resolve("other-app"));
        Files.writeString(out.resolve("other-app/deployment.yaml"), "kind: Deployment\n");
        Files.createDirectories(out.resolve(".git/refs"));
        Files.writeString(out.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        return out;
    }

    private static String record(Path out) throws IOException {
        return Files.readString(out.resolve(OutputWriter.MANIFEST));
    }

    /** Writes a record listing {@code extra} lines among kforge's, with a last line that matches, as a forger would. */
    private static void forge(Path out, String... extra) throws IOException {
        String text = record(out);
        String body = text.substring(0, text.lastIndexOf("# sha256 of the lines above: "));
        body += String.join("", java.util.Arrays.stream(extra).map(l -> l + "\n").toList());
        Files.writeString(out.resolve(OutputWriter.MANIFEST), body + "# sha256 of the lines above: "
                + Manifest.sha256(body.getBytes(StandardCharsets.UTF_8)) + "\n");
    }

    private static String sha256(Path file) throws IOException {
        return Manifest.sha256(Files.readAllBytes(file));
    }

    @Test
    void write_whenTheRecordWasEditedByHand_thenRefusesAtItsLastLineAndDeletesNothing() throws IOException {
        // given a record with a line added for the user's notes, its hash right, the last line not updated
        Path out = output();
        String text = record(out);
        Files.writeString(out.resolve(OutputWriter.MANIFEST), text.replace("# sha256 of the lines above",
                sha256(out.resolve("NOTES.md")) + "  NOTES.md\n# sha256 of the lines above"));
        Map<String, String> before = Trees.files(out, StandardCharsets.ISO_8859_1, true);

        // when / then the model no longer generates web.yaml: nothing is removed, nothing written
        assertThatThrownBy(() -> writer.write(new FileTree().put("kustomize/base/kustomization.yaml",
                marked("resources: []\n")), out))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining(out + "/.kforge-generated:5: was edited after kforge wrote it")
                .hasMessageContaining("git checkout -- " + out + "/.kforge-generated")
                .hasMessageContaining("nothing was written");
        assertThat(Trees.files(out, StandardCharsets.ISO_8859_1, true)).isEqualTo(before);
    }

    /** How the sweep damaged a record: binary junk, a record cut short, an empty file. */
    static Stream<Arguments> damagedRecords() {
        return Stream.of(
                Arguments.of("binary junk",
                        new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'}, "is not UTF-8 text"),
                Arguments.of("cut short", null, "the record was cut short or edited"),
                Arguments.of("empty", new byte[0],
                        "is not kforge's record of the files it generated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedRecords")
    void write_whenTheRecordIsDamaged_thenAProblemAtTheRecordNotAStackTraceAndNothingWritten(String how,
            byte[] damaged, String expected) throws IOException {
        // given
        Path out = output();
        byte[] whole = Files.readAllBytes(out.resolve(OutputWriter.MANIFEST));
        Files.write(out.resolve(OutputWriter.MANIFEST), damaged != null ? damaged
                : Arrays.copyOf(whole, whole.length / 2));
        Map<String, String> before = Trees.files(out, StandardCharsets.ISO_8859_1, true);

        // when / then
        assertThatThrownBy(() -> writer.write(new FileTree().put("kustomize/base/kustomization.yaml",
                marked("resources: []\n")), out))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining(out + "/.kforge-generated")
                .hasMessageContaining(expected)
                .hasMessageContaining("nothing was written")
                .hasMessageNotContaining("\tat ")
                .hasMessageNotContaining("Exception");
        assertThat(Trees.files(out, StandardCharsets.ISO_8859_1, true)).isEqualTo(before);
    }

    @Test
    void write_whenAForgedRecordClaimsTheUsersFiles_thenDeletesNoneOfThemAndNamesEach() throws IOException {
        // given a forged record (its last line recomputed) claiming the notes and another app's manifest, with the
        // right hashes: only the mark kforge puts in the first line of its files tells them apart
        Path out = output();
        forge(out, sha256(out.resolve("NOTES.md")) + "  NOTES.md",
                sha256(out.resolve("other-app/deployment.yaml")) + "  other-app/deployment.yaml");
        Map<String, String> before = Trees.files(out, StandardCharsets.ISO_8859_1, true);

        // when / then
        assertThatThrownBy(() -> writer.write(tree(), out))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining(out + "/.kforge-generated:4: NOTES.md: kforge no longer generates this file")
                .hasMessageContaining(out + "/.kforge-generated:5: other-app/deployment.yaml:")
                .hasMessageContaining("does not say in its first line that kforge generated it")
                .hasMessageContaining("nothing was written");
        assertThat(Trees.files(out, StandardCharsets.ISO_8859_1, true)).isEqualTo(before);
    }

    @Test
    void write_whenTheRecordNamesPathsOutsideTheDirectoryOrInGit_thenRefusesEachAtItsLine() throws IOException {
        // given a forged record naming a file beside the output directory and Git's HEAD, hashes right
        Path out = output();
        Path precious = Files.writeString(root.resolve("precious.txt"), marked("keep\n"));
        forge(out, sha256(precious) + "  ../precious.txt", sha256(out.resolve(".git/HEAD")) + "  .git/HEAD",
                sha256(precious) + "  /etc/passwd");
        Map<String, String> before = Trees.files(out, StandardCharsets.ISO_8859_1, true);

        // when / then
        assertThatThrownBy(() -> writer.write(new FileTree().put("a.yaml", marked("a\n")), out))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining("does not verify, so kforge takes nothing from it: nothing was written")
                .hasMessageContaining(out + "/.kforge-generated:4: '../precious.txt' is not a path inside the "
                        + "output directory")
                .hasMessageContaining(out + "/.kforge-generated:5: '.git/HEAD' is under a version-control folder")
                .hasMessageContaining(out + "/.kforge-generated:6: '/etc/passwd' is not a relative path");
        assertThat(precious).hasContent(marked("keep\n").strip());
        assertThat(Trees.files(out, StandardCharsets.ISO_8859_1, true)).isEqualTo(before);
    }

    @Test
    void write_whenAGeneratedFileWasEditedByHand_thenRefusesToOverwriteItUnlessItIsAlreadyRight() throws IOException {
        // given kforge's web.yaml, edited by hand
        Path out = output();
        Files.writeString(out.resolve("kustomize/base/web.yaml"), marked("replicas: 5 # scaled by hand\n"));
        Map<String, String> before = Trees.files(out, StandardCharsets.ISO_8859_1, true);
        FileTree next = new FileTree().put("kustomize/base/web.yaml", marked("replicas: 2\n"))
                .put("kustomize/base/kustomization.yaml", marked("resources: [web.yaml]\n"));

        // when / then
        assertThatThrownBy(() -> writer.write(next, out))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining(out + "/.kforge-generated:3: kustomize/base/web.yaml: kforge generates this "
                        + "file, but it was changed after kforge wrote it")
                .hasMessageContaining("will not overwrite it")
                .hasMessageContaining("Put a change into the model, restore the file");
        assertThat(Trees.files(out, StandardCharsets.ISO_8859_1, true)).isEqualTo(before);

        // and an edit that is what kforge generates now is simply taken: nothing to overwrite
        Files.writeString(out.resolve("kustomize/base/web.yaml"), marked("replicas: 2\n"));
        assertThat(writer.write(next, out).unchanged()).contains("kustomize/base/web.yaml");
        assertThat(record(out)).contains(Manifest.sha256(marked("replicas: 2\n").getBytes(StandardCharsets.UTF_8))
                + "  kustomize/base/web.yaml");
    }

    @Test
    void write_whenARecordedPathLeadsThroughASymbolicLink_thenNeverTouchesWhatItPointsAt() throws IOException {
        // given a folder of the output replaced by a link out of it, where a recorded file of kforge's lies
        Path out = output();
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere/base"));
        Files.writeString(elsewhere.resolve("web.yaml"), marked("replicas: 1\n"));
        Files.writeString(elsewhere.resolve("kustomization.yaml"), marked("resources: [web.yaml]\n"));
        Trees.delete(out.resolve("kustomize/base"));
        Files.createSymbolicLink(out.resolve("kustomize/base"), elsewhere);

        // when the model no longer generates them / when it generates them again
        writer.write(new FileTree().put("README.md", marked("readme\n")), out);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> writer.write(tree(), out));

        // then the files behind the link are kept, and writing through it is refused
        assertThat(elsewhere.resolve("web.yaml")).hasContent(marked("replicas: 1\n").strip());
        assertThat(elsewhere.resolve("kustomization.yaml")).exists();
        assertThat(thrown).isInstanceOf(KforgeException.class)
                .hasMessageContaining(out.resolve("kustomize/base") + " is a file or a symbolic link, but kforge "
                        + "needs a directory there");
        assertThat(Files.isSymbolicLink(out.resolve("kustomize/base"))).isTrue();
    }

    @Test
    void write_whenTheOutputHoldsGitAndFoldersOfTheUsers_thenTheyStayTheSameFiles() throws IOException {
        // given
        Path out = output();
        Files.createDirectories(out.resolve("empty/folder"));
        Object head = Files.readAttributes(out.resolve(".git/HEAD"), java.nio.file.attribute.BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).fileKey();

        // when every generated file changes and one goes
        WriteResult result = writer.write(new FileTree().put("kustomize/base/kustomization.yaml",
                marked("resources: []\n")), out);

        // then
        assertThat(result.removed()).containsExactly("kustomize/base/web.yaml");
        assertThat(Files.readAttributes(out.resolve(".git/HEAD"), java.nio.file.attribute.BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).fileKey()).as("Git's files are moved with their folder, never copied")
                .isEqualTo(head);
        assertThat(out.resolve(".git/refs")).isDirectory();
        assertThat(out.resolve("empty/folder")).isDirectory();
        assertThat(out.resolve("NOTES.md")).hasContent("the user's own notes");
        assertThat(out.resolve("other-app/deployment.yaml")).hasContent("kind: Deployment");
        assertThat(root.toFile().list()).containsExactly("deploy");
    }

    @Test
    void write_whenTheRecordIsFromBeforeHashes_thenTakesOnlyFilesMarkedAsKforgesAndRewritesIt() throws IOException {
        // given a record of kforge before hashes, listing its file and (edited in) the user's notes
        Path out = output();
        Files.writeString(out.resolve(OutputWriter.MANIFEST), Manifest.LEGACY_HEADER + "\nNOTES.md\n"
                + "kustomize/base/kustomization.yaml\nkustomize/base/web.yaml\n");

        // when / then the notes are refused
        assertThatThrownBy(() -> writer.write(new FileTree().put("kustomize/base/kustomization.yaml",
                marked("resources: []\n")), out))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining(out + "/.kforge-generated:2: NOTES.md: kforge no longer generates this file");
        assertThat(out.resolve("NOTES.md")).exists();

        // and without them, kforge's own files are replaced and removed, and the record gets hashes
        Files.writeString(out.resolve(OutputWriter.MANIFEST), Manifest.LEGACY_HEADER
                + "\nkustomize/base/kustomization.yaml\nkustomize/base/web.yaml\n");
        WriteResult result = writer.write(new FileTree().put("kustomize/base/kustomization.yaml",
                marked("resources: []\n")), out);
        assertThat(result.written()).containsExactly("kustomize/base/kustomization.yaml");
        assertThat(result.removed()).containsExactly("kustomize/base/web.yaml");
        assertThat(record(out)).startsWith(Manifest.HEADER).contains("# sha256 of the lines above: ");
        assertThat(writer.compare(new FileTree().put("kustomize/base/kustomization.yaml",
                marked("resources: []\n")), out)).isEmpty();
    }

    @Test
    void write_whenATreeNamesAGitFileOrLacksTheMark_thenRefusesTheTree() {
        assertThatThrownBy(() -> writer.write(new FileTree().put(".git/hooks/pre-commit", marked("x\n")),
                root.resolve("deploy")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version-control folder");
        assertThatThrownBy(() -> writer.write(new FileTree().put("a.yaml", "a: 1\n"), root.resolve("deploy")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Generated by kforge");
        assertThat(root.resolve("deploy")).doesNotExist();
    }
}
