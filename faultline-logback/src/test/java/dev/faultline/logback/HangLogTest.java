package dev.faultline.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Hang reports reach the application's logs through the Logback bridge like any report: a HUNG
 * and a LOCKUP at ERROR with their stacks, the lockup's all-clear NOTICE at INFO, each under the
 * logger {@code faultline.<site>}.
 */
class HangLogTest {
    @Test
    void hungAndLockupReportsAreLogged() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "children").toAbsolutePath()), "hang");
        Jvm.Result r = Jvm.run(Jvm.testClassPath(), HangLogChildMain.class.getName(), List.of("-Dfaultline.dir=" + dir,
                "-Dfaultline.hung_task_timeout=1", "-Dfaultline.hung_task_check_interval=200ms",
                "-Dfaultline.stall_threshold=0"), Duration.ofSeconds(90));
        assertEquals(0, r.exitCode, r.toString());
        List<String> events = r.stdout.lines().filter(l -> l.startsWith("EVENT ")).collect(Collectors.toList());
        List<String> hung = events.stream().filter(l -> l.startsWith("EVENT ERROR faultline.hung_task HUNG: hung_task at "
                + "app//dev.faultline.fixtures.HangMain.enter(")).collect(Collectors.toList());
        assertEquals(1, hung.size(), r.toString());
        assertTrue(hung.get(0).contains("| at app//dev.faultline.fixtures.HangMain.enter(HangMain.java:"), hung.get(0));
        assertTrue(hung.get(0).contains("kind=\"HUNG\"") && hung.get(0).contains("thread=\"cache-reader\""), hung.get(0));
        List<String> lockup = events.stream().filter(l -> l.startsWith("EVENT ERROR faultline.event-loop LOCKUP: event-loop at "))
                .collect(Collectors.toList());
        assertEquals(1, lockup.size(), r.toString());
        assertTrue(lockup.get(0).contains("| at app//dev.faultline.fixtures.HangMain.spin"), lockup.get(0));
        assertEquals(1, events.stream().filter(l -> l.startsWith("EVENT INFO faultline.event-loop NOTICE: event-loop"))
                .count(), r.toString());
    }
}
