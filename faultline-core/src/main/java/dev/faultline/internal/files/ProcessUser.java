package dev.faultline.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Who this process is to the file system: the one answer to "is this file ours?" wherever
 * Faultline decides it (crash directories, the archive, dump directories, rings found at
 * recovery).
 *
 * <p>The user is the process's <em>file-system</em> uid: the uid the kernel gives every file the
 * process creates and checks its access with (the effective uid, unless the process changed its
 * fs uid). It is found, once per process:
 * <ol>
 * <li>on Linux, in the {@code Uid:} line of {@code /proc/self/status} (its fourth number). Not
 *     from the owner of {@code /proc/self}: that is a symbolic link, which the kernel reports as
 *     owned by root for every process;</li>
 * <li>where that file does not exist (another Unix, a chroot or container without {@code /proc}),
 *     as the owner of a file created for the purpose in {@code java.io.tmpdir} and deleted at
 *     once;</li>
 * <li>when neither works (no {@code /proc} and a temporary directory this process cannot write,
 *     or a file system without Unix owners), it is unknown: {@link #uid()} is empty and
 *     {@link #owns(Path)} answers {@code true} — the owner check cannot be made, and the
 *     operating system's permissions alone decide what the process can use.</li>
 * </ol>
 * Never throws.
 */
public final class ProcessUser {
    /** {@code /proc/self/status} is about 1.5 KB; a file that is longer than this is not it. */
    private static final int STATUS_LIMIT = 64 * 1024;

    private ProcessUser() {}

    private static final class Holder {
        static final OptionalLong UID = find(Path.of("/proc/self/status"),
                Path.of(System.getProperty("java.io.tmpdir", "/tmp")));
    }

    /** This process's file-system uid; empty when it cannot be found (see the class comment). */
    public static OptionalLong uid() {
        return Holder.UID;
    }

    /**
     * The uid owning {@code p} itself (a link is not followed), or empty when {@code p} does not
     * exist, cannot be read, or its file system has no Unix owners.
     */
    public static OptionalLong owner(Path p) {
        try {
            Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return uid instanceof Number ? OptionalLong.of(((Number) uid).longValue()) : OptionalLong.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * False only when {@code p} (not followed if a link) is known to belong to another user than
     * this process's; true when it is ours or either owner is unknown.
     */
    public static boolean owns(Path p) {
        OptionalLong me = uid();
        if (me.isEmpty()) {
            return true;
        }
        OptionalLong owner = owner(p);
        return owner.isEmpty() || owner.getAsLong() == me.getAsLong();
    }

    /** {@code uid N (name)} of {@code p}'s owner, or {@code uid N} when the name is unknown; for messages. */
    public static String describeOwner(Path p) {
        OptionalLong uid = owner(p);
        String name = null;
        try {
            name = Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // The uid alone says it.
        }
        if (uid.isEmpty()) {
            return name == null ? "an unknown user" : name;
        }
        String n = String.valueOf(uid.getAsLong());
        return name == null || name.equals(n) ? "uid " + n : "uid " + n + " (" + name + ")";
    }

    /** {@code uid N} of this process, or {@code an unknown uid}; for messages. */
    public static String describe() {
        OptionalLong me = uid();
        return me.isEmpty() ? "an unknown uid" : "uid " + me.getAsLong();
    }

    /** The search described in the class comment, from {@code status} (Linux) or a probe file in {@code tmp}. */
    static OptionalLong find(Path status, Path tmp) {
        OptionalLong fromProc = fromStatus(status);
        return fromProc.isPresent() ? fromProc : fromProbe(tmp);
    }

    /** The fs uid (fourth number of the {@code Uid:} line) of a {@code /proc/<pid>/status} file; empty if none. */
    static OptionalLong fromStatus(Path status) {
        byte[] text;
        try (InputStream in = Files.newInputStream(status)) {
            text = in.readNBytes(STATUS_LIMIT);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return parseStatus(new String(text, StandardCharsets.US_ASCII));
    }

    static OptionalLong parseStatus(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                if (ids.length < 4) {
                    return OptionalLong.empty();
                }
                try {
                    long fs = Long.parseLong(ids[3]);
                    return fs >= 0 ? OptionalLong.of(fs) : OptionalLong.empty();
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The owner of a fresh file in {@code dir} (deleted at once); empty when one cannot be created. */
    static OptionalLong fromProbe(Path dir) {
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, "faultline-uid-", ".probe");
            return owner(probe);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException | RuntimeException ignored) {
                    // A leftover empty probe file in the temporary directory harms no one.
                }
            }
        }
    }
}
