package dev.kforge.write;

import dev.kforge.Kforge;
import dev.kforge.KforgeException;
import dev.kforge.emit.FileTree;
import dev.kforge.testing.SamplePlatforms;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.kforge.testing.Generated.marked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Failure injection: the writer's every change to the disk goes through {@link FileOperations}; these make the
 * n-th of them fail, for every n, and check what is left.
 */
class OutputWriterFailureTest {

    @TempDir
    Path root;

    /**
     * Disk operations that fail from the {@code failAt}-th call on (1-based) for {@code failures} calls: with an
     * IOException, or {@code unchecked} with an UncheckedIOException, as a file system provider may throw.
     */
    static class Failing implements FileOperations {
        private final int failAt;
        private final int failures;
        private final boolean unchecked;
        private int calls;
        final List<String> log = new ArrayList<>();

        Failing(int failAt, int failures) {
            this(failAt, failures, false);
        }

        Failing(int failAt, int failures, boolean unchecked) {
            this.failAt = failAt;
            this.failures = failures;
            this.unchecked = unchecked;
        }

        private IOException failure(String message) {
            if (unchecked) {
                throw new UncheckedIOException(new IOException(message));
            }
            return new IOException(message);
        }

        /** Counts a call; true if this one is to fail. */
        private boolean fails(String what) {
            calls++;
            boolean fail = calls >= failAt && (long) calls < (long) failAt + failures;
            log.add((fail ? "FAIL " : "") + what);
            return fail;
        }

        int calls() {
            return calls;
        }

        @Override
        public void createDirectory(Path dir) throws IOException {
            if (fails("createDirectory " + dir.getFileName())) {
                throw failure("injected failure creating " + dir.getFileName());
            }
            DISK.createDirectory(dir);
        }

        @Override
        public void createFile(Path file, byte[] content) throws IOException {
            if (fails("createFile " + file.getFileName())) {
                // like a full disk: half the bytes reach the file
                DISK.createFile(file, Arrays.copyOf(content, content.length / 2));
                throw failure("injected failure writing " + file.getFileName());
            }
            DISK.createFile(file, content);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            if (fails("move " + from.getFileName() + " " + to.getFileName())) {
                throw failure("injected failure moving " + from.getFileName());
            }
            DISK.move(from, to);
        }

        @Override
        public void delete(Path path) throws IOException {
            if (fails("delete " + path.getFileName())) {
                throw failure("injected failure deleting " + path.getFileName());
            }
            DISK.delete(path);
        }

        @Override
        public void link(Path link, Path existing) throws IOException {
            if (fails("link " + link.getFileName())) {
                throw failure("injected failure linking " + link.getFileName());
            }
            DISK.link(link, existing);
        }

        @Override
        public void copy(Path from, Path to) throws IOException {
            if (fails("copy " + to.getFileName())) {
                throw failure("injected failure copying " + to.getFileName());
            }
            DISK.copy(from, to);
        }

        @Override
        public void symbolicLink(Path link, Path target) throws IOException {
            if (fails("symbolicLink " + link.getFileName())) {
                throw failure("injected failure linking " + link.getFileName());
            }
            DISK.symbolicLink(link, target);
        }
    }

    /** The previous output: a changed, an unchanged and a removed file (in a folder of its own). */
    private static FileTree before() {
        return new FileTree()
                .put("kustomize/base/web/deployment.yaml", marked("replicas: 1\n"))
                .put("kustomize/base/web/service.yaml", marked("port: 80\n"))
                .put("kustomize/overlays/qa/kustomization.yaml", marked("resources: [../../base]\n"));
    }

    /** The new output: the deployment changes, a file in a new folder and one beside it come, qa goes. */
    private static FileTree after() {
        return new FileTree()
                .put("kustomize/base/web/deployment.yaml", marked("replicas: 3\n"))
                .put("kustomize/base/web/service.yaml", marked("port: 80\n"))
                .put("kustomize/base/worker/deployment.yaml", marked("replicas: 2\n"))
                .put("kustomize/base/kustomization.yaml", marked("resources: [web, worker]\n"));
    }

    /** {@code before()} written, with a file of the user's beside it. */
    private Path previousOutput(String name) throws IOException {
        Path out = root.resolve(name);
        new OutputWriter().write(before(), out);
        Files.writeString(out.resolve("kustomize/NOTES.md"), "the user's own file\n");
        return out;
    }

