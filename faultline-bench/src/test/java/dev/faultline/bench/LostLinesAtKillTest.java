package dev.faultline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * kill -9 side by side: the ring appender loses none of the last acknowledged lines in any
 * trial. The peers' losses are printed, not asserted (they depend on timing).
 */
class LostLinesAtKillTest {
    @Test
    void theRingAppenderLosesNoAcknowledgedLineAtKill() throws Exception {
        int trials = Integer.getInteger("lostlines.trials", 2);
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "lost-lines");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<LostLinesAtKill.Tally> tallies = LostLinesAtKill.run(LostLinesAtKill.CONFIGS, trials, work, cp, new Random());
        System.out.println(trials + " kill -9 trials per configuration:\n" + LostLinesAtKill.table(tallies));
        LostLinesAtKill.Tally ring = tallies.get(0);
        assertEquals("faultline-ring", ring.config);
        assertEquals(trials, ring.trials);
        assertTrue(ring.checked > 0);
        assertEquals(0, ring.lost, LostLinesAtKill.table(tallies));
    }
}
