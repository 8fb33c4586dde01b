package dev.faultline.internal.ring;

import dev.faultline.internal.files.OwnerOnlyDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

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

    /**
     * Creates {@code file} 0600 (failing if anything, a link included, is already there), fills it
     * with {@code size} zero bytes so that a full disk shows up now as an exception rather than
     * later as a fault while writing through the mapping, and returns the open channel.
     */
    static FileChannel createZeroed(Path file, long size) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileChannel ch = posix(file)
                ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE_MODE))
                : FileChannel.open(file, options);
        try {
            ByteBuffer zeros = ByteBuffer.allocateDirect(64 * 1024);
            long written = 0;
            while (written < size) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
                written += ch.write(zeros, written);
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(file);
            throw e;
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
