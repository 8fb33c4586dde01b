package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.HungHookMain;
import dev.faultline.fixtures.Jvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shutdown that hangs in an application hook after Faultline's clean mark, then is killed
 * with kill -9 by its supervisor (this test): the next start must archive the ring, never
 * delete it unread, whether or not anything was written after the mark. And a run that
 * really ended cleanly still leaves nothing behind.
 */
class HungShutdownTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** Runs the child until its hook hangs, kills it with SIGKILL, and returns its ring file. */
    Path killedWhileHung(String mode) throws Exception {
        Process child = Jvm.start(HungHookMain.class, List.of("-Dfaultline.dir=" + dir), mode);
        Jvm.Output out = new Jvm.Output(child.getInputStream());
        Jvm.Output err = new Jvm.Output(child.getErrorStream());
        try {
            String text = out.await("hook hung", TIMEOUT);
            assertTrue(text.contains("hook hung; clean mark true"), text + err.text());
            new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue());
            String ring = text.substring(text.indexOf("ring ") + 5, text.indexOf('\n')).trim();
            return Path.of(ring);
        } finally {
            child.destroyForcibly();
        }
    }

    List<String> recover() {
        List<String> lines = new ArrayList<>();
        new Recovery(dir, 10, -1, "next-run", lines::add).run();
        return lines;
    }

    String archivedText() throws Exception {
        Path archive = dir.resolve(Recovery.ARCHIVE);
        assertTrue(Files.isDirectory(archive), "no archive directory in " + dir);
        try (var runs = Files.list(archive)) {
            List<Path> all = runs.toList();
            assertEquals(1, all.size(), all.toString());
            return Files.readString(all.get(0).resolve("ring.txt"), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWarningWrittenAfterTheCleanMarkOfAKilledRunIsArchivedNotDeleted() throws Exception {
        Path ring = killedWhileHung("warn");
        List<String> lines = recover();
        assertFalse(Files.exists(ring), "the ring was left in place: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("faultline: recovered the crash ring")), lines.toString());
        assertTrue(archivedText().contains("written after the clean mark"), archivedText());
    }

    @Test
    void aRunKilledWhileAShutdownHookHungIsArchivedEvenWithNothingAfterTheMark() throws Exception {
        killedWhileHung("quiet");
        List<String> lines = recover();
        assertTrue(lines.stream().anyMatch(l -> l.contains("never finished its shutdown hooks")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("faultline: recovered the crash ring")), lines.toString());
        archivedText();
    }

    @Test
    void aRunThatEndedCleanlyLeavesNothingBehind() throws Exception {
        Jvm.Result r = Jvm.run(dev.faultline.fixtures.RingChildMain.class, List.of("-Dfaultline.dir=" + dir), TIMEOUT,
                "exit");
        assertEquals(0, r.exitCode, r.toString());
        List<String> lines = recover();
        assertTrue(lines.isEmpty(), lines.toString());
        try (var left = Files.list(dir)) {
            List<Path> files = left.filter(p -> !Files.isDirectory(p)).toList();
            assertTrue(files.isEmpty(), "left behind: " + files);
        }
        assertFalse(Files.exists(dir.resolve(Recovery.ARCHIVE)));
    }
}
