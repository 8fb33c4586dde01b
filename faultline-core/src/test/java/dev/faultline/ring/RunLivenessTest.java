package dev.faultline.ring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One answer to "is this pid, started then, alive": the pid and its start time, never the pid alone. */
class RunLivenessTest {
    private static final ProcessHandle ME = ProcessHandle.current();
    private static final long STARTED = ME.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);

    @Test
    void thisProcessWithItsStartTimeIsAlive() {
        assertTrue(RunLiveness.alive(ME.pid(), STARTED));
    }

    @Test
    void thisPidWithAnotherStartTimeIsAnotherIncarnation() {
        org.junit.jupiter.api.Assumptions.assumeTrue(STARTED > 0, "this system does not say when a process started");
        assertFalse(RunLiveness.alive(ME.pid(), STARTED - 60_000));
        assertTrue(RunLiveness.alive(ME.pid(), STARTED + RunLiveness.START_TOLERANCE_MS / 2), "clock-tick rounding");
    }

    @Test
    void aPidNoProcessHasIsDead() throws Exception {
        Process p = new ProcessBuilder("true").start();
        long pid = p.pid();
        long started = p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        p.waitFor();
        assertFalse(RunLiveness.alive(pid, started));
    }
}
