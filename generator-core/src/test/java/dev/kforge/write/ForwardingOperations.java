package dev.kforge.write;

import java.io.IOException;
import java.nio.file.Path;

/** Disk operations that do what the real disk does; tests override the one they want to slow down or watch. */
class ForwardingOperations implements FileOperations {

    @Override
    public void createDirectory(Path dir) throws IOException {
        DISK.createDirectory(dir);
    }

    @Override
    public void createFile(Path file, byte[] content) throws IOException {
        DISK.createFile(file, content);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        DISK.move(from, to);
    }

    @Override
    public void delete(Path path) throws IOException {
        DISK.delete(path);
    }

    @Override
    public void link(Path link, Path existing) throws IOException {
        DISK.link(link, existing);
    }

    @Override
    public void copy(Path from, Path to) throws IOException {
        DISK.copy(from, to);
    }

    @Override
    public void symbolicLink(Path link, Path target) throws IOException {
        DISK.symbolicLink(link, target);
    }
}
