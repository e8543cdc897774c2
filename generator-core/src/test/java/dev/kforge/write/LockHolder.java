package dev.kforge.write;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process in the middle of writing an output directory: takes the writer's lock on the directory given as
 * the argument, says {@code locked}, and holds it until its standard input closes.
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        try (FileChannel channel = FileChannel.open(dir.resolve(OutputWriter.LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // holds the lock until the test closes the pipe
            }
        }
    }
}
