package dev.kforge.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The operations by which {@link OutputWriter} changes the disk — every one of them, so that a test can make any
 * of them fail and see what the writer leaves behind. Reading goes straight to {@link Files}: it changes nothing.
 */
interface FileOperations {

    /** Creates one directory; its parent exists. */
    void createDirectory(Path dir) throws IOException;

    /** Creates a new file with {@code content}; fails if it exists. */
    void createFile(Path file, byte[] content) throws IOException;

    /** Moves {@code from} to {@code to}, replacing {@code to}; atomically where the file system can. */
    void move(Path from, Path to) throws IOException;

    /** Deletes a file or an empty directory. */
    void delete(Path path) throws IOException;

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
    };
}
