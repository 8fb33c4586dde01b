package dev.faultline.internal.ring;

import dev.faultline.internal.files.OwnerOnlyDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The file-system rules for crash evidence: directories are owner-only (0700), files are
 * owner-only (0600), and a symbolic link where a crash directory or ring file should be is
 * refused — crash files hold whatever the application logged, and a link planted by another
 * user must not redirect them.
 */
final class RingFiles {
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private RingFiles() {}

    /** Raised when a crash path cannot be used; the message names the path and says why. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    static boolean posix(Path p) {
        return OwnerOnlyDirectory.posix(p);
    }

    /** The crash-evidence directory rule ({@link OwnerOnlyDirectory#prepare}), for {@code dir}. */
    static Path prepareDirectory(Path dir, String role) throws IOException {
        return OwnerOnlyDirectory.prepare(dir, role);
    }

    /** A ring file just created: its channel, and the exclusive lock on it (null when none could be had). */
    static final class Created {
        final FileChannel channel;
        final FileLock lock;

        Created(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    /** How long a new ring waits for its own lock while a reader's probe holds it. */
    private static final long LOCK_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    /**
     * Creates {@code file} 0600 (failing if anything, a link included, is already there), takes
     * the exclusive lock on it before it holds anything (a reader's probe holds a lock only for
     * an instant, so this waits up to 2 s for it), and fills it with {@code size} zero bytes so
     * that a full disk shows up now as an exception rather than later as a fault while writing
     * through the mapping. The lock is what tells other processes that the run is alive; it lasts as long as
     * the channel, which the caller never closes. Without locks (a file system that has none,
     * or a probe that never lets go) the file is created unlocked, and {@link Created#lock} is null.
     */
    static Created createLocked(Path file, long size) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileChannel ch = posix(file)
                ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE_MODE))
                : FileChannel.open(file, options);
        try {
            FileLock lock = lock(ch);
            fill(ch, size);
            return new Created(ch, lock);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static FileLock lock(FileChannel ch) {
        long deadline = System.nanoTime() + LOCK_WAIT_NANOS;
        while (true) {
            try {
                FileLock l = ch.tryLock();
                if (l != null || System.nanoTime() - deadline > 0) {
                    return l;
                }
            } catch (IOException | RuntimeException e) {
                return null; // no locks on this file system
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void fill(FileChannel ch, long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(64 * 1024);
        long written = 0;
        while (written < size) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
            written += ch.write(zeros, written);
        }
    }

    /** Creates {@code file} 0600 for writing; fails if anything, a link included, is already there. */
    static OutputStream createOwnerOnly(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileChannel ch = posix(file)
                ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE_MODE))
                : FileChannel.open(file, options);
        return Channels.newOutputStream(ch);
    }
}
