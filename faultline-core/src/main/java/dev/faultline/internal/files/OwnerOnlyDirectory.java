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
 * JFR dumps): this user's own directory, never a symbolic link, never another user's directory,
 * and never one that any local user could empty. Crash files hold whatever the application
 * logged or had in memory, and a link or directory planted by another user must not redirect
 * them.
 *
 * <p>Faultline changes nothing it did not create: a directory it creates is made owner-only
 * (0700); an existing directory keeps its mode, whatever it is. That is safe because every file
 * Faultline writes in it is created owner-only (0600), never over an existing file and never
 * through a link, and because at recovery only this user's own regular files are read, claimed
 * or removed. "This user" is the process's file-system uid ({@link ProcessUser}).
 */
public final class OwnerOnlyDirectory {
    /** rwx------: the mode of a directory Faultline creates. */
    public static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rwx------");
    /** The sticky bit of {@code st_mode}: only a file's owner may remove or rename it. */
    private static final int STICKY = 01000;
    private static final int OTHERS_WRITE = 0002;

    private OwnerOnlyDirectory() {}

    /** True when {@code p}'s file system has POSIX permissions. */
    public static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Makes {@code dir} usable for crash evidence and returns its absolute, normalised path.
     * <ul>
     * <li>Missing: it is created 0700 (missing parents with the default mode).</li>
     * <li>Existing and this user's: used as it is; its mode is never changed (a shared volume,
     *     a directory in the user's home, {@code /var/lib/<app>} with the group's read access
     *     all stay as the operator made them).</li>
     * <li>Refused with an {@link IOException} that names {@code role}, the path and why: a
     *     symbolic link; not a directory; another user's directory (its owner would control
     *     what happens to this user's evidence in it); a directory anyone can write to
     *     without the sticky bit (any local user could delete or replace the evidence). A
     *     world-writable directory <em>with</em> the sticky bit, such as a shared 1777 volume,
     *     is accepted when this user owns it: others cannot remove or rename this user's
     *     files there, and the files they plant are never followed or opened. So is a
     *     group-writable one: whoever made it so trusts the group.</li>
     * </ul>
     * Where the file system has no POSIX permissions, only links and non-directories are
     * refused. When this process's uid cannot be found (see {@link ProcessUser}), the owner is
     * not checked.
     */
    public static Path prepare(Path dir, String role) throws IOException {
        return prepare(dir, role, null);
    }

    /**
     * As {@link #prepare(Path, String)}; the messages name the setting {@code key} that gave the
     * directory after its path, when it is not null.
     */
    public static Path prepare(Path dir, String role, String key) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        String what = role + " " + abs + (key == null ? "" : " (" + key + ")");
        if (Files.isSymbolicLink(abs)) {
            throw new IOException("refusing " + what + ": it is a symbolic link");
        }
        boolean created = false;
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
                created = true;
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first; the checks below apply to it as to any existing one.
            }
        }
        if (Files.isSymbolicLink(abs)) {
            throw new IOException("refusing " + what + ": it is a symbolic link");
        }
        if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing " + what + ": it is not a directory");
        }
        if (posix(abs)) {
            if (!ProcessUser.owns(abs)) {
                throw new IOException("refusing " + what + ": it belongs to "
                        + ProcessUser.describeOwner(abs) + ", not to this process's user (" + ProcessUser.describe()
                        + "); run as its owner, or use a directory of this user's own");
            }
            if (created) {
                // Ours, just made: only a strange umask can have narrowed it.
                if (!Files.getPosixFilePermissions(abs, LinkOption.NOFOLLOW_LINKS).equals(MODE)) {
                    Files.setPosixFilePermissions(abs, MODE);
                }
            } else if (openToAnyone(abs)) {
                throw new IOException("refusing " + what + ": anyone can write to it and it has no sticky"
                        + " bit, so any local user could delete or replace the evidence in it; remove others' write"
                        + " permission (chmod o-w) or add the sticky bit (chmod +t), or use another directory");
            }
        }
        return abs;
    }

    /** True when others may write to {@code dir} and the sticky bit does not protect its entries. */
    private static boolean openToAnyone(Path dir) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & OTHERS_WRITE) != 0 && (mode & STICKY) == 0;
        } catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // No st_mode to read the sticky bit from: others' write permission alone decides.
            return Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OTHERS_WRITE);
        }
    }
}
