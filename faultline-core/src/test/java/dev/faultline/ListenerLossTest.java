package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.ListenerLossMain;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import dev.faultline.report.ReportListener;

/**
 * No report is lost silently on the way to a listener, with real child JVMs and a burst of 5000
 * emitted warnings from 4 threads: for each ordinary listener, the reports it was given plus the
 * reports it was told it missed ({@link ReportListener#onMissed}) equal the reports fired, and
 * the line that announces a drop names the real cause (the console, or the listener that held
 * the listeners up) and says whether the crash ring has the reports. Scenarios: a slow listener,
 * a blocked {@code System.err} with the console on, the console off, the crash ring off.
 */
class ListenerLossTest {
    static final int REPORTS = 5000;
    static final int THREADS = 4;
    /** A listener this slow cannot keep up with 5000 reports fired at once: its queue overflows. */
    static final String SLOW_MICROS = "1000";
    static final String LISTENER_DROP = " not given to listeners (listener slow-listener too slow: ";
    static final String CONSOLE_DROP = " not printed (console too slow); ";

    /** A finished child: its figures, stderr and crash-ring records. */
    static final class Child {
        final String out;
        final String err;
        final List<RingRecord> ring;

        Child(String out, String err, List<RingRecord> ring) {
            this.out = out;
            this.err = err;
            this.ring = ring;
        }

        long figure(String key) {
            for (String part : out.trim().split("\\s+")) {
                if (part.startsWith(key + "=")) {
                    return Long.parseLong(part.substring(key.length() + 1));
                }
            }
            throw new AssertionError("no " + key + " in stdout: " + this);
        }

        /** Every report fired reached {@code listener} or was counted as missed by it, and says so. */
        void assertAccounted(String listener) {
            long fired = figure("fired");
            assertEquals(REPORTS, fired, toString());
            assertEquals(fired, figure(listener + ".delivered") + figure(listener + ".missed"),
                    listener + ": delivered + missed must be every report fired\n" + this);
        }

        /** The lines of stderr and of the ring's Faultline records that contain {@code text}. */
        List<String> lines(String text) {
            List<String> out = new ArrayList<>();
            err.lines().filter(l -> l.contains(text)).forEach(out::add);
            return out;
        }

        /**
         * The ring's Faultline records that contain {@code text}, in the console's form: a record
         * holds the line without the console's "faultline: " prefix (its logger says it).
         */
        List<String> ringLines(String text) {
            return ring.stream().filter(r -> !r.isReport() && r.message() != null && r.message().contains(text))
                    .map(r -> "faultline: " + r.message()).collect(Collectors.toList());
        }

        /**
         * The crash ring has every drop line the console printed (it may have more: the console can
         * drop a line too), and its lines' counts add up to {@code missed}.
         */
        void assertDropLinesCount(String text, long missed) {
            List<String> inRing = ringLines(text);
            assertTrue(inRing.containsAll(lines(text)), "the drop lines are in the crash ring\n" + inRing + "\n" + this);
            long sum = 0;
            for (String line : inRing) {
                sum += Long.parseLong(line.substring("faultline: ".length(), line.indexOf(' ', "faultline: ".length())));
            }
            assertEquals(missed, sum, "the drop lines count what the listeners missed\n" + inRing);
        }

        @Override
        public String toString() {
            return "--- stdout ---\n" + out + "\n--- stderr (drop lines) ---\n"
                    + err.lines().filter(l -> l.startsWith("faultline: ")).limit(40).collect(Collectors.joining("\n"));
        }
    }

