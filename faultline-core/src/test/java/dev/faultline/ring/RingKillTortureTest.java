package dev.faultline.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.RingTortureMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill -9 torture: child JVMs write records and acknowledge each committed sequence number;
 * the parent SIGKILLs them at random moments and reads what they left. Every acknowledged record
 * that wrap-around cannot have overwritten must be there, word for word, and every record the
 * reader returns must be one the child wrote. {@code -Ptorture} runs many more trials.
 */
class RingKillTortureTest {
    static final int TRIALS = Integer.getInteger("ring.torture.trials", 100);
    static final int PARALLEL = 4;
    /** Frame size of every torture record: header, thread name "wN", logger "torture", message. */
    static final int FRAME = RingFormat.align(RingFormat.FRAME_HEADER + 2 + "torture".length()
            + RingTortureMain.MESSAGE_LENGTH);

    @TempDir
    Path tmp;

    /** What one trial saw. */
    record Outcome(boolean wrapped, int acked, int mustSurvive, int recovered, int torn, int corrupt) {}

    @Test
    void everyAcknowledgedRecordSurvivesKill9AndNothingInvalidIsReturned() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<Outcome>> futures = new ArrayList<>();
        long began = System.nanoTime();
        for (int t = 0; t < TRIALS; t++) {
            int trial = t;
            futures.add(pool.submit(() -> trial(trial)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        long acked = outcomes.stream().mapToLong(Outcome::acked).sum();
        long must = outcomes.stream().mapToLong(Outcome::mustSurvive).sum();
        long recovered = outcomes.stream().mapToLong(Outcome::recovered).sum();
        long torn = outcomes.stream().mapToLong(Outcome::torn).sum();
        long corrupt = outcomes.stream().mapToLong(Outcome::corrupt).sum();
        long wrapped = outcomes.stream().filter(Outcome::wrapped).count();
        System.out.printf("ring kill -9 torture: %d trials (%d wrapped around) in %d s: %d records acknowledged,"
                        + " %d of them not yet overwritable, all %d recovered; %d valid records read, every one as"
                        + " written; %d torn and %d corrupt frames skipped%n",
                TRIALS, wrapped, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began), acked, must, must,
                recovered, torn, corrupt);
        assertEquals(TRIALS, outcomes.size());
    }

    /** Copies a failed trial's ring and acknowledgements under target/ for a post-mortem. */
    static Path keepEvidence(int trial, Path ring, List<long[]> acks) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "torture-failures").toAbsolutePath());
        Files.copy(ring, dir.resolve("trial-" + trial + ".ring"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StringBuilder b = new StringBuilder();
        for (long[] a : acks) {
            b.append(a[0]).append(' ').append(a[1]).append(' ').append(a[2]).append('\n');
        }
        Files.writeString(dir.resolve("trial-" + trial + ".acks"), b);
        return dir;
    }

    Outcome trial(int trial) throws Exception {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int threads = 1 + trial % 3;
        boolean small = trial % 2 == 0;
        Path dir = Files.createDirectories(tmp.resolve("trial-" + trial));
        Process p = Jvm.start(RingTortureMain.class, List.of("-Dfaultline.dir=" + dir,
                "-Dfaultline.ring_size=" + (small ? "64k" : "1m"), "-Dfaultline.console=off"), String.valueOf(threads));
        List<long[]> acks = new ArrayList<>();
        StringBuilder stderr = new StringBuilder();
        Thread errPump = new Thread(() -> {
            try {
                stderr.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (Exception ignored) {
                // the child is gone
            }
        });
        errPump.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            String ready = out.readLine();
            assertNotNull(ready, "child died before it was ready: " + stderr);
            assertTrue(ready.startsWith("ready /"), "the ring must be a file: " + ready + " " + stderr);
            // Kill it at a random moment while the writers run flat out.
            long killAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(rnd.nextInt(1, 400));
            Thread killer = new Thread(() -> {
                long left;
                while ((left = killAtNanos - System.nanoTime()) > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(left);
                }
                // The real kill(1): Process.destroyForcibly would also close our end of the pipes,
                // and the acknowledgements still in them are the evidence.
                try {
                    new ProcessBuilder("kill", "-9", Long.toString(p.pid())).inheritIO().start().waitFor();
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            });
            killer.start();
            for (String line; (line = out.readLine()) != null; ) {
                String[] f = line.split(" ");
                if (f.length == 3) { // a line cut off by the kill has fewer fields and was never a full ack
                    acks.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
            killer.join();
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        errPump.join();
        assertEquals(137, p.exitValue(), "killed by SIGKILL: " + stderr);

        Path ring;
        try (Stream<Path> files = Files.list(dir)) {
            ring = files.filter(f -> f.toString().endsWith(".ring")).findFirst().orElseThrow();
        }
        RingScan scan = RingReader.read(ring);
        assertTrue(scan.isRing() && scan.headerValid(), scan.summary());
        assertTrue(!scan.clean(), "a killed run never marks a clean shutdown");

        Map<Long, RingRecord> bySeq = new HashMap<>();
        for (RingRecord r : scan.records()) {
            // Every returned record is one the child wrote: the message names its writer and counter.
            String[] f = r.message().split(" ", 3);
            int writer = Integer.parseInt(f[0].substring(1));
            long n = Long.parseLong(f[1].substring(2));
            assertEquals(RingTortureMain.message(writer, n), r.message(), "trial " + trial);
            assertEquals("w" + writer, r.threadName());
            assertEquals("torture", r.logger());
            bySeq.put(r.sequence(), r);
        }
        // An acked record can only have been overwritten if the ring's tail has gone a full lap
        // past it. Sequence numbers are positions (seq - 1 = position / 8), claims beyond the
        // newest acknowledged record are unacknowledged, and each writer has at most one of those;
        // one more frame covers the bytes a lap skips at the end of the region.
        int capacity = scan.capacity();
        long maxPos = acks.stream().mapToLong(a -> (a[0] - 1) * RingFormat.ALIGNMENT).max().orElse(0);
        int mustSurvive = 0;
        for (long[] a : acks) {
            long pos = (a[0] - 1) * RingFormat.ALIGNMENT;
            long tailBound = maxPos + (threads + 3L) * FRAME;
            if (tailBound > pos + capacity) {
                continue;
            }
            mustSurvive++;
            RingRecord r = bySeq.get(a[0]);
            if (r == null) {
                Path kept = keepEvidence(trial, ring, acks);
                fail("trial " + trial + ": acknowledged record " + a[0] + " (w" + a[1] + " n=" + a[2] + ") is lost; "
                        + acks.size() + " acked; " + scan.summary() + " " + scan.problems() + "; ring and acks kept in "
                        + kept);
            }
            assertEquals(RingTortureMain.message((int) a[1], a[2]), r.message());
        }
        if (threads == 1) {
            assertEquals(0, scan.corrupt(), "one writer killed mid-frame leaves torn frames, never corrupt ones: "
                    + scan.problems());
        }
        return new Outcome(maxPos + FRAME > capacity, acks.size(), mustSurvive, scan.records().size(), scan.torn(),
                scan.corrupt());
    }
}
