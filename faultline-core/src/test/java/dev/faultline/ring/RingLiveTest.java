package dev.faultline.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.RingTortureMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ring of a run that is still running (it holds the lock on its ring file) is read as live:
 * its writers are mid-frame while it is read, so what fails a check there is not called corrupt.
 */
class RingLiveTest {
    @TempDir
    Path dir;

    @Test
    void theRingOfARunningProcessIsReadAsLiveNeverCorrupt() throws Exception {
        Process p = Jvm.start(RingTortureMain.class, List.of("-Dfaultline.dir=" + dir, "-Dfaultline.ring_size=64k",
                "-Dfaultline.console=off"), "8", "varied");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("ready /"), String.valueOf(ready));
            Path ring = Path.of(ready.substring("ready ".length()));
            Thread drain = new Thread(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (Exception ignored) {
                    // the child is gone
                }
            });
            drain.setDaemon(true);
            drain.start();
            int reads = 0;
            long torn = 0;
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); System.nanoTime() < end; reads++) {
                RingScan scan = RingReader.read(ring);
                assertTrue(scan.summary().contains(", still running;"), scan.summary());
                assertEquals(0, scan.corrupt(), scan.summary() + " " + scan.problems());
                torn += scan.torn();
            }
            System.out.println("live ring: read " + reads + " times while 8 writers ran; " + torn
                    + " frames in flight or overwritten while read, none called corrupt");
        } finally {
            p.destroyForcibly().waitFor();
        }
    }
}
