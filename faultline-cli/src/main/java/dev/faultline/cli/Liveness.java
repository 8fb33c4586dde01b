package dev.faultline.cli;

import java.time.Instant;
import java.util.Optional;

/** Whether a ring's run is still running: a process with its pid and its start time exists. */
final class Liveness {
    /** Two readings of one process's start time may differ by clock-tick rounding. */
    private static final long START_TOLERANCE_MS = 2000;

    private Liveness() {}

    /** True when a process with {@code pid} started at {@code startMillis} runs (the pid alone proves nothing: pid reuse, containers). */
    static boolean alive(long pid, long startMillis) {
        try {
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return false;
            }
            Optional<Instant> started = p.get().info().startInstant();
            return started.isEmpty() || Math.abs(started.get().toEpochMilli() - startMillis) <= START_TOLERANCE_MS;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
