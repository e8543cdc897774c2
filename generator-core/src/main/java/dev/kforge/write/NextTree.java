package dev.kforge.write;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The new output tree {@link TreeSwap} builds beside the directory before it swaps: the new files, hard links to
 * everything that stays (so kept files keep their content, identity and modification time) and the folders they
 * need, with the permissions of the folders they replace. Version-control folders are only noted, never entered:
 * the swap moves them across whole.
 */
final class NextTree {

    /** The temporary files and copies of kforge before 0.1 wrote inside the directory; never carried over. */
    static final java.util.regex.Pattern LEFTOVER =
            java.util.regex.Pattern.compile("\\.kforge-(tmp|old)-[0-9a-f]{16}\\.tmp");

    private final Path directory;
    private final Path next;
    private final String shown;
    private final FileOperations ops;

    /**
     * @param directory the output directory, absolute and free of symbolic links
     * @param next      where the new tree is built, beside it
     * @param shown     how messages name the directory
     */
    NextTree(Path directory, Path next, String shown, FileOperations ops) {
        this.directory = directory;
        this.next = next;
        this.shown = shown;
        this.ops = ops;
    }

    /**
     * Builds the new tree: everything in the directory is carried over (hard-linked, or copied where the file
     * system has no hard links) except the files in {@code replaced} and {@code removed}, kforge's record and
     * leftovers of older kforge versions; then the files of {@code written} are written and the record last.
     *
     * @return the version-control folders found, which the swap moves across whole
     * @throws IOException if any step fails; the caller discards the tree
     */
    List<String> build(Map<String, byte[]> written, Set<String> removed, byte[] manifest) throws IOException {
        ops.createDirectory(next);
        copyPermissions(directory, next);
        List<String> vcs = new ArrayList<>();
        carry("", written.keySet(), removed, vcs);
        for (Map.Entry<String, byte[]> file : written.entrySet()) {
            ensureParents(file.getKey());
            ops.createFile(next.resolve(file.getKey()), file.getValue());
        }
        ops.createFile(next.resolve(OutputWriter.MANIFEST), manifest);
        return vcs;
    }

    /** Carries the entries of the folder {@code relative} (empty: the top) into the new tree; returns how many. */
    private int carry(String relative, Set<String> replaced, Set<String> removed, List<String> vcs)
            throws IOException {
        Path from = relative.isEmpty() ? directory : directory.resolve(relative);
        int carried = 0;
        for (Path entry : TreeSwap.list(from)) {
            String name = entry.getFileName().toString();
            String rel = relative.isEmpty() ? name : relative + "/" + name;
            BasicFileAttributes attributes = TreeSwap.attributes(entry);
            if (attributes == null || rel.equals(OutputWriter.MANIFEST) || LEFTOVER.matcher(name).matches()
                    || replaced.contains(rel) || removed.contains(rel)) {
                continue;
            }
            carried++;
            if (attributes.isDirectory() && Manifest.isVcsFolder(name)) {
                ensureParents(rel);
                vcs.add(rel);
            } else if (attributes.isDirectory()) {
                if (carry(rel, replaced, removed, vcs) == 0 && TreeSwap.list(entry).isEmpty()) {
                    ensureDirectory(rel); // the user's empty folder stays; one kforge emptied goes
                }
            } else if (attributes.isSymbolicLink()) {
                ensureParents(rel);
                ops.symbolicLink(next.resolve(rel), Files.readSymbolicLink(entry));
            } else {
                ensureParents(rel);
                linkOrCopy(entry, next.resolve(rel), attributes.isRegularFile());
            }
        }
        return carried;
    }

    private void linkOrCopy(Path existing, Path link, boolean regular) throws IOException {
        try {
            ops.link(link, existing);
        } catch (UnsupportedOperationException e) {
            copyInstead(existing, link, regular, e);
        } catch (FileSystemException e) {
            if (e.getClass() != FileSystemException.class) {
                throw e; // not found, access denied, ...: a failure, not a file system without hard links
            }
            copyInstead(existing, link, regular, e);
        }
    }

    private void copyInstead(Path existing, Path link, boolean regular, Exception noLinks) throws IOException {
        if (!regular) {
            throw new IOException("cannot carry " + existing + " (neither a file nor a folder) over to the new "
                    + "output: the file system has no hard links (" + noLinks.getMessage() + "); move it out of "
                    + shown, noLinks);
        }
        ops.copy(existing, link);
    }

    /** Creates the folders of the new tree down to the parent of {@code rel}. */
    private void ensureParents(String rel) throws IOException {
        int slash = rel.lastIndexOf('/');
        if (slash > 0) {
            ensureDirectory(rel.substring(0, slash));
        }
    }

    private void ensureDirectory(String rel) throws IOException {
        Path dir = next.resolve(rel);
        if (TreeSwap.attributes(dir) != null) {
            return;
        }
        ensureParents(rel);
        ops.createDirectory(dir);
        copyPermissions(directory.resolve(rel), dir);
    }

    /** Gives {@code to} the POSIX permissions of the folder {@code from}, if it is one; best effort. */
    private static void copyPermissions(Path from, Path to) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (view != null && Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                PosixFileAttributes posix = view.readAttributes();
                Files.setPosixFilePermissions(to, posix.permissions());
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // the new folder keeps the default permissions, as a folder kforge creates would have
        }
    }
}
