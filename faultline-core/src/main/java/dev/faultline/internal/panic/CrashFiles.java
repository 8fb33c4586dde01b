package dev.faultline.internal.panic;

import dev.faultline.internal.config.Keys;
import dev.faultline.internal.files.OwnerOnlyDirectory;
import dev.faultline.internal.runtime.Core;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Names and guards the files heavy dumpers write (JFR recordings, heap dumps): inside
 * {@code faultline.panic_dump_dir}, in a directory of this run ({@code faultline-<run>-<pid>},
 * by run id and pid: every container JVM may be pid 1) created owner-only before anything is
 * written, so a dump is never readable by others even while the JDK is still writing it with
 * the umask's permissions; the finished files are made owner-only too. Nothing goes through a
 * symbolic link — a crash file can hold secrets, and a planted link must not redirect it. The
 * dump directory follows the crash directories' rule ({@link OwnerOnlyDirectory#prepare}): this
 * user's own, created 0700 when missing, its mode never changed when it exists.
 */
public final class CrashFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private CrashFiles() {}

    /**
     * A fresh path for a crash file, {@code faultline-<run>-<pid>/faultline-<run>-<pid>-<what>.<ext>}
     * under the dump directory, that does not exist yet; the run's directory is created
     * owner-only. Throws {@link IOException} naming the directory when it cannot be created or is
     * refused ({@link OwnerOnlyDirectory#prepare}: a symbolic link, not a directory, another
     * user's, or writable by anyone without the sticky bit).
     */
    public static Path path(String what, String ext) throws IOException {
        Path dir = OwnerOnlyDirectory.prepare(PanicSettings.dumpDir(), "crash directory",
                Keys.PANIC_DUMP_DIR.property());
        String run = "faultline-" + Core.RUN_ID + "-" + Core.PID;
        dir = OwnerOnlyDirectory.prepare(dir.resolve(run), "crash dump directory");
        String base = run + "-" + what;
        for (int i = 0; i < 1000; i++) {
            Path p = dir.resolve(base + (i == 0 ? "" : "-" + i) + "." + ext);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
        }
        throw new FileAlreadyExistsException(dir.resolve(base + "." + ext).toString());
    }

    /** Makes {@code file} readable and writable by its owner only; a symbolic link is refused. */
    public static void ownerOnly(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException("refusing crash file " + file + ": it is a symbolic link");
        }
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the platform's default permissions apply.
        }
    }
}
