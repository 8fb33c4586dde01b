package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.RingTortureMain;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code faultline ring verify} on a crash directory while a process is writing its ring: that
 * ring is reported as live, not corrupt, and does not fail the check.
 */
class RingVerifyLiveTest {
    @TempDir
    Path dir;

    @Test
    void verifyReportsTheRingOfARunningProcessAsLiveNotCorrupt() throws Exception {
        Process child = new ProcessBuilder(List.of(Jvm.javaBin(), "-Dfaultline.dir=" + dir, "-Dfaultline.ring_size=64k",
                "-Dfaultline.console=off", "-cp", Jvm.testClassPath(), RingTortureMain.class.getName(), "8", "varied"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        PrintStream oldOut = System.out;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("ready " + dir), String.valueOf(ready));
            Thread drain = new Thread(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (Exception ignored) {
                    // the child is gone
                }
            });
            drain.setDaemon(true);
            drain.start();
            // The writers run flat out while the ring is read; the child stops by itself after 60 s,
            // so a loaded machine reads fewer times rather than past that.
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            for (int i = 0; i < 20 && (i == 0 || System.nanoTime() - until < 0); i++) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
                int exit = new CommandLine(new Main()).execute("ring", "verify", dir.toString());
                System.setOut(oldOut);
                String printed = bytes.toString(StandardCharsets.UTF_8);
                assertEquals(0, exit, printed);
                assertTrue(printed.startsWith("LIVE    " + ready.substring("ready ".length()) + ": run "), printed);
                assertTrue(printed.contains(", still running;"), printed);
                assertTrue(printed.endsWith("1 ring checked, 0 corrupt, 1 live\n"), printed);
            }
        } finally {
            System.setOut(oldOut);
            child.destroyForcibly().waitFor();
        }
    }
}
