package dev.kforge.write;

import dev.kforge.emit.FileTree;
import dev.kforge.testing.Jvm;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} in the middle of a write, for real: another JVM writes the directory and is killed at a step of
 * the commit. The directory must then hold the complete previous output or the complete new one (for the instant
 * between the swap's two renames: nothing), {@code verify} must report the interrupted run, and the next run must
 * finish the job before anything else.
 */
class OutputWriterKillTest {

    private static final int FILES = 300;

    @TempDir
    Path root;

    /** The old output, with the user's notes, an empty folder of the user's and a Git folder in it. */
    private Path output(String name) throws IOException {
        Path out = root.resolve(name);
        new OutputWriter().write(WriterProcess.tree("old", FILES), out);
        Files.writeString(out.resolve("NOTES.md"), "the user's own notes\n");
        Files.createDirectories(out.resolve("empty"));
        Files.createDirectories(out.resolve(".git/objects/ab"));
        Files.writeString(out.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(out.resolve(".git/objects/ab/cdef"), "a Git object\n");
        return out;
    }

    /** Every file and folder under {@code dir} but Git's, byte for byte; {@code null} if {@code dir} is missing. */
    private static Map<String, String> view(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Map<String, String> out = new TreeMap<>(Trees.files(dir, StandardCharsets.ISO_8859_1, true));
        out.keySet().removeIf(p -> p.equals(".git") || p.startsWith(".git/"));
        return out;
    }

    private Process writer(Path out, String... pause) throws IOException {
        String[] args = new String[3 + pause.length];
        args[0] = out.toString();
        args[1] = "new";
        args[2] = String.valueOf(FILES);
        System.arraycopy(pause, 0, args, 3, pause.length);
        return Jvm.start(Jvm.currentJava(), List.of("-XX:TieredStopAtLevel=1"), WriterProcess.class, args);
    }

    @ParameterizedTest(name = "killed before {0} number {1}: {2}")
    @CsvSource({
            "link, 80, old",              // carrying the unchanged files over into the new tree
            "createFile, 100, old",      // writing the new files beside
            "move, 1, old",               // before moving Git's folder across
            "move, 2, old-without-git",   // Git's folder in the new tree, the old output not yet aside
            "move, 3, missing",           // the old output aside, the new one not yet in place
            "delete, 60, new"})           // retiring the old output
    void write_whenKilledAtAStepOfTheCommit_thenTheOutputIsOldOrNewAndTheNextRunCompletesIt(String step, int count,
                                                                                          String expected)
            throws Exception {
        // given the old output, and what the old and new outputs look like when complete
        Path out = output("deploy");
        Path reference = output("reference");
        Map<String, String> old = view(reference);
        new OutputWriter().write(WriterProcess.tree("new", FILES), reference);
        Map<String, String> complete = view(reference);
        Trees.delete(reference);

        // when another process writing it is killed (SIGKILL) at that step
        Process process = writer(out, step, String.valueOf(count));
        try {
            String said = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(said).as("the writer reached the step").isEqualTo("paused");
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // then the directory is the complete old output or the complete new one, never a mix
        Map<String, String> seen = view(out);
        switch (expected) {
            case "old" -> {
                assertThat(seen).isEqualTo(old);
                assertThat(out.resolve(".git/objects/ab/cdef")).hasContent("a Git object");
            }
            case "old-without-git" -> {
                assertThat(seen).isEqualTo(old);
                assertThat(root.resolve(".deploy.kforge-next/.git/HEAD")).exists();
            }
            case "missing" -> assertThat(seen).as("between the two renames").isNull();
            default -> {
                assertThat(seen).isEqualTo(complete);
                assertThat(out.resolve(".git/objects/ab/cdef")).hasContent("a Git object");
            }
        }
        // verify says so
        assertThat(new OutputWriter().compare(WriterProcess.tree("new", FILES), out))
                .filteredOn(d -> d.kind() == FileDrift.Kind.INTERRUPTED).isNotEmpty();

        // and the next run completes it before anything else
        new OutputWriter().write(WriterProcess.tree("new", FILES), out);
        assertThat(view(out)).isEqualTo(complete);
        assertThat(out.resolve(".git/objects/ab/cdef")).hasContent("a Git object");
        assertThat(out.resolve(".git/HEAD")).hasContent("ref: refs/heads/main");
        assertThat(root.toFile().list()).containsExactly("deploy");
        assertThat(new OutputWriter().compare(WriterProcess.tree("new", FILES), out)).isEmpty();
    }

    @Test
    void write_whenAnotherProcessReadsMeanwhile_thenEveryConsistentViewIsTheWholeOldOrTheWholeNewOutput()
            throws Exception {
        // given
        Path out = output("deploy");
        Map<String, String> old = view(out);
        FileTree next = WriterProcess.tree("new", FILES);

        // when a reader takes views of the directory while another process writes it; a view counts when the
        // directory was the same folder (file key) before and after it: what a reader holding the folder open sees
        Process process = writer(out);
        int consistent = 0;
        int straddling = 0;
        List<Map<String, String>> mixed = new java.util.ArrayList<>();
        Map<String, String> last = null;
        do {
            Object before = key(out);
            Map<String, String> view;
            try {
                view = view(out);
            } catch (UncheckedIOException e) {
                view = null; // a file renamed away while being read: the view straddled the swap
            }
            Object after = key(out);
            if (before == null || view == null || !before.equals(after)) {
                straddling++;
                continue;
            }
            consistent++;
            last = view;
            if (!view.equals(old) && !isNew(view, next)) {
                mixed.add(view);
            }
        } while (process.isAlive());
        assertThat(process.waitFor()).isZero();

        // then
        assertThat(mixed).as("views that are neither the old nor the new output").isEmpty();
        assertThat(consistent).isPositive();
        assertThat(last).isNotNull();
        assertThat(isNew(view(out), next)).isTrue();
        System.out.printf("reader: %d consistent views, %d straddling the swap%n", consistent, straddling);
    }

    /** Whether a view holds exactly the files of {@code tree}, kforge's record of them and the user's files. */
    private static boolean isNew(Map<String, String> view, FileTree tree) {
        Map<String, String> generated = new TreeMap<>(view);
        generated.keySet().removeIf(p -> generated.get(p).equals("<directory>") || p.equals("NOTES.md")
                || p.equals(OutputWriter.LOCK) || p.equals(OutputWriter.MANIFEST));
        Map<String, String> expected = new TreeMap<>();
        tree.files().forEach((p, c) -> expected.put(p, new String(c, StandardCharsets.ISO_8859_1)));
        return generated.equals(expected) && new String(Manifest.text(tree.files()), StandardCharsets.ISO_8859_1)
                .equals(view.get(OutputWriter.MANIFEST)) && view.containsKey("empty");
    }

    private static Object key(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
