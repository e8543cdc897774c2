package dev.kforge.write;

import dev.kforge.KforgeException;
import dev.kforge.api.Problem;
import dev.kforge.emit.FileTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a {@link FileTree} to an output directory safely.
 *
 * <ul>
 *   <li>Only what kforge wrote is overwritten or deleted. Its record, {@value #MANIFEST}, holds the SHA-256 of
 *       every file it generated there; a file counts as kforge's only while it is listed there and its bytes still
 *       hash to what was recorded. A generated path taken by any other file, or a file of kforge's changed since,
 *       stops the run before anything is written, naming each. Nothing outside the directory, under a
 *       version-control folder ({@code .git}, ...) or behind a symbolic link is ever written, deleted or taken;
 *       a record that does not verify (edited, paths leaving the directory) is reported at its line and used for
 *       nothing.</li>
 *   <li>Files whose content is already right are not touched (their identity and modification time stay); files
 *       kforge generated earlier that the tree no longer has are removed, and so are the folders this leaves
 *       empty.</li>
 *   <li>The change is one step for readers: the new output is built beside the directory and swapped in by
 *       renaming ({@link TreeSwap}), so the directory holds the complete previous output or the complete new one,
 *       never a mix. A failure at any step before the swap leaves the directory as it was; a run killed at any
 *       step is completed or undone by the next run before it does anything else, and
 *       {@link #compare(FileTree, Path)} reports it meanwhile.</li>
 *   <li>A lock file, {@value #LOCK}, stops two runs from writing the same directory at once: the second fails at
 *       once, saying so, before it has changed anything.</li>
 * </ul>
 *
 * <p>Limits: the directory's parent must be writable (the new tree is built there), and the directory must not be
 * a mount point. Files are carried into the new tree as hard links, or copied (with their modification time)
 * where the file system has none; owners, access lists and extended attributes of copies are not kept.
 */
public final class OutputWriter {

    /** Name of the manifest in the output directory. */
    public static final String MANIFEST = ".kforge-generated";

    /** Name of the lock file in the output directory. */
    public static final String LOCK = ".kforge.lock";

    private final FileOperations operations;

    /** A writer of the real file system. */
    public OutputWriter() {
        this(FileOperations.DISK);
    }

    /** A writer that changes the disk only through {@code operations}; tests make them fail. */
    OutputWriter(FileOperations operations) {
        this.operations = operations;
    }

    /**
     * Writes {@code tree} under {@code directory}, creating it if missing.
     *
     * @return what was written, left unchanged and removed (the manifest and lock file are not listed)
     * @throws KforgeException if a file kforge did not generate (or changed since) is in the way, its record does
     *                         not verify, another run is writing the same directory, or the file system fails;
     *                         the message names every path and what to do
     */
    public WriteResult write(FileTree tree, Path directory) {
        checkTree(tree);
        String shown = directory.toString();
        Path real = realPath(directory);
        TreeSwap swap = new TreeSwap(real, shown, operations);
        swap.recoverMissing();
        boolean created = TreeSwap.attributes(real) == null;
        createDirectory(real, shown);
        Path lockFile = real.resolve(LOCK);
        Locks.Held held;
        try {
            held = Locks.tryHold(lockFile);
        } catch (IOException e) {
            throw new KforgeException("cannot use the lock file " + directory.resolve(LOCK) + " (" + describe(e)
                    + "); check that the output directory is writable", e);
        }
        if (held == null) {
            throw new KforgeException("another kforge run is writing " + directory + " (it holds "
                    + directory.resolve(LOCK) + "); wait for it to finish, then run again; nothing was changed",
                    List.of());
        }
        try (held) {
            swap.recover(lockFile);
            return new Run(tree, real, shown, swap).execute();
        } catch (KforgeException e) {
            if (created && !TreeSwap.exists(real.resolve(MANIFEST))) {
                // created in the instant another run's swap had the directory renamed away: it needs the name back
                removeQuietly(lockFile);
                removeQuietly(real);
            }
            throw e;
        } catch (UncheckedIOException e) {
            throw new KforgeException("cannot read " + directory + " (" + describe(e) + "); check its permissions; "
                    + "nothing was changed", e);
        }
    }

    /**
     * Compares {@code tree} with the files under {@code directory}, changing nothing and taking no lock.
     *
     * <p>Reported, sorted by path: every generated file whose content on disk differs ({@code changed}) or that
     * is not on disk ({@code missing}); every file kforge recorded as generated earlier that is still on disk but
     * no longer generated ({@code extra}, which a write deletes); the manifest {@value #MANIFEST} when it is not
     * exactly the record of the generated files (also when it was edited); and the leftovers of an interrupted run
     * beside the directory ({@code interrupted}, which the next write completes or undoes). Files kforge did not
     * generate are never reported, except that a file in the place of a generated one is reported as changed even
     * if its content is right, because it is not in the manifest. The lock file is ignored.
     *
     * @return the drift; empty when the directory is up to date
     * @throws KforgeException if the directory cannot be read
     */
    public List<FileDrift> compare(FileTree tree, Path directory) {
        checkTree(tree);
        Path real = realPath(directory);
        BasicFileAttributes attributes = TreeSwap.attributes(real);
        if (attributes != null && !attributes.isDirectory()) {
            throw new KforgeException("the output directory " + directory + " is a file; move it away or choose "
                    + "another output directory", List.of());
        }
        try {
            List<FileDrift> drift = new ArrayList<>(new Drift(tree, real, directory).compare(attributes != null));
            for (Path leftover : new TreeSwap(real, directory.toString(), operations).interruption()) {
                drift.add(new FileDrift(leftover.getFileName().toString(), FileDrift.Kind.INTERRUPTED, "a kforge run "
                        + "was interrupted while writing " + directory + " and left " + leftover + "; the next "
                        + "generate completes or undoes it before anything else\n"));
            }
            return List.copyOf(drift);
        } catch (UncheckedIOException e) {
            throw new KforgeException("cannot read " + directory + " (" + describe(e) + "); check its permissions",
                    e);
        }
    }

    /** The directory with symbolic links resolved, as far as it exists; the writer works on the real folder. */
    private static Path realPath(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    /**
     * Rejects trees the writer cannot lay out or could not tell from the user's files later: its own file names,
     * paths it never writes, a file and a folder at one path, a file without kforge's mark in its first line.
     */
    private static void checkTree(FileTree tree) {
        Set<String> paths = tree.files().keySet();
        for (String path : paths) {
            String wrong = Manifest.pathProblem(path);
            if (wrong != null) {
                throw new IllegalArgumentException("the generated files cannot include " + path + ": " + wrong);
            }
            if (!Manifest.marked(tree.files().get(path))) {
                throw new IllegalArgumentException("the generated file " + path + " does not say in its first line "
                        + "that it is '" + Manifest.GENERATED_MARK + "': a later run could not tell it from a file "
                        + "of the user's");
            }
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                if (paths.contains(path.substring(0, slash))) {
                    throw new IllegalArgumentException("the generated files have both a file "
                            + path.substring(0, slash) + " and a file under it, " + path);
                }
            }
        }
    }

    private static void createDirectory(Path directory, String shown) {
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new KforgeException("the output directory " + shown + " is a file; move it away or choose "
                    + "another output directory", e);
        } catch (IOException e) {
            throw new KforgeException("cannot create the output directory " + shown + " (" + describe(e)
                    + "); check its permissions or choose another output directory", e);
        }
    }

    private static void removeQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // not empty, or cannot go: left as it is
        }
    }

    /** A failure for a message: an I/O failure (also an unchecked one) as below, else its kind and text. */
    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (e instanceof IOException io) {
            String reason = io instanceof NoSuchFileException ? "no such file or directory"
                    : io instanceof FileAlreadyExistsException ? "it already exists"
                    : io.getMessage();
            return io.getClass().getSimpleName() + (reason == null ? "" : ": " + reason);
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** One write of one tree, under the lock. */
    private static final class Run {

        private final FileTree tree;
        private final Path directory;
        private final String shown;
        private final TreeSwap swap;

        Run(FileTree tree, Path directory, String shown, TreeSwap swap) {
            this.tree = tree;
            this.directory = directory;
            this.shown = shown;
            this.swap = swap;
        }

        WriteResult execute() {
            Manifest old = Manifest.read(directory.resolve(MANIFEST), shownPath(MANIFEST));
            if (!old.problems().isEmpty()) {
                throw new KforgeException(problems("kforge's record of the files it generated, "
                        + shownPath(MANIFEST) + ", does not verify, so kforge takes nothing from it: nothing was "
                        + "written", old.problems()), List.of());
            }
            Plan plan = plan(old);
            byte[] manifest = Manifest.text(tree.files());
            byte[] onDisk = Drift.bytesOrNull(directory.resolve(MANIFEST));
            if (plan.written.isEmpty() && plan.removed.isEmpty() && Arrays.equals(manifest, onDisk)) {
                return new WriteResult(List.of(), plan.unchanged, List.of());
            }
            List<String> vcs;
            try {
                vcs = swap.build(plan.written, plan.removed, manifest);
            } catch (IOException | RuntimeException | Error e) {
                swap.discard();
                if (e instanceof Error error) {
                    throw error;
                }
                throw new KforgeException("cannot write the new output beside " + shown + " (" + describe(e)
                        + "); check that " + directory.getParent() + " is a writable directory and the disk has "
                        + "space; the previous output in " + shown + " is as it was, nothing was changed", e);
            }
            swap.swap(vcs);
            List<String> kept = swap.retire(old, tree.files().keySet());
            return new WriteResult(List.copyOf(plan.written.keySet()), plan.unchanged, List.copyOf(plan.removed),
                    kept);
        }

        private record Plan(Map<String, byte[]> written, List<String> unchanged, Set<String> removed) {
        }

        /**
         * Sorts every path of the tree into written or unchanged and finds the files to remove; fails if a file kforge
         * did not write, or changed since, is in the way.
         */
        private Plan plan(Manifest old) {
            Map<String, byte[]> written = new TreeMap<>();
            List<String> unchanged = new ArrayList<>();
            Set<String> removed = new TreeSet<>();
            List<String> foreign = new ArrayList<>();
            Map<String, String> changed = new TreeMap<>(); // path to why it is not kforge's any more
            List<String> obstructions = new ArrayList<>();
            tree.files().forEach((path, content) -> {
                Path target = directory.resolve(path);
                Path blocking = Drift.obstruction(directory, target.getParent());
                if (blocking != null) {
                    obstructions.add(blocking.toString());
                    return;
                }
                BasicFileAttributes attributes = TreeSwap.attributes(target);
                if (attributes == null) {
                    written.put(path, content);
                } else if (!attributes.isRegularFile() || !old.lists(path)) {
                    foreign.add(path);
                } else {
                    byte[] bytes = Drift.bytes(target);
                    if (Arrays.equals(content, bytes)) {
                        unchanged.add(path);
                    } else if (old.wrote(path, bytes)) {
                        written.put(path, content);
                    } else {
                        changed.put(path, notKforges(bytes));
                    }
                }
            });
            for (String path : old.entries().keySet()) {
                if (tree.files().containsKey(path)) {
                    continue;
                }
                Path file = directory.resolve(path);
                BasicFileAttributes attributes = Drift.obstruction(directory, file.getParent()) != null ? null
                        : TreeSwap.attributes(file);
                if (attributes == null || !attributes.isRegularFile()) {
                    continue; // gone, or replaced by something kforge did not write: not kforge's to remove
                }
                byte[] bytes = Drift.bytes(file);
                if (old.wrote(path, bytes)) {
                    removed.add(path);
                } else {
                    changed.put(path, notKforges(bytes));
                }
            }
            refuse(foreign, changed, obstructions, old);
            return new Plan(written, unchanged, removed);
        }

        /** Why a recorded file is no longer the one kforge wrote. */
        private static String notKforges(byte[] bytes) {
            return Manifest.marked(bytes) ? "was changed after kforge wrote it (its SHA-256 is not the one recorded)"
                    : "does not say in its first line that kforge generated it";
        }

        private void refuse(List<String> foreign, Map<String, String> changed, List<String> obstructions,
                            Manifest old) {
            if (!obstructions.isEmpty()) {
                String first = obstructions.get(0);
                throw new KforgeException(first + " is a file or a symbolic link, but kforge needs a directory "
                        + "there; move it away or delete it, then run again; nothing was changed", List.of());
            }
            StringBuilder message = new StringBuilder();
            if (!foreign.isEmpty()) {
                String them = foreign.size() == 1 ? "it" : "them";
                message.append("kforge would overwrite ").append(foreign.size() == 1 ? "a file"
                        : foreign.size() + " files").append(" it did not generate in ").append(shown).append(':');
                foreign.forEach(p -> message.append("\n  ").append(directory.resolve(p)));
                message.append("\nMove ").append(them).append(" away or delete ").append(them)
                        .append(", then run again; nothing was written.");
            }
            if (!changed.isEmpty()) {
                List<Problem> problems = changed.entrySet().stream().map(e -> new Problem(e.getKey(),
                        (tree.files().containsKey(e.getKey()) ? "kforge generates this file, but it "
                                : "kforge no longer generates this file, and it ") + e.getValue() + ", so kforge "
                                + (tree.files().containsKey(e.getKey()) ? "will not overwrite it"
                                : "will not delete it"), shownPath(MANIFEST) + ":" + old.line(e.getKey()))).toList();
                message.append(message.length() == 0 ? "" : "\n").append(problems("kforge overwrites and deletes "
                        + "only the files it wrote, as it wrote them, and " + (changed.size() == 1 ? "a file"
                        : changed.size() + " files") + " in " + shown + (changed.size() == 1 ? " is" : " are")
                        + " not", problems)).append("\nPut a change into the model, restore the file (git checkout "
                        + "-- <file>) or delete it; for a file kforge never wrote, restore the record (git checkout "
                        + "-- " + shownPath(MANIFEST) + "); then run again; nothing was written.");
            }
            if (message.length() > 0) {
                throw new KforgeException(message.toString(), List.of());
            }
        }

        private String shownPath(String relative) {
            return shown + "/" + relative;
        }

        private static String problems(String header, List<Problem> problems) {
            StringBuilder out = new StringBuilder(header).append(':');
            problems.forEach(p -> out.append("\n  ").append(p));
            return out.toString();
        }
    }
}
