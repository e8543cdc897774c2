package dev.kforge.write;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The lock files that keep two runs from writing one output directory at once. */
final class Locks {

    private Locks() {
    }

    /** A lock held on a file; closing releases it. */
    static final class Held implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel releases it too
            }
            try {
                channel.close();
            } catch (IOException e) {
                // nothing is left to release
            }
        }
    }

    /**
     * Takes the lock on {@code lockFile} (creating the file), or returns {@code null} if another process or thread
     * holds it.
     *
     * @throws IOException if the file cannot be opened
     */
    static Held tryHold(Path lockFile) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        return new Held(channel, lock);
    }

    /**
     * Whether a run other than the one holding {@code ours} holds the lock on {@code lockFile}; {@code false} when
     * the file is missing or is {@code ours} (a link to it).
     */
    static boolean heldElsewhere(Path lockFile, Path ours) {
        try {
            if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS) || Files.isSameFile(lockFile, ours)) {
                return false;
            }
            Held held = tryHold(lockFile);
            if (held == null) {
                return true;
            }
            held.close();
            return false;
        } catch (IOException e) {
            return false; // a lock file that cannot be opened is nobody's lock
        }
    }
}