    @ParameterizedTest(name = "unchecked: {0}")
    @ValueSource(booleans = {false, true})
    void write_whenAnyOneStepFails_thenThePreviousOutputIsIntactWithNoLeftovers(boolean unchecked)
            throws IOException {
        List<String> failedSteps = new ArrayList<>();
        int step = 1;
        while (true) {
            // given (an unchecked failure too: a file system provider may throw one)
            Path out = previousOutput("run-" + unchecked + "-" + step);
            Map<String, String> previous = Trees.files(out, StandardCharsets.ISO_8859_1, true);
            Failing operations = new Failing(step, 1, unchecked);

            // when
            Throwable thrown = catchThrowable(() -> new OutputWriter(operations).write(after(), out));

            // then
            if (operations.calls() < step) {
                // no step was left to fail: the run went through, every step of it has failed once above
                assertThat(thrown).isNull();
                assertThat(generated(out)).isEqualTo(text(after()));
                break;
            }
            String failed = operations.log.stream().filter(l -> l.startsWith("FAIL")).findFirst().orElseThrow();
            failedSteps.add(failed);
            if (thrown != null) {
                assertThat(thrown).as(failed).isInstanceOf(KforgeException.class)
                        .hasMessageContaining("injected failure").hasMessageContaining("nothing was changed");
                assertThat(Trees.files(out, StandardCharsets.ISO_8859_1, true)).as("after %s", failed)
                        .isEqualTo(previous);
                assertThat(besides(out)).as("after %s", failed).isEmpty();
            } else {
                // a step after the swap, retiring the previous output: the new output is complete, and the next
                // run removes what is left
                assertThat(failed).as(failed).startsWith("FAIL delete");
                assertThat(generated(out)).as(failed).isEqualTo(text(after()));
                assertThat(out.resolve("kustomize/NOTES.md")).as(failed).hasContent("the user's own file");
                new OutputWriter().write(after(), out);
                assertThat(besides(out)).as(failed).isEmpty();
            }
            step++;
        }
        // every kind of step was made to fail: building the new tree, the swap, retiring the previous tree
        assertThat(failedSteps).anyMatch(s -> s.startsWith("FAIL createDirectory .run-"))
                .anyMatch(s -> s.startsWith("FAIL createDirectory worker"))
                .anyMatch(s -> s.startsWith("FAIL link NOTES.md"))
                .anyMatch(s -> s.startsWith("FAIL link service.yaml"))
                .anyMatch(s -> s.startsWith("FAIL createFile deployment.yaml"))
                .anyMatch(s -> s.startsWith("FAIL createFile .kforge-generated"))
                .anyMatch(s -> s.matches("FAIL move run-\\S+ \\.run-\\S+\\.kforge-prev"))
                .anyMatch(s -> s.matches("FAIL move \\.run-\\S+\\.kforge-next run-\\S+"))
                .anyMatch(s -> s.startsWith("FAIL delete deployment.yaml"))
                .anyMatch(s -> s.startsWith("FAIL delete .kforge-generated"));
        assertThat(failedSteps).hasSizeGreaterThan(15);
    }

    @Test
    void write_whenTheSwapAndPuttingTheOldOutputBackFail_thenSaysWhereBothAreAndTheNextRunCompletesIt()
            throws IOException {
        // given: every step fails from the rename of the new output into place on, undoing included
        Path out = previousOutput("stuck");
        Failing probe = new Failing(Integer.MAX_VALUE, 0);
        new OutputWriter(probe).write(after(), previousOutput("probe"));
        int intoPlace = 1 + probe.log.indexOf(probe.log.stream()
                .filter(l -> l.matches("move \\.probe\\.kforge-next probe")).findFirst().orElseThrow());

        // when
        Throwable thrown = catchThrowable(() -> new OutputWriter(new Failing(intoPlace, Integer.MAX_VALUE))
                .write(after(), out));

        // then the message says where each output is; the directory is missing, its two versions are beside it
        assertThat(thrown).isInstanceOf(KforgeException.class)
                .hasMessageContaining("putting the previous output back failed too")
                .hasMessageContaining("the previous output is in " + root.resolve(".stuck.kforge-prev"))
                .hasMessageContaining("the complete new one in " + root.resolve(".stuck.kforge-next"));
        assertThat(out).doesNotExist();
        assertThat(new OutputWriter().compare(after(), out)).extracting(FileDrift::path)
                .contains(".stuck.kforge-next", ".stuck.kforge-prev");

        // and the next run puts the new output in place before anything else, the user's file with it
        WriteResult next = new OutputWriter().write(after(), out);
        assertThat(next.written()).isEmpty();
        assertThat(generated(out)).isEqualTo(text(after()));
        assertThat(out.resolve("kustomize/NOTES.md")).hasContent("the user's own file");
        assertThat(besides(out)).isEmpty();
    }

    @Test
    void write_whenTheFileSystemHasNoHardLinks_thenCopiesKeepingTimesAndWritesTheNewOutput() throws IOException {
        // given a file system that refuses hard links, as FAT or some network file systems do
        Path out = previousOutput("nolinks");
        java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.fromMillis(1_577_836_800_000L);
        Files.setLastModifiedTime(out.resolve("kustomize/NOTES.md"), longAgo);
        Files.setLastModifiedTime(out.resolve("kustomize/base/web/service.yaml"), longAgo);
        FileOperations noLinks = new Failing(Integer.MAX_VALUE, 0) {
            @Override
            public void link(Path link, Path existing) throws IOException {
                throw new java.nio.file.FileSystemException(existing.toString(), link.toString(),
                        "Operation not permitted");
            }
        };

        // when
        WriteResult result = new OutputWriter(noLinks).write(after(), out);

        // then
        assertThat(result.unchanged()).containsExactly("kustomize/base/web/service.yaml");
        assertThat(generated(out)).isEqualTo(text(after()));
        assertThat(out.resolve("kustomize/NOTES.md")).hasContent("the user's own file");
        assertThat(Files.getLastModifiedTime(out.resolve("kustomize/NOTES.md"))).isEqualTo(longAgo);
        assertThat(Files.getLastModifiedTime(out.resolve("kustomize/base/web/service.yaml"))).isEqualTo(longAgo);
        assertThat(besides(out)).isEmpty();
    }