    static Child run(List<String> options, String slowMicros, String holdStderrMillis) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "faultline-children")), "loss");
        List<String> opts = new ArrayList<>(options);
        opts.add("-Dfaultline.dir=" + dir.toAbsolutePath());
        opts.add("-Dfaultline.ring_size=64m");
        Jvm.Result r = Jvm.run(ListenerLossMain.class, opts, Duration.ofSeconds(300), "" + REPORTS, "" + THREADS,
                slowMicros, holdStderrMillis);
        assertEquals(0, r.exitCode, r.stdout + "\n" + r.stderr.lines().filter(l -> !l.startsWith("\t")).limit(60).collect(Collectors.joining("\n")));
        List<RingRecord> ring = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".ring")).collect(Collectors.toList())) {
                ring.addAll(RingReader.read(f).records());
            }
        }
        Child c = new Child(r.stdout, r.stderr, ring);
        System.out.println("ListenerLossTest " + options + " slow=" + slowMicros + "us hold=" + holdStderrMillis + "ms: "
                + c.out.trim() + "\n  " + String.join("\n  ", c.lines(" not ")));
        assertTrue(c.out.contains("awaited=true"), "the listeners and the console caught up\n" + c);
        return c;
    }

    @Test
    void aSlowListenerIsToldWhatItMissedAndTheLineNamesIt() throws Exception {
        Child c = run(List.of(), SLOW_MICROS, "0");
        c.assertAccounted("slow-listener");
        c.assertAccounted("fast-listener");
        assertTrue(c.figure("slow-listener.missed") > 0, "the burst overflowed the listeners' queue\n" + c);
        assertEquals(c.figure("slow-listener.missed"), c.figure("slow-listener.missedInRing"), "all in the ring\n" + c);
        List<String> drops = c.lines(LISTENER_DROP);
        assertFalse(drops.isEmpty(), c.toString());
        for (String line : drops) {
            assertTrue(line.matches("faultline: \\d+ reports? not given to listeners \\(listener slow-listener too slow:"
                    + " \\d+\\.\\d\\d ms a report\\); (all are|it is) in the crash ring; each listener is told how many it"
                    + " missed"),
                    line);
        }
        c.assertDropLinesCount(LISTENER_DROP, c.figure("slow-listener.missed"));
        // The console kept up or, if it did not, says so for itself: it is never blamed for a listener.
        c.lines(CONSOLE_DROP).forEach(l -> assertTrue(l.matches(".*(all are|it is) in the crash ring"), l));
    }

    @Test
    void aBlockedConsoleCostsTheListenersNothingAndTheLineBlamesTheConsole() throws Exception {
        Child c = run(List.of(), "0", "3000");
        c.assertAccounted("slow-listener");
        c.assertAccounted("fast-listener");
        List<String> drops = c.lines(CONSOLE_DROP);
        assertFalse(drops.isEmpty(), "stderr held for 3 s during the burst: the console dropped reports\n" + c);
        for (String line : drops) {
            // Faultline's own lines queued in the burst may be dropped too: counted apart.
            assertTrue(line.matches("faultline: \\d+ reports?( and \\d+ lines?)? not printed \\(console too slow\\);"
                    + " (all are|it is) in the crash ring"), line);
        }
        assertTrue(c.ringLines(CONSOLE_DROP).containsAll(drops), "the drop lines are in the crash ring too\n" + c);
        // The listeners have a queue of their own: whatever they missed, the console did not cause.
        assertTrue(c.lines(" not given to listeners (").stream().noneMatch(l -> l.contains("console")), c.toString());
    }

    @Test
    void withTheConsoleOffTheLineBlamesTheListenerNotTheConsole() throws Exception {
        Child c = run(List.of("-Dfaultline.console=off"), SLOW_MICROS, "0");
        c.assertAccounted("slow-listener");
        c.assertAccounted("fast-listener");
        assertTrue(c.figure("slow-listener.missed") > 0, c.toString());
        assertTrue(c.lines(CONSOLE_DROP).isEmpty(), "nothing was to be printed\n" + c);
        assertFalse(c.lines(LISTENER_DROP).isEmpty(), c.toString());
        c.assertDropLinesCount(LISTENER_DROP, c.figure("slow-listener.missed"));
    }

    @Test
    void withTheRingOffTheLineDoesNotClaimTheRingHasThem() throws Exception {
        Child c = run(List.of("-Dfaultline.ring=0", "-Dfaultline.console=off"), SLOW_MICROS, "0");
        c.assertAccounted("slow-listener");
        c.assertAccounted("fast-listener");
        assertTrue(c.figure("slow-listener.missed") > 0, c.toString());
        assertEquals(0, c.figure("slow-listener.missedInRing"), "no ring, nothing in it\n" + c);
        List<String> drops = c.lines(LISTENER_DROP);
        assertFalse(drops.isEmpty(), c.toString());
        for (String line : drops) {
            assertTrue(line.contains("; none is in the crash ring (it is off); ") || line.contains("; it is not in the crash ring (it is off); "), line);
            assertFalse(line.contains("all are in the crash ring"), line);
        }
    }
}
