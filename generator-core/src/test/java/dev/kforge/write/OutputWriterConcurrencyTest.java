package dev.kforge.write;

import dev.kforge.testing.Trees;
import dev.kforge.KforgeException;
import dev.kforge.emit.FileTree;
import dev.kforge.testing.Jvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.kforge.testing.Generated.marked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Two runs writing one output directory at once: one of them waits for nothing and fails, saying why. */
class OutputWriterConcurrencyTest {

    @TempDir
    Path root;

    private static FileTree tree(String replicas) {
        return new FileTree()
                .put("kustomize/base/web/deployment.yaml", marked("replicas: " + replicas + "\n"))
                .put("kustomize/base/kustomization.yaml", marked("resources: [web]\n"));
    }

    @Test
    void write_whenAnotherThreadIsWriting_thenFailsWithTheLockMessageAndTheFirstRunCompletes() throws Exception {
        // given a run that stops in the middle of staging its files until released
        Path out = root.resolve("deploy");
        new OutputWriter().write(tree("1"), out);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FileOperations slow = new ForwardingOperations() {
            @Override
            public void createFile(Path file, byte[] content) throws IOException {
                inside.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                DISK.createFile(file, content);
            }
        };
        ExecutorService thread = Executors.newSingleThreadExecutor();
        CompletableFuture<WriteResult> first = CompletableFuture.supplyAsync(
                () -> new OutputWriter(slow).write(tree("2"), out), thread);
        assertThat(inside.await(30, TimeUnit.SECONDS)).as("the first run is writing").isTrue();

        // when a second run starts meanwhile
        Throwable second = catchThrowable(() -> new OutputWriter().write(tree("3"), out));
        release.countDown();
        thread.shutdown();

        // then the second fails at once, saying why and what to do, and the first completes undisturbed
        assertThat(second).isInstanceOf(KforgeException.class)
                .hasMessageStartingWith("another kforge run is writing " + out)
                .hasMessageContaining("wait for it to finish, then run again; nothing was changed");
        assertThat(first.get(30, TimeUnit.SECONDS).written()).containsExactly("kustomize/base/web/deployment.yaml");
        assertThat(Trees.files(out)).containsEntry("kustomize/base/web/deployment.yaml", marked("replicas: 2\n"))
                .containsEntry("kustomize/base/kustomization.yaml", marked("resources: [web]\n"))
                .containsKeys(OutputWriter.MANIFEST, OutputWriter.LOCK).hasSize(4);
    }

    @Test
    void write_whenAnotherProcessHoldsTheLock_thenFailsClearlyAndWritesOnceItIsReleased() throws Exception {
        // given another JVM in the middle of writing the directory
        Path out = root.resolve("deploy");
        new OutputWriter().write(tree("1"), out);
        Map<String, String> before = Trees.files(out);
        Process other = Jvm.start(Jvm.currentJava(), List.of(), LockHolder.class, out.toString());
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(said.readLine()).as("the other process holds the lock").isEqualTo("locked");

            // when
            Throwable thrown = catchThrowable(() -> new OutputWriter().write(tree("2"), out));

            // then
            assertThat(thrown).isInstanceOf(KforgeException.class)
                    .hasMessage("another kforge run is writing " + out + " (it holds " + out.resolve(OutputWriter.LOCK)
                            + "); wait for it to finish, then run again; nothing was changed");
            assertThat(Trees.files(out)).isEqualTo(before);
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).as("the other process ends").isTrue();
        }

        // and once the other process is done, the run goes through
        assertThat(new OutputWriter().write(tree("2"), out).written())
                .containsExactly("kustomize/base/web/deployment.yaml");
    }
}
