package dev.faultline.internal.ring;

import static dev.faultline.ring.RingFormat.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Whether the run that wrote a ring still runs, as another process sees it: the one policy of
 * every reader of a crash directory (the start-up recovery, the boot-loop guard's history, the
 * ring reader's {@code live}). A pid proves nothing on its own: in containers every JVM may be
 * pid 1 of its own PID namespace, and there pid and start time can match by chance.
 *
 * <ol>
 *   <li><b>The lock decides.</b> A run holds an exclusive lock on its ring file from before the
 *       file has its name until the process ends (the kernel drops it at exit, {@code kill -9}
 *       included), and no code of the run ever closes a channel on it (closing any descriptor of
 *       a file drops the process's POSIX locks on it). A held lock means running (or being
 *       archived by another start): the ring is left alone. A free lock on a ring whose header
 *       says its run held the lock ({@link dev.faultline.ring.RingFormat#ORIGIN_LOCKED}) means
 *       the run has ended, whatever its pid.</li>
 *   <li><b>No lock to go by</b> (the writer could not take one, the reader's file system has no
 *       locks, or a ring from before the header said): the header's boot and PID namespace say
 *       what its pid can prove. Another boot id: the run ended with that boot. Another PID
 *       namespace: its pid means nothing here, so no one can tell; the ring is left alone
 *       ({@link Verdict#CANNOT_TELL}). The same namespace (or one not recorded): the run is
 *       alive when a process with its pid and start time exists and is not this one (a ring
 *       with this process's pid but another run id is an earlier incarnation of the pid).</li>
 * </ol>
 * A ring whose header checksum fails is judged without its origin word: by rule 2, as a ring
 * that says nothing.
 */
public final class Liveness {
    /** What a lock probe found. */
    public enum Lock {
        /** Some process (or this one) holds a lock on the file. */
        HELD,
        /** Nobody does. */
        FREE,
        /** The file system cannot tell (no locks there). */
        UNTESTABLE
    }

    /** The judgement on a ring's run. */
    public enum Verdict {
        RUNNING,
        ENDED,
        /** Nothing can tell (no lock evidence, and the run's pid belongs to another PID namespace): treat as running. */
        CANNOT_TELL
    }

    private static final int BOOT_MASK = ~(ORIGIN_LOCKED | ORIGIN_BOOT);

    private Liveness() {}

    /** This host's boot and this process's PID namespace, read once. */
    private static final class Here {
        static final int BOOT = bootWord(Path.of("/proc/sys/kernel/random/boot_id"));
        static final int PID_NAMESPACE = namespace(Path.of("/proc/self/ns/pid"));
    }

    /**
     * The header's origin word for a run of this process: {@code locked} when it holds the lock
     * on its ring file, and this boot's id (hashed) when known.
     */
    public static int origin(boolean locked) {
        return Here.BOOT | (locked ? ORIGIN_LOCKED : 0);
    }

    /** This process's PID namespace (the inode number of {@code /proc/self/ns/pid}), 0 when unknown. */
    public static int pidNamespace() {
        return Here.PID_NAMESPACE;
    }

    /**
     * Probes the lock on the file open in {@code ch} (read-only is enough) without disturbing
     * it: a shared lock, released at once. Never throws.
     */
    public static Lock probe(FileChannel ch) {
        try {
            FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                return Lock.HELD; // another process holds it
            }
            probe.release();
            return Lock.FREE;
        } catch (OverlappingFileLockException e) {
            return Lock.HELD; // this very process holds it
        } catch (IOException | RuntimeException e) {
            return Lock.UNTESTABLE;
        }
    }

    /**
     * The verdict on the run whose ring header is {@code header} (at least
     * {@link dev.faultline.ring.RingFormat#HEADER_LENGTH} bytes, little-endian, magic checked by
     * the caller), given what a probe of its file's lock found; {@code myPid} is the reader's
     * pid. Never throws.
     */
    public static Verdict judge(ByteBuffer header, Lock lock, long myPid) {
        if (lock == Lock.HELD) {
            return Verdict.RUNNING;
        }
        boolean trusted = headerCrc(header) == header.getInt(H_CRC);
        int origin = trusted ? header.getInt(H_ORIGIN) : 0;
        if (lock == Lock.FREE && (origin & ORIGIN_LOCKED) != 0) {
            return Verdict.ENDED;
        }
        if ((origin & ORIGIN_BOOT) != 0 && Here.BOOT != 0 && (origin & BOOT_MASK) != (Here.BOOT & BOOT_MASK)) {
            return Verdict.ENDED; // written before this host last booted
        }
        int namespace = trusted ? header.getInt(H_PID_NAMESPACE) : 0;
        if (namespace != 0 && Here.PID_NAMESPACE != 0 && namespace != Here.PID_NAMESPACE) {
            return Verdict.CANNOT_TELL;
        }
        long pid = header.getLong(H_PID);
        if (pid == myPid) {
            return Verdict.ENDED; // a different run with this process's pid: an earlier incarnation
        }
        return alive(pid, header.getLong(H_START)) ? Verdict.RUNNING : Verdict.ENDED;
    }

    /** True when a process with this pid and start time exists: {@link dev.faultline.ring.RunLiveness#alive}. */
    static boolean alive(long pid, long startMillis) {
        return dev.faultline.ring.RunLiveness.alive(pid, startMillis);
    }

    /** The boot id's origin bits (its CRC32C, with {@link dev.faultline.ring.RingFormat#ORIGIN_BOOT}); 0 when unreadable. */
    static int bootWord(Path bootId) {
        try (InputStream in = Files.newInputStream(bootId)) {
            byte[] id = in.readNBytes(64); // a UUID and a newline; never more
            String text = new String(id, StandardCharsets.US_ASCII).strip();
            if (text.isEmpty()) {
                return 0;
            }
            CRC32C crc = new CRC32C();
            crc.update(text.getBytes(StandardCharsets.US_ASCII));
            return ((int) crc.getValue() & BOOT_MASK) | ORIGIN_BOOT;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The inode number in a namespace link ({@code pid:[4026531836]}), low 32 bits; 0 when unreadable. */
    static int namespace(Path link) {
        try {
            String t = Files.readSymbolicLink(link).toString();
            int open = t.indexOf('[');
            int close = t.indexOf(']', open + 1);
            if (open < 0 || close < 0 || close - open > 21) {
                return 0;
            }
            return (int) Long.parseLong(t.substring(open + 1, close));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
