package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.LiveWriterMain;
import dev.faultline.fixtures.PidNamespace;
import dev.faultline.fixtures.RingChildMain;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers sharing one crash directory (a volume): every JVM is pid 1 of its own PID
 * namespace, so pid and start time tell runs apart no better than chance. Two runs stay alive
 * and keep writing while others die and several start at once: a live run's ring is never
 * touched (it stays in place, locked, and keeps growing), each dead run is archived exactly
 * once, and the racing starts say nothing but their recovered lines.
 */
class SharedDirectoryContainersTest {
    static final Duration READY = Duration.ofSeconds(90);
    static final int TRIALS = Integer.getInteger("faultline.containerTrials", 2);
    static final int AT_ONCE = 3;

    @TempDir
    Path base;

    @Test
    void liveRunsAreNeverTouchedAndDeadRunsAreArchivedExactlyOnceWhenEveryJvmIsPid1() throws Exception {
        assumeTrue(PidNamespace.available(), "unshare cannot start a PID namespace here");
        int liveTouched = 0;
        int liveChecked = 0;
        int deadArchived = 0;
        int deadRuns = 0;
        int noisyLines = 0;
        int starts = 0;
        int laterArchived = 0;
        for (int trial = 1; trial <= TRIALS; trial++) {
            Path dir = Files.createDirectory(base.resolve("volume-" + trial));
            List<String> opts = List.of("-Dfaultline.dir=" + dir, "-Dfaultline.app=containers",
                    "-Dfaultline.ring_size=256k");
            List<Jvm.Output> errs = new ArrayList<>();

            // Two runs that stay alive, one started after the other (the second start reads the
            // directory while the first run is writing into it).
            List<Process> live = new ArrayList<>();
            List<String> liveRings = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Process p = PidNamespace.start(LiveWriterMain.class, opts);
                errs.add(new Jvm.Output(p.getErrorStream()));
                liveRings.add(ready(p));
                live.add(p);
                starts++;
            }
            // Two runs that die (kill -9), leaving their rings.
            List<String> deadIds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Process p = PidNamespace.start(RingChildMain.class, opts, "sleep");
                errs.add(new Jvm.Output(p.getErrorStream()));
                deadIds.add(RecoveryEndToEndTest.runIdOf(ready(p)));
                PidNamespace.kill9(p);
                starts++;
            }
            // Several starts at the same moment.
            List<Process> racers = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                Process p = PidNamespace.start(RingChildMain.class, opts, "exit");
                errs.add(new Jvm.Output(p.getErrorStream()));
                new Jvm.Output(p.getInputStream());
                racers.add(p);
                starts++;
            }
            for (Process p : racers) {
                assertTrue(p.waitFor(READY.toSeconds(), TimeUnit.SECONDS), "a start did not finish");
                assertEquals(0, p.exitValue(), text(errs));
            }
            long afterStarts = System.currentTimeMillis();

            // The live runs' rings: in place, still locked by their runs, and still being written.
            for (int i = 0; i < live.size(); i++) {
                Path ring = Path.of(liveRings.get(i));
                String id = RecoveryEndToEndTest.runIdOf(liveRings.get(i));
                liveChecked++;
                boolean touched = !Files.exists(ring) || archivedIds(dir).contains(id) || !growsAfter(ring, afterStarts);
                if (touched) {
                    liveTouched++;
                    System.out.println("trial " + trial + ": the live run " + id + "'s ring was touched; in place: "
                            + Files.exists(ring) + ", archives: " + archivedIds(dir) + "\n" + text(errs));
                }
            }
            List<String> lines = new ArrayList<>();
            for (Jvm.Output o : errs) {
                lines.addAll(o.text().lines().toList());
            }
            for (String l : lines) {
                if (l.startsWith("faultline: ") && !RecoveryEndToEndTest.RECOVERED.matcher(l).matches()) {
                    noisyLines++;
                    System.out.println("trial " + trial + ": unexpected line: " + l);
                }
            }
            List<String> recovered = RecoveryEndToEndTest.recoveredLines(String.join("\n", lines));
            for (String id : deadIds) {
                deadRuns++;
                long times = recovered.stream().filter(l -> l.contains("of run " + id + " ")).count();
                if (times == 1) {
                    deadArchived++;
                } else {
                    System.out.println("trial " + trial + ": dead run " + id + " recovered " + times + " times");
                }
            }

            // The live runs die in turn; the next start recovers each exactly once.
            for (Process p : live) {
                PidNamespace.kill9(p);
            }
            Process next = PidNamespace.start(RingChildMain.class, opts, "exit");
            Jvm.Output nextErr = new Jvm.Output(next.getErrorStream());
            new Jvm.Output(next.getInputStream());
            assertTrue(next.waitFor(READY.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, next.exitValue(), nextErr.text());
            starts++;
            List<String> last = RecoveryEndToEndTest.recoveredLines(nextErr.text());
            for (String ring : liveRings) {
                String id = RecoveryEndToEndTest.runIdOf(ring);
                if (last.stream().filter(l -> l.contains("of run " + id + " ")).count() == 1) {
                    laterArchived++;
                } else {
                    System.out.println("trial " + trial + ": the live run " + id + ", killed since, was not recovered"
                            + " once by the next start:\n" + nextErr.text());
                }
            }
        }
        System.out.println("containers sharing a directory (every JVM pid 1 in its own PID namespace): " + TRIALS
                + " trials, " + starts + " starts; live rings touched " + liveTouched + " of " + liveChecked
                + "; dead runs archived exactly once " + deadArchived + " of " + deadRuns + "; live runs recovered"
                + " once after they were killed " + laterArchived + " of " + liveChecked + "; unexpected lines "
                + noisyLines);
        assertEquals(0, liveTouched, "a live run's ring was touched");
        assertEquals(deadRuns, deadArchived, "every dead run archived exactly once");
        assertEquals(0, noisyLines, "racing starts say nothing but what they recovered");
        assertEquals(liveChecked, laterArchived, "each live run, once killed, is recovered by the next start");
    }

    /** Waits for the child's {@code ready <ring>} line and returns the ring's path. */
    private static String ready(Process p) throws Exception {
        Jvm.Output out = new Jvm.Output(p.getInputStream());
        String text = out.await("\n", READY);
        String line = text.lines().filter(l -> l.startsWith("ready ")).findFirst()
                .orElseThrow(() -> new AssertionError("no ready line: " + text));
        return line.substring("ready ".length());
    }

    /** True when the ring, read from its place, is live (its run holds the lock) and gains a record written after {@code t}. */
    private static boolean growsAfter(Path ring, long t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            RingScan scan = RingReader.read(ring);
            if (!scan.live()) {
                System.out.println(ring + " is not live: " + scan.summary());
                return false;
            }
            for (RingRecord r : scan.records()) {
                if (r.timeMillis() > t && r.message().startsWith("tick ")) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static List<String> archivedIds(Path dir) throws Exception {
        Path a = dir.resolve(Recovery.ARCHIVE);
        if (!Files.isDirectory(a)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(a)) {
            return s.map(p -> p.getFileName().toString()).map(n -> n.substring(n.lastIndexOf('-') + 1)).toList();
        }
    }

    private static String text(List<Jvm.Output> outs) {
        StringBuilder b = new StringBuilder();
        for (Jvm.Output o : outs) {
            b.append(o.text());
        }
        return b.toString();
    }
}
