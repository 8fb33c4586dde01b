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

/** A run that died is announced in the next run's own logs, with its last lines replayed. */
class RecoveredRunLogTest {
    @Test
    void theNextRunLogsTheDeadRunAsOneErrorAndReplaysItsLastLines() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "children").toAbsolutePath()), "rr");
        List<String> opts = List.of("-Dfaultline.dir=" + dir);
        Jvm.Result dead = Jvm.run(Jvm.testClassPath(), RecoveredRunChildMain.class.getName(), opts,
                Duration.ofSeconds(60), "crash", "50");
        assertEquals(137, dead.exitCode, dead.toString());
        Jvm.Result next = Jvm.run(Jvm.testClassPath(), RecoveredRunChildMain.class.getName(), opts,
                Duration.ofSeconds(60), "announce");
        assertEquals(0, next.exitCode, next.toString());
        List<String> events = next.stdout.lines().filter(l -> l.startsWith("EVENT ")).collect(Collectors.toList());
        List<String> announced = events.stream().filter(l -> l.startsWith("EVENT ERROR faultline.recovered previous run "))
                .collect(Collectors.toList());
        assertEquals(1, announced.size(), next.toString());
        String a = announced.get(0);
        assertTrue(a.contains("ended without a clean shutdown"), a);
        assertTrue(a.contains("archived in " + dir.resolve("archive")), a);
        assertTrue(a.contains("run_id=\""), a);
        assertTrue(a.contains("ended=\"ended without a clean shutdown"), a);
        List<String> replayed = events.stream().filter(l -> l.startsWith("EVENT INFO faultline.replay "))
                .collect(Collectors.toList());
        assertEquals(3, replayed.size(), next.toString());
        assertTrue(replayed.get(2).contains("[replayed] INFO app.child: last words 50"), replayed.toString());
        assertTrue(replayed.get(2).contains("replayed=\"true\""), replayed.get(2));
    }
}
