package dev.faultline.ring;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether the run that wrote a ring is still running, judged by its process: the one answer to
 * "is the process with this pid, started at this time, alive", for recovery, {@code ring show},
 * {@code ps} and everyone else. A pid alone proves nothing (pids are reused, and in containers
 * every JVM may be pid 1), so the start time must match too, within the clock-tick rounding two
 * readings of one start time may differ by.
 */
public final class RunLiveness {
    /** Two readings of one process's start time may differ by clock-tick rounding. */
    public static final long START_TOLERANCE_MS = 2000;

    private RunLiveness() {}

    /**
     * True when a process with {@code pid} exists and its start time is within
     * {@link #START_TOLERANCE_MS} of {@code startMillis}; false when no such process exists or it
     * started at another time (another incarnation of the pid). When it cannot be told (the
     * process exists but the system does not say when it started, or refuses to say anything)
     * the answer is <b>alive</b>: a live run taken for dead would have its ring claimed and
     * archived while it is still being written, a dead run taken for alive only waits for the next
     * look. Never throws.
     */
    public static boolean alive(long pid, long startMillis) {
        try {
            Optional<ProcessHandle> ph = ProcessHandle.of(pid);
            if (ph.isEmpty() || !ph.get().isAlive()) {
                return false;
            }
            Optional<Instant> started = ph.get().info().startInstant();
            return started.isEmpty() || Math.abs(started.get().toEpochMilli() - startMillis) <= START_TOLERANCE_MS;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
