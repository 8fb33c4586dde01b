package dev.faultline.hang;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.ContendedMain;
import dev.faultline.fixtures.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deadlock scan stops the world only when there may be a deadlock: a JVM whose threads
 * contend for a monitor and a {@code ReentrantLock} all the time, scanned every 100 ms, has no
 * {@code FindDeadlocks} safepoint in the JVM's safepoint log while no cycle exists; once a real
 * deadlock is made, the safepoint scan runs and reports it.
 */
class DeadlockScanSafepointTest {
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+\\.\\d+)s\\].*Safepoint \"FindDeadlocks\"");

    @Test
    void aBusyServiceWithoutADeadlockIsNeverStoppedByTheScan() throws Exception {
        Path log = Files.createTempFile("deadlock-scan-safepoints", ".log");
        Jvm.Result r = Jvm.run(ContendedMain.class, List.of("-Dfaultline.deadlock_check=100ms",
                "-Dfaultline.hung_task_timeout=0", "-Xlog:safepoint:file=" + log + ":uptime"),
                Duration.ofSeconds(120), "4", "3");
        Matcher at = Pattern.compile("deadlock at (\\d+)").matcher(r.stdout);
        assertTrue(at.find(), "the child did not get to its deadlock: " + r);
        assertTrue(r.stderr.contains("DEADLOCK"), "the real deadlock was not reported: " + r);
        double deadlockAt = Long.parseLong(at.group(1)) / 1000.0;
        int before = 0;
        int after = 0;
        StringBuilder seen = new StringBuilder();
        for (String line : Files.readAllLines(log)) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                seen.append(line).append('\n');
                if (Double.parseDouble(m.group(1)) < deadlockAt) {
                    before++;
                } else {
                    after++;
                }
            }
        }
        System.out.printf("FindDeadlocks safepoints: %d in the %.1f s of contention without a cycle, %d after the deadlock%n",
                before, deadlockAt, after);
        assertTrue(before == 0, before + " FindDeadlocks safepoints while no thread waited in a cycle (deadlock made at "
                + deadlockAt + " s):\n" + seen);
        assertTrue(after >= 1, "the deadlock was reported without the safepoint scan confirming it:\n" + seen);
        Files.deleteIfExists(log);
    }
}
