package dev.faultline.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.fixtures.Jvm;
import dev.faultline.ring.RecoveredRun;
import dev.faultline.spring.boot.fixtures.LateLoggingApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A Boot application that exits cleanly leaves a ring marked clean after its last line, even
 * when its own shutdown logs for a while: Faultline's shutdown hook waits for Boot's. Without
 * the wait (max-wait 0) the same application's ring holds a line written after the clean mark,
 * and the next start archives the run as if it had crashed.
 */
class CleanShutdownTest {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void theRingIsMarkedCleanAfterBootsShutdownHasLogged() throws Exception {
        Path dir = exit(List.of());
        assertEquals(List.of(), Faultline.recoverRings(dir), "a clean exit is not recovered as a crash");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.toString().endsWith(".ring")).toList(), "the clean ring was removed");
        }
    }

    @Test
    void withoutWaitingForBootTheLateLineBeliesTheCleanMark() throws Exception {
        Path dir = exit(List.of(), "--faultline.shutdown.max-wait=0ms");
        List<RecoveredRun> runs = Faultline.recoverRings(dir);
        assertEquals(1, runs.size(), "the control: the same exit without the wait looks like a crash");
        String archived = Files.readString(runs.get(0).archive().resolve("ring.txt"));
        assertTrue(archived.contains("drained the last orders"), "the late line is in the archived ring: " + archived);
    }

    private static Path exit(List<String> options, String... args) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "clean-shutdown").toAbsolutePath()), "run");
        List<String> jvm = new java.util.ArrayList<>(options);
        jvm.add("-Dfaultline.dir=" + dir);
        jvm.add("-Dfaultline.app=late-logging");
        Jvm.Result r = Jvm.run(Jvm.testClassPath(), LateLoggingApp.class.getName(), jvm, TIMEOUT, args);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("drained the last orders"), "the late line was logged: " + r);
        return dir;
    }
}
