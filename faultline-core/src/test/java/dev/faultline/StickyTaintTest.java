package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.StickyTaintMain;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The taint of a production process is sticky: turning test mode on at run time is itself a
 * relaxing change (taint R), and a reset for tests afterwards never clears what was tainted
 * before test mode came on. And policy setters that race never hide a change.
 */
class StickyTaintTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final List<String> PRODUCTION = List.of("-Dfaultline.test_mode=0");

    static String line(String out, String prefix) {
        for (String l : out.split("\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length()).trim();
            }
        }
        throw new AssertionError("no line '" + prefix + "' in:\n" + out);
    }

    @Test
    void aResetForTestsAfterTurningTestModeOnKeepsAProductionTaint() throws Exception {
        Jvm.Result r = Jvm.run(StickyTaintMain.class, PRODUCTION, TIMEOUT);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(line(r.stdout, "before:").startsWith("Tainted: WR"), r.toString());
        assertTrue(line(r.stdout, "after:").startsWith("Tainted: WR"), r.toString());
        // Counters are a test's business; only the taint is the process's history.
        assertEquals("0", line(r.stdout, "warn count after:"), r.toString());
    }

    @Test
    void turningTestModeOnAtRunTimeTaintsRelaxed() throws Exception {
        Jvm.Result r = Jvm.run(StickyTaintMain.class, PRODUCTION, TIMEOUT, "warn-only");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(line(r.stdout, "before:").startsWith("Tainted: W "), r.toString());
        assertTrue(line(r.stdout, "switched:").startsWith("Tainted: WR"), r.toString());
        // The production W stays; the R of the switch belongs to the test session it started.
        assertTrue(line(r.stdout, "after:").startsWith("Tainted: W "), r.toString());
        assertTrue(r.stderr.contains("faultline: faultline.test_mode changed from 0 to 1 (via api)"), r.toString());
    }

    /**
     * Two threads set warn_limit to distinct values at once. Each change line says from what to
     * what; when every set is one atomic swap, each value set is later reported as the "from"
     * of exactly one change (except the last one standing). A lost swap — the race that can
     * hide a relaxing change from its R taint — shows up as a value never replaced and another
     * replaced twice.
     */
    @Test
    void racingSettersEachSeeTheValueTheyReplace() throws Exception {
        int perThread = 250; // every change line fits the printer's queue (1024), so none is dropped
        Map<String, Integer> replaced = new HashMap<>();
        try (Captured captured = new Captured()) {
            Policy p = Faultline.policy();
            p.setWarnLimit(1);
            Thread a = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    p.setWarnLimit(2 + 2 * i);
                }
            });
            Thread b = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    p.setWarnLimit(3 + 2 * i);
                }
            });
            a.start();
            b.start();
            a.join();
            b.join();
            int last = p.warnLimit();
            p.setWarnLimit(0);
            Matcher m = Pattern.compile("faultline.warn_limit changed from (\\d+) to (\\d+)").matcher(captured.console());
            int lines = 0;
            while (m.find()) {
                replaced.merge(m.group(1), 1, Integer::sum);
                lines++;
            }
            System.out.println("racing setters: " + (2 * perThread) + " sets, " + lines + " change lines");
            assertEquals(2 * perThread + 2, lines, "one change line per set");
            assertEquals(1, replaced.get(String.valueOf(last)), "the last value standing was replaced once, by the reset");
            for (Map.Entry<String, Integer> e : replaced.entrySet()) {
                assertEquals(1, e.getValue(), "value " + e.getKey() + " was replaced " + e.getValue() + " times");
            }
            assertEquals(2 * perThread + 2, replaced.size(), "every value set was replaced exactly once");
        }
    }
}
