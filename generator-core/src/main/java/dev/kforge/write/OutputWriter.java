package dev.kforge.write;

import dev.kforge.KforgeException;
import dev.kforge.emit.FileTree;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 *       when all of them are written; a failure before that leaves the directory as it was.</li>
 *   <li>A lock file, {@value #LOCK}, stops two runs from writing the same directory at once.</li>
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
    private static final SecureRandom RANDOM = new SecureRandom();

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
            return new Run(tree, directory).execute();
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
        return new Run(tree, directory).compare(attributes != null);
    }

    private static FileLock tryLock(FileChannel channel, Path directory) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new KforgeException("another kforge run is writing " + directory + "; wait for it", List.of());
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
        private final Path manifest;
        /** Temp files of this run not yet moved into place. */
        private final List<Path> temps = new ArrayList<>();
        /** Directories this run created, parents first. */
        private final List<Path> createdDirectories = new ArrayList<>();

        Run(FileTree tree, Path directory) {
            this.tree = tree;
            this.directory = directory;
            this.manifest = directory.resolve(MANIFEST);
        }

        WriteResult execute() {
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
            } catch (RuntimeException | Error e) {
                discard();
                throw e;
            }

            // 2. commit: new and changed files, then deletions, then the manifest
            if (claim != null) {
                moveIntoPlace(claim, manifest);
            }
            moves.forEach(this::moveIntoPlace);
            List<String> actuallyRemoved = new ArrayList<>();
            for (String path : removed) {
                if (delete(path)) {
                    actuallyRemoved.add(path);
                }
            }
            if (finalManifest != null) {
                moveIntoPlace(finalManifest, manifest);
            }
            return new WriteResult(written, unchanged, actuallyRemoved);
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
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(content);
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
                        Files.createDirectory(d);
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
            temps.forEach(Run::deleteQuietly);
            temps.clear();
            for (int i = createdDirectories.size() - 1; i >= 0; i--) {
                deleteQuietly(createdDirectories.get(i)); // stays if no longer empty
            }
        }

        private static void deleteQuietly(Path path) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // best effort: the original failure is the one to report
            }
        }

        private void moveIntoPlace(Path temp, Path target) {
            try {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                temps.remove(temp);
            } catch (IOException e) {
                discard();
                throw new KforgeException("cannot move the new " + target + " into place (" + describe(e)
                        + "); the output in " + directory + " is partly updated: fix the cause and run again", e);
            }
        }

        /** Deletes a file generated earlier and the directories this leaves empty; false if it was gone. */
        private boolean delete(String path) {
            Path file = directory.resolve(path);
            BasicFileAttributes attributes = obstruction(file.getParent()) != null ? null : attributes(file);
            if (attributes == null || !attributes.isRegularFile()) {
                return false; // gone, or replaced by something kforge did not write
            }
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new KforgeException("cannot delete " + file + ", which kforge generated earlier ("
                        + describe(e) + "); delete it yourself and run again", e);
            }
            for (Path d = file.getParent(); !d.equals(directory); d = d.getParent()) {
                try {
                    Files.delete(d);
                } catch (IOException e) {
                    break; // not empty (or cannot go): it stays, and so do its parents
                }
            }
            return true;
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
