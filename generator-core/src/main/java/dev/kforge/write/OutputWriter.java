package dev.kforge.write;

import dev.kforge.KforgeException;
import dev.kforge.emit.FileTree;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a {@link FileTree} to an output directory safely.
 *
 * <ul>
 *   <li>It keeps a manifest, {@value #MANIFEST}, of the files it generated there, and never overwrites or deletes
 *       any other file: a generated path taken by a file it did not write fails the run before anything is
 *       written.</li>
 *   <li>Files whose content is already right are not touched; files it generated earlier that the tree no longer
 *       has are deleted, and so are the directories that this leaves empty.</li>
 *   <li>New and changed files are first written to temporary files beside their targets and moved into place only
 *       when all of them are written. Every step of that commit is undone when a later one fails: a changed file
 *       is moved over its target only after a copy of the old content is kept beside it, a removed file is moved
 *       aside, not deleted, until the new manifest is in place. So a failure at any step leaves the directory as
 *       it was; the copies go once the run is through. (A process killed in the middle of the commit cannot undo
 *       it: its files are claimed in the manifest first, so the next run takes them for its own, and the next run
 *       also removes the temporary files and copies it left, {@code .kforge-tmp-*} and {@code .kforge-old-*}.)</li>
 *   <li>A lock file, {@value #LOCK}, stops two runs from writing the same directory at once: the second fails at
 *       once, saying so, before it has changed anything.</li>
 * </ul>
 *
 * <p>{@link #compare(FileTree, Path)} reads the directory without changing anything and reports how it differs
 * from a tree: its drift is empty exactly when {@link #write(FileTree, Path)} would change nothing.
 */
public final class OutputWriter {

    /** Name of the manifest in the output directory. */
    public static final String MANIFEST = ".kforge-generated";

    /** Name of the lock file in the output directory. */
    public static final String LOCK = ".kforge.lock";

    private static final String MANIFEST_HEADER =
            "# kforge's record of the files it generated in this directory; kforge maintains it, do not edit.";
    private static final String TEMP_PREFIX = ".kforge-tmp-";
    private static final String OLD_PREFIX = ".kforge-old-";
    /** The names of the temporary files and copies of a run, which no other program writes. */
    private static final java.util.regex.Pattern LEFTOVER =
            java.util.regex.Pattern.compile("\\.kforge-(tmp|old)-[0-9a-f]{16}\\.tmp");
    private static final SecureRandom RANDOM = new SecureRandom();

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
     * @throws KforgeException if a file kforge did not generate is in the way, another run is writing the same
     *                         directory, or the file system fails; the message names the path and what to do
     */
    public WriteResult write(FileTree tree, Path directory) {
        checkTree(tree);
        createDirectory(directory);
        Path lockFile = directory.resolve(LOCK);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel, directory)) {
            return new Run(tree, directory, operations).execute();
        } catch (IOException e) {
            throw new KforgeException("cannot use the lock file " + lockFile + " (" + describe(e)
                    + "); check that the output directory is writable", e);
        }
    }

    /**
     * Compares {@code tree} with the files under {@code directory}, changing nothing and taking no lock.
     *
     * <p>Reported, sorted by path: every generated file whose content on disk differs ({@code changed}) or that
     * is not on disk ({@code missing}); every file kforge recorded as generated earlier that is still on disk but
     * no longer generated ({@code extra}, which a write deletes); and the manifest {@value #MANIFEST} when it
     * does not list exactly the generated files. Files kforge did not generate are never reported, except that a
     * file in the place of a generated one is reported as changed even if its content is right, because it is
     * not in the manifest. The lock file is ignored.
     *
     * @return the drift; empty when the directory is up to date
     * @throws KforgeException if the directory cannot be read, or its manifest is damaged
     */
    public List<FileDrift> compare(FileTree tree, Path directory) {
        checkTree(tree);
        BasicFileAttributes attributes = Run.attributes(directory);
        if (attributes != null && !attributes.isDirectory()) {
            throw new KforgeException("the output directory " + directory + " is a file; move it away or choose "
                    + "another output directory", List.of());
        }
        return new Run(tree, directory, operations).compare(attributes != null);
    }

    private static FileLock tryLock(FileChannel channel, Path directory) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new KforgeException("another kforge run is writing " + directory + " (it holds "
                    + directory.resolve(LOCK) + "); wait for it to finish, then run again; nothing was changed",
                    List.of());
        }
        return lock;
    }

    /** Rejects trees the writer cannot lay out: its own file names, or a path that is both a file and a folder. */
    private static void checkTree(FileTree tree) {
        Set<String> paths = tree.files().keySet();
        for (String path : paths) {
            if (path.equals(MANIFEST) || path.equals(LOCK)) {
                throw new IllegalArgumentException("the generated files cannot include kforge's own " + path);
            }
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                if (paths.contains(path.substring(0, slash))) {
                    throw new IllegalArgumentException("the generated files have both a file "
                            + path.substring(0, slash) + " and a file under it, " + path);
                }
            }
        }
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new KforgeException("the output directory " + directory + " is a file; move it away or choose "
                    + "another output directory", e);
        } catch (IOException e) {
            throw new KforgeException("cannot create the output directory " + directory + " (" + describe(e)
                    + "); check its permissions or choose another output directory", e);
        }
    }

    /** A failure for a message: an I/O failure (also an unchecked one) as below, else its kind and text. */
    private static String describe(Throwable e) {
        if (e instanceof java.io.UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (e instanceof IOException io) {
            return describe(io);
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String describe(IOException e) {
        String reason = e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof FileAlreadyExistsException ? "it already exists"
                : e.getMessage();
        return e.getClass().getSimpleName() + (reason == null ? "" : ": " + reason);
    }

    /** One write of one tree, under the lock. */
    private static final class Run {

        private final FileTree tree;
        private final Path directory;
        private final FileOperations ops;
        private final Path manifest;
        /** Temp files of this run not yet moved into place. */
        private final List<Path> temps = new ArrayList<>();
        /** Directories this run created, parents first. */
        private final List<Path> createdDirectories = new ArrayList<>();

        Run(FileTree tree, Path directory, FileOperations ops) {
            this.tree = tree;
            this.directory = directory;
            this.ops = ops;
            this.manifest = directory.resolve(MANIFEST);
        }

        WriteResult execute() {
            removeLeftovers();
            Set<String> previous = readManifest();
            List<String> written = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            plan(previous, written, unchanged);
            Set<String> current = new TreeSet<>(tree.files().keySet());
            List<String> removed = previous.stream().filter(p -> !current.contains(p)).toList();

            // 1. stage: nothing visible changes; any failure undoes everything this run created
            Map<Path, Path> moves = new LinkedHashMap<>();
            Path claim = null;
            Path finalManifest = null;
            try {
                for (String path : written) {
                    Path target = directory.resolve(path);
                    createParents(target.getParent());
                    moves.put(stage(target, tree.files().get(path)), target);
                }
                if (!previous.containsAll(current)) {
                    // claims the new files before they appear, so that a run interrupted while moving them in
                    // does not leave files that the next run would take for someone else's
                    Set<String> both = new TreeSet<>(previous);
                    both.addAll(current);
                    claim = stage(manifest, manifestText(both));
                }
                String manifestText = new String(manifestText(current), StandardCharsets.UTF_8);
                if (!manifestText.equals(read(manifest))) {
                    finalManifest = stage(manifest, manifestText(current));
                }
            } catch (KforgeException | Error e) {
                discard();
                throw e;
            } catch (RuntimeException e) {
                // a file system that fails with an unchecked exception: undone and reported like any failure
                discard();
                throw new KforgeException("cannot write " + directory + " (" + describe(e) + "); nothing was "
                        + "changed", e);
            }

            // 2. commit: new and changed files, then removals, then the manifest; each step can be undone
            Commit commit = new Commit();
            List<String> actuallyRemoved = new ArrayList<>();
            try {
                if (claim != null) {
                    commit.replace(claim, manifest);
                }
                for (Map.Entry<Path, Path> move : moves.entrySet()) {
                    commit.replace(move.getKey(), move.getValue());
                }
                for (String path : removed) {
                    if (commit.remove(path)) {
                        actuallyRemoved.add(path);
                    }
                }
                if (finalManifest != null) {
                    commit.replace(finalManifest, manifest);
                }
            } catch (StepFailed e) {
                throw commit.undo("cannot " + e.what + " (" + describe((IOException) e.getCause()) + ")",
                        e.getCause());
            } catch (KforgeException e) {
                // a file that cannot be read while being replaced, say: undone the same way
                throw commit.undo(e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                throw commit.undo("cannot write " + directory + " (" + describe(e) + ")", e);
            }

            // 3. through: the copies of the old files go, and the directories the removals left empty
            commit.forget();
            actuallyRemoved.forEach(this::pruneEmptyParents);
            return new WriteResult(written, unchanged, actuallyRemoved);
        }

        /** A step of the commit failed; {@code what} says which, for the message. */
        private static final class StepFailed extends Exception {
            private static final long serialVersionUID = 1L;
            private final String what;

            StepFailed(String what, IOException cause) {
                super(what, cause);
                this.what = what;
            }
        }

        private interface Step {
            void run() throws IOException;
        }

        /** The steps of one commit, each with the step that undoes it. */
        private final class Commit {
            private final java.util.Deque<Undo> done = new java.util.ArrayDeque<>();
            /** Copies of replaced files and removed files moved aside, until the commit is through. */
            private final List<Path> kept = new ArrayList<>();

            private record Undo(String what, Step step) {
            }

            /** Moves {@code staged} over {@code target}, keeping a copy of what {@code target} held. */
            void replace(Path staged, Path target) throws StepFailed {
                if (attributes(target) != null) {
                    Path copy = target.resolveSibling(OLD_PREFIX + HexFormat.of().formatHex(randomBytes()) + ".tmp");
                    byte[] old = bytes(target);
                    kept.add(copy);
                    step("keep a copy of " + target + " as " + copy, () -> ops.createFile(copy, old));
                    step("move the new " + target + " into place", () -> ops.move(staged, target));
                    done.push(new Undo("put " + copy + " back as " + target, () -> ops.move(copy, target)));
                } else {
                    step("move the new " + target + " into place", () -> ops.move(staged, target));
                    done.push(new Undo("delete the new " + target, () -> ops.delete(target)));
                }
                temps.remove(staged);
            }

            /** Moves a file generated earlier aside; false if it is gone or replaced by something else. */
            boolean remove(String path) throws StepFailed {
                Path file = directory.resolve(path);
                BasicFileAttributes attributes = obstruction(file.getParent()) != null ? null : attributes(file);
                if (attributes == null || !attributes.isRegularFile()) {
                    return false; // gone, or replaced by something kforge did not write
                }
                Path aside = file.resolveSibling(OLD_PREFIX + HexFormat.of().formatHex(randomBytes()) + ".tmp");
                step("remove " + file + ", which kforge generated earlier", () -> ops.move(file, aside));
                kept.add(aside);
                done.push(new Undo("put " + aside + " back as " + file, () -> ops.move(aside, file)));
                return true;
            }

            private void step(String what, Step step) throws StepFailed {
                try {
                    step.run();
                } catch (IOException e) {
                    throw new StepFailed(what, e);
                } catch (java.io.UncheckedIOException e) {
                    throw new StepFailed(what, e.getCause());
                }
            }

            /** Undoes every step done, newest first; the failure to report, saying whether that worked. */
            KforgeException undo(String what, Throwable cause) {
                List<String> stuck = new ArrayList<>();
                while (!done.isEmpty()) {
                    Undo undo = done.pop();
                    try {
                        undo.step().run();
                    } catch (IOException | RuntimeException e) {
                        stuck.add(undo.what() + " (" + describe(e) + ")");
                    }
                }
                if (stuck.isEmpty()) {
                    kept.forEach(this::deleteQuietly);
                    discard();
                    return new KforgeException(what + "; the previous output in " + directory + " is restored, "
                            + "nothing was changed: fix the cause and run again", cause);
                }
                discard();
                return new KforgeException(what + ", and undoing the run failed too: " + String.join("; ", stuck)
                        + ". The output in " + directory + " is partly updated; the previous files are kept beside "
                        + "them as " + OLD_PREFIX + "*.tmp: restore them, or run again once the cause is fixed",
                        cause);
            }

            /** Deletes the copies and the files moved aside, as far as possible; a later run removes the rest. */
            void forget() {
                kept.forEach(this::deleteQuietly);
            }

            private void deleteQuietly(Path path) {
                Run.this.deleteQuietly(path);
            }
        }

        /** Removes what an interrupted run left: its temporary files and copies, recognized by their names. */
        private void removeLeftovers() {
            if (!Files.isDirectory(directory)) {
                return;
            }
            try (java.util.stream.Stream<Path> walk = Files.walk(directory)) {
                walk.filter(p -> LEFTOVER.matcher(p.getFileName().toString()).matches())
                        .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .forEach(this::deleteQuietly);
            } catch (IOException | java.io.UncheckedIOException e) {
                // a directory that cannot be listed is reported when the run reaches it
            }
        }

        /** Deletes the directories above a removed file that it left empty. */
        private void pruneEmptyParents(String path) {
            for (Path d = directory.resolve(path).getParent(); !d.equals(directory); d = d.getParent()) {
                try {
                    ops.delete(d);
                } catch (IOException | RuntimeException e) {
                    break; // not empty (or cannot go): it stays, and so do its parents
                }
            }
        }

        List<FileDrift> compare(boolean exists) {
            Set<String> previous = exists ? readManifest() : new TreeSet<>();
            Map<String, FileDrift> drift = new java.util.TreeMap<>();
            tree.files().forEach((path, content) -> {
                Path target = directory.resolve(path);
                BasicFileAttributes attributes = !exists || obstruction(target.getParent()) != null ? null
                        : attributes(target);
                String generated = new String(content, StandardCharsets.UTF_8);
                if (attributes == null) {
                    drift.put(path, new FileDrift(path, FileDrift.Kind.MISSING,
                            UnifiedDiff.of("/dev/null", null, label(path, "generated"), generated)));
                } else if (!attributes.isRegularFile()) {
                    drift.put(path, new FileDrift(path, FileDrift.Kind.CHANGED, "a directory or other non-file is "
                            + "at " + target + " where kforge generates a file\n"));
                } else if (attributes.size() != content.length || !Arrays.equals(content, bytes(target))) {
                    drift.put(path, new FileDrift(path, FileDrift.Kind.CHANGED, UnifiedDiff.of(
                            label(path, "on disk"), new String(bytes(target), StandardCharsets.UTF_8),
                            label(path, "generated"), generated)));
                }
            });
            for (String path : previous) {
                if (tree.files().containsKey(path)) {
                    continue;
                }
                Path file = directory.resolve(path);
                BasicFileAttributes attributes = obstruction(file.getParent()) != null ? null : attributes(file);
                if (attributes != null && attributes.isRegularFile()) {
                    drift.put(path, new FileDrift(path, FileDrift.Kind.EXTRA, UnifiedDiff.of(label(path, "on disk"),
                            new String(bytes(file), StandardCharsets.UTF_8), "/dev/null", null)));
                }
            }
            String expected = new String(manifestText(tree.files().keySet()), StandardCharsets.UTF_8);
            String actual = exists ? read(manifest) : null;
            if (!expected.equals(actual)) {
                drift.put(MANIFEST, new FileDrift(MANIFEST,
                        actual == null ? FileDrift.Kind.MISSING : FileDrift.Kind.CHANGED,
                        UnifiedDiff.of(actual == null ? "/dev/null" : label(MANIFEST, "on disk"), actual,
                                label(MANIFEST, "generated"), expected)));
            }
            return List.copyOf(drift.values());
        }

        /** A diff header: the path as the user sees it, under the output directory's name. */
        private String label(String path, String side) {
            Path name = directory.getFileName();
            return (name == null ? "" : name + "/") + path + " (" + side + ")";
        }

        /** Sorts every path of the tree into written or unchanged; fails if any is taken by a foreign file. */
        private void plan(Set<String> previous, List<String> written, List<String> unchanged) {
            List<String> foreign = new ArrayList<>();
            tree.files().forEach((path, content) -> {
                Path target = directory.resolve(path);
                // a file in place of one of its directories is reported when staging tries to create it
                BasicFileAttributes attributes = obstruction(target.getParent()) != null ? null : attributes(target);
                if (attributes == null) {
                    written.add(path);
                } else if (!previous.contains(path) || !attributes.isRegularFile()) {
                    foreign.add(path);
                } else if (attributes.size() == content.length && Arrays.equals(content, bytes(target))) {
                    unchanged.add(path);
                } else {
                    written.add(path);
                }
            });
            if (!foreign.isEmpty()) {
                String them = foreign.size() == 1 ? "it" : "them";
                StringBuilder message = new StringBuilder("kforge would overwrite ")
                        .append(foreign.size() == 1 ? "a file" : foreign.size() + " files")
                        .append(" it did not generate in ").append(directory).append(':');
                foreign.forEach(p -> message.append("\n  ").append(directory.resolve(p)));
                message.append("\nMove ").append(them).append(" away or delete ").append(them)
                        .append(", then run again; nothing was written.");
                throw new KforgeException(message.toString(), List.of());
            }
        }

        private Set<String> readManifest() {
            String text = read(manifest);
            Set<String> paths = new TreeSet<>();
            if (text == null) {
                return paths;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                try {
                    new FileTree().put(line, new byte[0]);
                } catch (IllegalArgumentException e) {
                    throw new KforgeException("the manifest " + manifest + " is damaged: line " + (i + 1) + " '"
                            + line + "' is not a relative file path; restore it from version control, or delete it "
                            + "and move the generated files away", e);
                }
                if (!line.equals(MANIFEST) && !line.equals(LOCK)) {
                    paths.add(line);
                }
            }
            return paths;
        }

        private static byte[] manifestText(Set<String> paths) {
            StringBuilder text = new StringBuilder(MANIFEST_HEADER).append('\n');
            paths.forEach(p -> text.append(p).append('\n'));
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** Writes {@code content} to a new temp file beside {@code target} and returns it. */
        private Path stage(Path target, byte[] content) {
            Path temp = target.resolveSibling(TEMP_PREFIX + HexFormat.of().formatHex(randomBytes()) + ".tmp");
            temps.add(temp);
            try {
                ops.createFile(temp, content);
            } catch (IOException e) {
                throw new KforgeException("cannot write " + target + " (" + describe(e) + "); check that "
                        + target.getParent() + " is a writable directory and the disk has space; nothing was "
                        + "changed", e);
            }
            return temp;
        }

        private static byte[] randomBytes() {
            byte[] bytes = new byte[8];
            RANDOM.nextBytes(bytes);
            return bytes;
        }

        /** The first path from the output directory down to {@code dir} that exists but is no directory. */
        private Path obstruction(Path dir) {
            Path d = directory;
            for (Path name : directory.relativize(dir)) {
                if (name.toString().isEmpty()) {
                    break;
                }
                d = d.resolve(name);
                BasicFileAttributes attributes = attributes(d);
                if (attributes == null) {
                    return null;
                }
                if (!attributes.isDirectory()) {
                    return d;
                }
            }
            return null;
        }

        /** Creates the missing directories down to {@code dir}, remembering them to remove them on failure. */
        private void createParents(Path dir) {
            Path blocking = obstruction(dir);
            if (blocking != null) {
                throw new KforgeException(blocking + " is a file, but kforge needs a directory there; move it away "
                        + "or delete it, then run again; nothing was changed", List.of());
            }
            Path d = directory;
            for (Path name : directory.relativize(dir)) {
                if (name.toString().isEmpty()) {
                    break;
                }
                d = d.resolve(name);
                if (attributes(d) == null) {
                    try {
                        ops.createDirectory(d);
                        createdDirectories.add(d);
                    } catch (IOException e) {
                        throw new KforgeException("cannot create the directory " + d + " (" + describe(e)
                                + "); check the permissions of " + d.getParent() + "; nothing was changed", e);
                    }
                }
            }
        }

        /** Deletes every temp file and created directory of this run, as far as possible. */
        private void discard() {
            temps.forEach(this::deleteQuietly);
            temps.clear();
            for (int i = createdDirectories.size() - 1; i >= 0; i--) {
                deleteQuietly(createdDirectories.get(i)); // stays if no longer empty
            }
        }

        private void deleteQuietly(Path path) {
            try {
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    ops.delete(path);
                }
            } catch (IOException | RuntimeException ignored) {
                // best effort: the original failure is the one to report, and a later run removes leftovers
            }
        }

        private static BasicFileAttributes attributes(Path path) {
            try {
                return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new KforgeException("cannot read " + path + " (" + describe(e) + "); check its permissions",
                        e);
            }
        }

        private static byte[] bytes(Path path) {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new KforgeException("cannot read " + path + " (" + describe(e) + "); check its permissions",
                        e);
            }
        }

        private String read(Path path) {
            return attributes(path) == null ? null : new String(bytes(path), StandardCharsets.UTF_8);
        }
    }
}
