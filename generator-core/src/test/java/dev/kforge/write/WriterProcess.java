package dev.kforge.write;

import dev.kforge.emit.FileTree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.kforge.testing.Generated.marked;

/**
 * Another process writing an output directory, to be killed: writes the {@code old} or {@code new} tree of
 * {@link #tree} to the directory given; with a step ({@code link}, {@code createFile}, {@code move} or
 * {@code delete}) and a count, it says {@code paused} just before the count-th operation of that kind and waits to
 * be killed. Says {@code done} when the write is through.
 */
public final class WriterProcess {

    private WriterProcess() {
    }

    /**
     * {@code files} generated files in 20 folders: the new tree drops the first tenth, adds as many, and changes
     * every other file it keeps.
     */
    static FileTree tree(String generation, int files) {
        FileTree tree = new FileTree().put("kustomize/kustomization.yaml", marked("resources: []\n"));
        int from = generation.equals("old") ? 0 : files / 10;
        for (int i = from; i < from + files; i++) {
            boolean changes = generation.equals("new") && (i % 2 == 0 || i >= files);
            tree.put("kustomize/tenants/t" + (i % 20) + "/file" + i + ".yaml",
                    marked("file: " + i + "\ngeneration: " + (changes ? "new" : "old") + "\n"));
        }
        return tree;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        FileTree tree = tree(args[1], Integer.parseInt(args[2]));
        String pauseAt = args.length > 3 ? args[3] : "";
        int count = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        AtomicInteger seen = new AtomicInteger();
        FileOperations ops = new ForwardingOperations() {
            private void step(String kind) {
                if (kind.equals(pauseAt) && seen.incrementAndGet() == count) {
                    System.out.println("paused");
                    System.out.flush();
                    while (true) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            // waits to be killed
                        }
                    }
                }
            }

            @Override
            public void createFile(Path file, byte[] content) throws IOException {
                step("createFile");
                super.createFile(file, content);
            }

            @Override
            public void move(Path from, Path to) throws IOException {
                step("move");
                super.move(from, to);
            }

            @Override
            public void delete(Path path) throws IOException {
                step("delete");
                super.delete(path);
            }

            @Override
            public void link(Path link, Path existing) throws IOException {
                step("link");
                super.link(link, existing);
            }
        };
        new OutputWriter(ops).write(tree, dir);
        System.out.println("done");
        System.out.flush();
    }
}