    /** What is beside {@code out} that a run of kforge left: its new, previous or kept trees. */
    private List<String> besides(Path out) throws IOException {
        try (var listing = Files.list(out.getParent())) {
            return listing.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("." + out.getFileName() + ".kforge-")).toList();
        }
    }

    /** The sample shop platform's Kustomize base and report: some 30 files in nested folders. */
    private static FileTree shop() {
        FileTree shop = new FileTree();
        Kforge.render(SamplePlatforms.shop(), Map.of()).files().forEach((path, content) -> {
            if (path.startsWith("kustomize/base/") || path.equals("README.md")) {
                shop.put(path, content);
            }
        });
        return shop;
    }

    /**
     * The shop's output a release later: one service gone (its folder and patches), every third file changed, the
     * inference platform's base added beside it (new folders).
     */
    private static FileTree shopLater() {
        FileTree later = new FileTree();
        int[] n = {0};
        shop().files().forEach((path, content) -> {
            if (!path.contains("mailer")) {
                later.put(path, n[0]++ % 3 == 0 ? new String(content, StandardCharsets.UTF_8) + "# later\n"
                        : new String(content, StandardCharsets.UTF_8));
            }
        });
        Kforge.render(SamplePlatforms.inference(), Map.of()).files().forEach((path, content) -> {
            if (path.startsWith("kustomize/base/") && !later.files().containsKey(path)) {
                later.put("kustomize/later/" + path.substring("kustomize/base/".length()), content);
            }
        });
        return later;
    }

    @Test
    void write_whenAnyStepOfUpdatingARealOutputFails_thenItIsByteIdenticalOrTheNewOutputIsComplete()
            throws IOException {
        // given a platform's generated files, and what replaces them: files changed, removed, added in new folders
        FileTree before = shop();
        FileTree after = shopLater();
        Path template = root.resolve("template");
        new OutputWriter().write(before, template);
        Files.writeString(template.resolve("kustomize/NOTES.md"), "the user's own file\n");
        Path out = root.resolve("real");
        Trees.copy(template, out);
        Map<String, String> previous = Trees.files(out, StandardCharsets.ISO_8859_1, true);
        int steps = 0;
        for (int step = 1; ; step++) {
            Failing operations = new Failing(step, 1);

            // when the step-th change to the disk fails
            Throwable thrown = catchThrowable(() -> new OutputWriter(operations).write(after, out));

            // then the run failed, saying so, and every byte is as it was (so the next step starts from it); or
            // it failed only cleaning up after itself, and the new output is complete
            if (operations.calls() < step) {
                assertThat(thrown).isNull();
                break;
            }
            steps++;
            String failed = operations.log.stream().filter(l -> l.startsWith("FAIL")).findFirst().orElseThrow();
            if (thrown != null) {
                assertThat(thrown).as(failed).isInstanceOf(KforgeException.class)
                        .hasMessageContaining("injected failure").hasMessageContaining("nothing was changed")
                        .hasMessageNotContaining("\tat ");
                assertThat(Trees.files(out, StandardCharsets.ISO_8859_1, true)).as("after %s", failed).isEqualTo(previous);
                assertThat(besides(out)).as("after %s", failed).isEmpty();
            } else {
                assertThat(failed).as(failed).startsWith("FAIL delete");
                assertThat(generated(out)).as(failed).isEqualTo(text(after));
                Trees.delete(out);
                for (String left : besides(out)) {
                    Trees.delete(root.resolve(left));
                }
                Trees.copy(template, out);
            }
        }
        assertThat(steps).as("steps made to fail").isGreaterThan(60);
    }

    /** The generated files under {@code dir}: everything but kforge's own files and the user's. */
    private static Map<String, String> generated(Path dir) {
        Map<String, String> out = new TreeMap<>();
        Trees.files(dir, StandardCharsets.ISO_8859_1, true).forEach((path, content) -> {
            if (!content.equals("<directory>") && !path.startsWith(".kforge") && !path.endsWith("NOTES.md")
                    && !path.matches(".*\\.kforge-(tmp|old)-.*")) {
                out.put(path, content);
            }
        });
        return out;
    }

    /** The files of {@code tree}, relative path to content as {@link #files} reads it: byte for byte. */
    private static Map<String, String> text(FileTree tree) {
        Map<String, String> out = new TreeMap<>();
        tree.files().forEach((p, bytes) -> out.put(p, new String(bytes, StandardCharsets.ISO_8859_1)));
        return out;
    }
}
