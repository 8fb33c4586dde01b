package dev.faultline.ring;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the run that owns a ring is still running, as seen by a reader in another process. A
 * running run holds an exclusive lock on its ring file for its whole life ({@link CrashRings});
 * without the lock (a file system without locks), a process with the header's pid and start
 * time is taken as the run. Its writers may be mid-frame while the ring is read.
 */
final class LiveRun {
    /** Two readings of one process's start time may differ by clock-tick rounding. */
    private static final long START_TOLERANCE_MS = 2000;

    private LiveRun() {}

    /** True when some process holds a lock on the file open in {@code ch} (read-only is enough). */
    static boolean holdsLock(FileChannel ch) {
        try {
            FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                return true; // another process holds it
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this very process holds it
        } catch (IOException | RuntimeException e) {
            return false; // no locks here: the pid and start time decide
        }
    }

    /** True when a process with this pid and start time exists (a known start time that matches). */
    static boolean running(long pid, long startMillis) {
        try {
            Optional<ProcessHandle> ph = ProcessHandle.of(pid);
            if (ph.isEmpty() || !ph.get().isAlive()) {
                return false;
            }
            Optional<Instant> started = ph.get().info().startInstant();
            return started.isPresent() && Math.abs(started.get().toEpochMilli() - startMillis) <= START_TOLERANCE_MS;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
