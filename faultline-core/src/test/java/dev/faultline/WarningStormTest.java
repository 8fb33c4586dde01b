package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.StormMain;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A warning storm from every core for three seconds, in a real JVM with a small heap: the
 * output stays within what the limits allow, the suppressed path allocates nothing, the heap
 * does not grow, and the exit flush announces every suppressed firing.
 */
class WarningStormTest {
    static final long STORM_MILLIS = 3000;

    @Test
    void aStormIsBoundedInOutputAndMemoryAndEveryFiringIsAccountedFor() throws Exception {
        Jvm.Result r = Jvm.run(StormMain.class, List.of("-Xmx64m"), Duration.ofSeconds(90),
                String.valueOf(STORM_MILLIS));
        assertEquals(0, r.exitCode, r.toString());
        Map<String, Long> f = figures(r.stdout);

        long calls = f.get("calls");
        assertTrue(calls >= 100_000, "a storm, not a drizzle: " + f);
        for (String site : List.of("rate", "once", "print")) {
            assertEquals(calls, f.get(site + "_fired"), site + " counted every firing: " + f);
            assertEquals(calls, f.get(site + "_reported") + f.get(site + "_suppressed"), site + ": " + f);
        }
        // 10 per second over a 3 s storm opens at most 4 windows; once is once; the print site
        // has the process default, 10 per 5 s: one window.
        long windows = STORM_MILLIS / 1000 + 1;
        assertTrue(f.get("rate_reported") <= 10 * windows, f.toString());
        assertEquals(1, f.get("once_reported"));
        assertTrue(f.get("print_reported") <= 10, f.toString());

        long reports = count(r.stderr, "------------[ cut here ]------------");
        long allowed = 10 * windows + 1 + 10 + 3; // + one exit-flush notice per site
        assertTrue(reports <= allowed, reports + " reports for " + calls + " firings\n" + r.stderr);
        long lines = r.stderr.lines().count();
        assertTrue(lines <= allowed * 80, lines + " lines of output for " + calls + " firings");

        // Each report allocates (stack, text); a suppressed firing allocates nothing.
        long allocated = f.get("allocated");
        assertTrue(allocated < 16L << 20, allocated + " bytes allocated by the storm threads for " + calls + " firings");
        assertTrue(allocated / calls < 1, allocated + " bytes for " + calls + " firings");
        assertTrue(f.get("heap_growth") < 16L << 20, "heap grew by " + f.get("heap_growth"));

        // Every suppressed firing was announced exactly once: by a later report of its site
        // (a racing first report may already carry a few) or by the exit flush.
        for (String site : List.of("rate", "once", "print")) {
            assertEquals(f.get(site + "_suppressed"), announced(r.stderr, "storm." + site),
                    "announced for storm." + site + ": " + f);
        }
        assertTrue(r.stderr.contains("NOTICE: storm.once\n"), "the exit flush reported the quiet once site");
    }

    /** Sum of the "Suppressed: N since" lines in the reports of {@code site}. */
    private static long announced(String stderr, String site) {
        long sum = 0;
        for (String block : stderr.split("------------\\[ cut here \\]------------\n")) {
            String headline = block.lines().findFirst().orElse("");
            if (!headline.matches("[A-Z]+: " + Pattern.quote(site) + "( at .*)?")) {
                continue;
            }
            Matcher m = Pattern.compile("\nSuppressed: (\\d+) since ").matcher(block);
            while (m.find()) {
                sum += Long.parseLong(m.group(1));
            }
        }
        return sum;
    }

    private static Map<String, Long> figures(String stdout) {
        Map<String, Long> map = new HashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("threads=")) {
                for (String pair : line.trim().split(" ")) {
                    String[] kv = pair.split("=");
                    map.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        assertTrue(map.containsKey("calls"), "no figures line in: " + stdout);
        return map;
    }

    private static long count(String text, String what) {
        long n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }
}
