package dev.kforge.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The operations by which {@link OutputWriter} changes the disk — every one of them, so that a test can make any
 * of them fail (or pause) and see what the writer leaves behind. Reading goes straight to {@link Files}: it changes
 * nothing.
 */
interface FileOperations {

    /** Creates one directory; its parent exists. */
    void createDirectory(Path dir) throws IOException;

    /** Creates a new file with {@code content}; fails if it exists. */
    void createFile(Path file, byte[] content) throws IOException;

    /**
     * Renames {@code from} (a file or a directory) to {@code to}, atomically; a file replaces {@code to}, a
     * directory only an empty one.
     */
    void move(Path from, Path to) throws IOException;

    /** Deletes a file, a symbolic link (not what it points to) or an empty directory. */
    void delete(Path path) throws IOException;

    /**
     * Makes {@code link} a new name of the file {@code existing} (a hard link: same content, same modification
     * time). A file system without hard links throws {@link java.nio.file.FileSystemException} or
     * {@link UnsupportedOperationException}; the writer then copies.
     */
    void link(Path link, Path existing) throws IOException;

    /** Copies the file {@code from} to the new {@code to} with its modification time; never follows a link. */
    void copy(Path from, Path to) throws IOException;

    /** Creates the symbolic link {@code link} pointing at {@code target}, as written. */
    void symbolicLink(Path link, Path target) throws IOException;

    /** The operations of the real file system. */
    FileOperations DISK = new FileOperations() {
        @Override
        public void createDirectory(Path dir) throws IOException {
            Files.createDirectory(dir);
        }

        @Override
        public void createFile(Path file, byte[] content) throws IOException {
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(content);
            }
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public void delete(Path path) throws IOException {
            Files.delete(path);
        }

        @Override
        public void link(Path link, Path existing) throws IOException {
            Files.createLink(link, existing);
        }

        @Override
        public void copy(Path from, Path to) throws IOException {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public void symbolicLink(Path link, Path target) throws IOException {
            Files.createSymbolicLink(link, target);
        }
    };
}
