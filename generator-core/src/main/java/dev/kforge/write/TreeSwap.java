package dev.kforge.write;

import dev.kforge.KforgeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Replaces an output directory by a new one in a single step, so that its path names the complete old output or
 * the complete new one and never a mix: the new tree is built beside it, {@code .<name>.kforge-next}, from the
 * new files and hard links to everything that stays (kforge's unchanged files and every file it did not write,
 * which keep their content, identity and modification time); then the directory is renamed to
 * {@code .<name>.kforge-prev} and the new tree to its name. What is left in the previous tree afterwards is
 * retired: links and kforge's own old files go, anything that appeared there during the run is moved into the
 * new tree (or, where the new tree has a generated file at that path, kept in {@code .<name>.kforge-kept-<n>} and
 * reported).
 *
 * <p>Version-control folders ({@code .git}, ...) are never copied or linked into: they are moved across whole,
 * just before the swap. Between the two renames the path names nothing for an instant; a run killed there, or
 * anywhere else, is completed or undone by the next run before it does anything else
 * ({@link #recoverMissing}, {@link #recover}), and {@link #interruption()} tells {@code verify}.
 */
final class TreeSwap {

    private static final String NEXT = ".kforge-next";
    private static final String PREV = ".kforge-prev";
    private static final String KEPT = ".kforge-kept-";
    /** How long the second rename waits for a directory another kforge run created in the instant between. */
    private static final int RENAME_ATTEMPTS = 100;

    private final Path directory;
    private final String shown;
    private final FileOperations ops;
    private final Path next;
    private final Path prev;

    /**
     * @param directory the output directory, absolute and free of symbolic links
     * @param shown     how messages name it (as the user gave it)
     */
    TreeSwap(Path directory, String shown, FileOperations ops) {
        this.directory = directory;
        this.shown = shown;
        this.ops = ops;
        String name = Objects.requireNonNull(directory.getFileName(), "the output directory has a name").toString();
        this.next = directory.resolveSibling("." + name + NEXT);
        this.prev = directory.resolveSibling("." + name + PREV);
    }

    Path next() {
        return next;
    }

    Path prev() {
        return prev;
    }

    /** The leftovers of an interrupted run beside the directory, for {@code verify}; empty when there are none. */
    List<Path> interruption() {
        List<Path> out = new ArrayList<>();
        if (exists(next)) {
            out.add(next);
        }
        if (exists(prev)) {
            out.add(prev);
        }
        return out;
    }

    // ---------------------------------------------------------------- recovering an interrupted run

    /**
     * Before the directory is created and locked: when it is missing but a run left its trees beside it (it was
     * killed between the two renames), puts the right one back — the new tree if the previous one was already
     * moved aside (the new tree was complete then), the previous one otherwise — under that run's lock.
     *
     * @throws KforgeException if that run is still going
     */
    void recoverMissing() {
        if (exists(directory) || !exists(next) && !exists(prev)) {
            return;
        }
        Path lockFile = (exists(prev) ? prev : next).resolve(OutputWriter.LOCK);
        try (Locks.Held held = Locks.tryHold(lockFile)) {
            if (held == null) {
                throw busy();
            }
            if (exists(prev)) {
                move(exists(next) ? next : prev, directory, "put the output of an interrupted run in place");
            }
        } catch (IOException e) {
            throw new KforgeException("cannot take the lock " + lockFile + " of an interrupted run ("
                    + OutputWriter.describe(e) + "); check its permissions", e);
        }
    }

    /**
     * Under the directory's lock ({@code lockFile}): discards the tree of a run interrupted while building it, and
     * retires the previous tree of a run interrupted after the swap.
     *
     * @throws KforgeException if another run is swapping right now, or the leftovers cannot be sorted out
     */
    void recover(Path lockFile) {
        if (!exists(next) && !exists(prev)) {
            return;
        }
        for (Path tree : List.of(next, prev)) {
            if (Locks.heldElsewhere(tree.resolve(OutputWriter.LOCK), lockFile)) {
                throw busy();
            }
        }
        if (exists(next) && exists(prev)) {
            throw new KforgeException("an interrupted kforge run left its previous output in " + prev + " and its "
                    + "new output in " + next + ", and " + shown + " was created meanwhile by another program; move "
                    + "the one you want to " + shown + " (the new output is complete) and delete the others, then "
                    + "run again; nothing was changed", List.of());
        }
        if (exists(next)) {
            discard();
        } else {
            // a record that does not verify vouches for nothing: then nothing counts as kforge's and nothing goes
            Manifest old = Manifest.read(prev.resolve(OutputWriter.MANIFEST), "");
            Manifest now = Manifest.read(directory.resolve(OutputWriter.MANIFEST), "");
            retire(old.problems().isEmpty() ? old : Manifest.NONE, now.entries().keySet());
        }
    }

    private KforgeException busy() {
        return new KforgeException("another kforge run is writing " + shown + " (it is swapping in its new "
                + "output, " + next + "); wait for it to finish, then run again; nothing was changed", List.of());
    }

    // ---------------------------------------------------------------- building the new tree

    /**
     * Builds the new tree beside the directory ({@link NextTree}): everything in it carried over but the files in
     * {@code replaced} and {@code removed}, then the files of {@code written} and the record last.
     *
     * @return the version-control folders found, to be moved across by {@link #swap(List)}
     * @throws IOException if any step fails; the caller discards the tree
     */
    List<String> build(Map<String, byte[]> written, Set<String> removed, byte[] manifest) throws IOException {
        return new NextTree(directory, next, shown, ops).build(written, removed, manifest);
    }

    // ---------------------------------------------------------------- the swap

    /**
     * Moves the version-control folders {@code vcs} into the new tree, then swaps: the directory becomes the
     * previous tree, the new tree the directory. Undone as far as it got when a step fails.
     *
     * @throws KforgeException if it fails; the message says whether the previous output is back in place
     */
    void swap(List<String> vcs) {
        List<String> moved = new ArrayList<>();
        String failed = null;
        Throwable cause = null;
        boolean aside = false;
        try {
            for (String folder : vcs) {
                ops.move(directory.resolve(folder), next.resolve(folder));
                moved.add(folder);
            }
            ops.move(directory, prev);
            aside = true;
            renameIntoPlace();
            return;
        } catch (IOException | RuntimeException e) {
            failed = aside ? "cannot move the new output into place as " + shown
                    : moved.size() < vcs.size() ? "cannot move " + directory.resolve(vcs.get(moved.size()))
                    + " into the new output" : "cannot move " + shown + " aside to " + prev;
            cause = e;
        }
        List<String> stuck = new ArrayList<>();
        if (aside) {
            try {
                ops.move(prev, directory);
            } catch (IOException | RuntimeException e) {
                throw new KforgeException(failed + " (" + OutputWriter.describe(cause) + "), and putting the "
                        + "previous output back failed too (" + OutputWriter.describe(e) + "): the previous output "
                        + "is in " + prev + ", the complete new one in " + next + "; run again to put the new one in "
                        + "place once the cause is fixed", cause);
            }
        }
        for (int i = moved.size() - 1; i >= 0; i--) {
            try {
                ops.move(next.resolve(moved.get(i)), directory.resolve(moved.get(i)));
            } catch (IOException | RuntimeException e) {
                stuck.add(moved.get(i) + " is in " + next.resolve(moved.get(i)) + " (" + OutputWriter.describe(e)
                        + ")");
            }
        }
        if (!stuck.isEmpty()) {
            throw new KforgeException(failed + " (" + OutputWriter.describe(cause) + "), and moving back "
                    + String.join(", ", stuck) + " failed too; move it back to " + shown + " by hand; nothing else "
                    + "was changed", cause);
        }
        discard();
        throw new KforgeException(failed + " (" + OutputWriter.describe(cause) + "); the previous output in "
                + shown + " is as it was, nothing was changed: fix the cause and run again", cause);
    }

    /**
     * The second rename. It cannot replace a folder with content: should another kforge run have created the
     * directory in the instant between the renames, that run sees this one's trees, stops, and removes it again.
     */
    private void renameIntoPlace() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                ops.move(next, directory);
                return;
            } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
                if (attempt >= RENAME_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    // ---------------------------------------------------------------- after the swap

    /**
     * Retires the previous tree: deletes what the new tree has too (the same file), kforge's own files in it (their
     * bytes are what {@code old} recorded) and its bookkeeping; moves anything else — a file that appeared or was
     * replaced during the run — into the directory, unless {@code generated} has a file at that path; renames what
     * is left to {@code .<name>.kforge-kept-<n>}. Best effort: a failure leaves the rest to the next run.
     *
     * @return the paths kept aside, and where
     */
    List<String> retire(Manifest old, Set<String> generated) {
        List<String> kept = new ArrayList<>();
        try {
            retire("", old, generated, kept);
            // the record goes last: a retirement cut short resumes with it (see recover)
            Path record = prev.resolve(OutputWriter.MANIFEST);
            if (attributes(record) != null) {
                ops.delete(record);
            }
            if (kept.isEmpty()) {
                ops.delete(prev);
            } else {
                Path aside = keptName();
                ops.move(prev, aside);
                kept.replaceAll(p -> aside.getFileName() + "/" + p);
            }
        } catch (IOException | RuntimeException e) {
            // the new output is complete; the next run retires the rest (see recover)
            return List.of();
        }
        return kept;
    }

    private void retire(String relative, Manifest old, Set<String> generated, List<String> kept) throws IOException {
        Path from = relative.isEmpty() ? prev : prev.resolve(relative);
        for (Path entry : list(from)) {
            String name = entry.getFileName().toString();
            String rel = relative.isEmpty() ? name : relative + "/" + name;
            BasicFileAttributes attributes = attributes(entry);
            if (attributes == null) {
                continue;
            }
            Path current = directory.resolve(rel);
            if (rel.equals(OutputWriter.MANIFEST)) {
                continue;
            }
            if (attributes.isDirectory() && !Manifest.isVcsFolder(name)) {
                int before = kept.size();
                retire(rel, old, generated, kept);
                if (kept.size() == before) {
                    ops.delete(entry);
                }
            } else if (sameFile(entry, attributes, current) || NextTree.LEFTOVER.matcher(name).matches()
                    || rel.equals(OutputWriter.LOCK)
                    || attributes.isRegularFile() && old.wrote(rel, Files.readAllBytes(entry))) {
                ops.delete(entry);
            } else if (!generated.contains(rel) && placeable(rel, attributes(current))) {
                ensureParentsInDirectory(rel);
                ops.move(entry, current);
            } else {
                kept.add(rel);
            }
        }
    }

    /** Whether the previous tree's entry at {@code rel} may go to the directory: nothing there, or a carried file. */
    private boolean placeable(String rel, BasicFileAttributes there) {
        Path parent = directory.resolve(rel).getParent();
        for (Path d = parent; !d.equals(directory); d = d.getParent()) {
            BasicFileAttributes a = attributes(d);
            if (a != null && !a.isDirectory()) {
                return false;
            }
        }
        return there == null || there.isRegularFile() || there.isSymbolicLink();
    }

    private void ensureParentsInDirectory(String rel) throws IOException {
        Path d = directory;
        String[] parts = rel.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            d = d.resolve(parts[i]);
            if (attributes(d) == null) {
                ops.createDirectory(d);
            }
        }
    }

    /** Whether {@code entry} of the previous tree is the file at {@code current} (a link, or the same link). */
    private static boolean sameFile(Path entry, BasicFileAttributes attributes, Path current) throws IOException {
        BasicFileAttributes now = attributes(current);
        if (now == null) {
            return false;
        }
        if (attributes.isSymbolicLink()) {
            return now.isSymbolicLink() && Files.readSymbolicLink(entry).equals(Files.readSymbolicLink(current));
        }
        if (attributes.fileKey() != null) {
            return attributes.fileKey().equals(now.fileKey());
        }
        // no file keys: a copy carried over has the same size, time and bytes
        return now.isRegularFile() && attributes.isRegularFile() && now.size() == attributes.size()
                && now.lastModifiedTime().equals(attributes.lastModifiedTime())
                && java.util.Arrays.equals(Files.readAllBytes(entry), Files.readAllBytes(current));
    }

    private Path keptName() {
        for (int n = 1; ; n++) {
            Path aside = directory.resolveSibling("." + directory.getFileName() + KEPT + n);
            if (!exists(aside)) {
                return aside;
            }
        }
    }

    /**
     * Deletes the new tree of a run that did not swap it in (only links and files kforge wrote are in it); a
     * version-control folder already moved into it goes back first. Best effort.
     */
    void discard() {
        try {
            if (discard("")) {
                ops.delete(next);
            } else {
                ops.move(next, keptName());
            }
        } catch (IOException | RuntimeException e) {
            // the next run discards the rest (see recover)
        }
    }

    /** Discards a folder of the new tree; false if a version-control folder in it could not go back. */
    private boolean discard(String relative) throws IOException {
        Path from = relative.isEmpty() ? next : next.resolve(relative);
        boolean empty = true;
        for (Path entry : list(from)) {
            String rel = relative.isEmpty() ? entry.getFileName().toString()
                    : relative + "/" + entry.getFileName();
            BasicFileAttributes attributes = attributes(entry);
            if (attributes == null) {
                continue;
            }
            if (attributes.isDirectory() && Manifest.isVcsFolder(entry.getFileName().toString())) {
                if (attributes(directory.resolve(rel)) == null
                        && Drift.obstruction(directory, directory.resolve(rel).getParent()) == null) {
                    ensureParentsInDirectory(rel);
                    ops.move(entry, directory.resolve(rel));
                } else {
                    empty = false;
                }
            } else if (attributes.isDirectory()) {
                if (discard(rel)) {
                    ops.delete(entry);
                } else {
                    empty = false;
                }
            } else {
                ops.delete(entry);
            }
        }
        return empty;
    }

    // ---------------------------------------------------------------- helpers

    private void move(Path from, Path to, String what) {
        try {
            ops.move(from, to);
        } catch (IOException | RuntimeException e) {
            throw new KforgeException("cannot " + what + ": moving " + from + " to " + to + " failed ("
                    + OutputWriter.describe(e) + "); do it by hand, then run again", e);
        }
    }

    /** The entries of a folder, sorted by name, so that every run takes the same steps. */
    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
