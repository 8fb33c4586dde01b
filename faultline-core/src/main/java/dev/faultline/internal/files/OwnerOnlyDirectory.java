package dev.faultline.internal.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one rule for directories that hold crash evidence (crash rings, their archive, heap and
 * JFR dumps): owner-only (0700), never a symbolic link, never another user's directory. Crash
 * files hold whatever the application logged or had in memory, and a link planted by another
 * user must not redirect them.
 */
public final class OwnerOnlyDirectory {
    /** rwx------ */
    public static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyDirectory() {}

    /** True when {@code p}'s file system has POSIX permissions. */
    public static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Makes {@code dir} usable for crash evidence: creates it 0700 if missing (parents as
     * needed); refuses a symbolic link, a non-directory, or a directory owned by another user,
     * with an {@link IOException} that names {@code role} and the path; tightens the mode of our
     * own directory to 0700. Returns the absolute, normalised path.
     */
    public static Path prepare(Path dir, String role) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(abs)) {
            throw new IOException("refusing " + role + " " + abs + ": it is a symbolic link");
        }
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = abs.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (posix(abs)) {
                    FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(MODE);
                    Files.createDirectory(abs, mode);
                } else {
                    Files.createDirectory(abs);
                }
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first; the checks below apply to it as to any existing one.
            }
        }
        if (Files.isSymbolicLink(abs)) {
            throw new IOException("refusing " + role + " " + abs + ": it is a symbolic link");
        }
        if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing " + role + " " + abs + ": it is not a directory");
        }
        if (posix(abs)) {
            Object owner = uid(abs);
            Object me = uid(Path.of("/proc/self"));
            if (owner != null && me != null && !owner.equals(me)) {
                throw new IOException("refusing " + role + " " + abs + ": it belongs to uid " + owner
                        + ", not to this user (uid " + me + ")");
            }
            if (!Files.getPosixFilePermissions(abs, LinkOption.NOFOLLOW_LINKS).equals(MODE)) {
                Files.setPosixFilePermissions(abs, MODE);
            }
        }
        return abs;
    }

    private static Object uid(Path p) {
        try {
            return Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
