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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill -9 torture: child JVMs write records and acknowledge each committed sequence number;
 * the parent SIGKILLs them at random moments and reads what they left. Every acknowledged record
 * that wrap-around cannot have overwritten must be there, word for word, every record the
 * reader returns must be one the child wrote, and no frame is ever corrupt: a crash leaves torn
 * frames only. {@code -Ptorture} runs many more trials.
 */
class RingKillTortureTest {
    /** Trials of 1 to 3 writers with records of one size, on 64 KiB and 1 MiB rings. */
    static final int TRIALS = Integer.getInteger("ring.torture.trials", 40);
    /** Trials for each count of writers with records of every size on a 64 KiB ring. */
    static final int WRITER_TRIALS = Integer.getInteger("ring.torture.writer.trials", 16);
    static final int PARALLEL = 4;

    @TempDir
    Path tmp;

    /** What one trial saw. */
    record Outcome(boolean wrapped, int acked, int mustSurvive, int recovered, int torn, int corrupt, String why) {}

    @Test
    void everyAcknowledgedRecordSurvivesKill9AndNothingInvalidIsReturned() throws Exception {
        run("ring kill -9 torture", TRIALS, trial -> trial(trial, 1 + trial % 3, trial % 2 == 0 ? "64k" : "1m", false));
    }

    @ParameterizedTest(name = "{0} writers")
    @ValueSource(ints = {4, 16, 64})
    void manyWritersWithRecordsUpToTheLargestLeaveNoCorruptFrame(int writers) throws Exception {
        run("ring kill -9 torture, " + writers + " writers, 64 KiB ring, records up to the largest frame", WRITER_TRIALS,
                trial -> trial(trial, writers, "64k", true));
    }

    interface Trial {
        Outcome run(int trial) throws Exception;
    }

    void run(String name, int trials, Trial body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<Outcome>> futures = new ArrayList<>();
        long began = System.nanoTime();
        for (int t = 0; t < trials; t++) {
            int trial = t;
            futures.add(pool.submit(() -> body.run(trial)));
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
        List<String> corruptTrials = outcomes.stream().map(Outcome::why).filter(java.util.Objects::nonNull).toList();
        System.out.printf("%s: %d trials (%d wrapped around) in %d s: %d records acknowledged,"
                        + " %d of them not yet overwritable, all %d recovered; %d valid records read, every one as"
                        + " written; %d torn and %d corrupt frames skipped (%d trials with corrupt frames)%n",
                name, trials, wrapped, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began), acked, must, must,
                recovered, torn, corrupt, corruptTrials.size());
        assertEquals(trials, outcomes.size());
        assertEquals(List.of(), corruptTrials, "a crash leaves torn frames, never corrupt ones");
    }

    /** Copies a failed trial's ring and acknowledgements under target/ for a post-mortem. */
    static Path keepEvidence(int trial, Path ring, List<long[]> acks) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "torture-failures").toAbsolutePath());
        String name = ring.getParent().getFileName().toString();
        Files.copy(ring, dir.resolve(name + ".ring"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StringBuilder b = new StringBuilder();
        for (long[] a : acks) {
            b.append(a[0]).append(' ').append(a[1]).append(' ').append(a[2]).append('\n');
        }
        Files.writeString(dir.resolve(name + ".acks"), b);
        return dir;
    }

    /** The message record {@code n} of {@code writer} holds in the ring: cut, and marked, when it is too long. */
    static String stored(int writer, long n, boolean varied, int maxFrame) {
        String full = varied ? RingTortureMain.variedMessage(writer, n) : RingTortureMain.message(writer, n);
        int budget = maxFrame - RingFormat.FRAME_HEADER - ("w" + writer).length() - "torture".length();
        return full.length() <= budget ? full : full.substring(0, budget - " [truncated]".length()) + " [truncated]";
    }

    static int frame(int writer, String stored) {
        return RingFormat.align(RingFormat.FRAME_HEADER + ("w" + writer).length() + "torture".length() + stored.length());
    }

    /**
     * How far the writers are known to have claimed: the end of the newest claim that left a
     * trace, whatever the reader makes of it. A frame header whose sequence and position agree
     * with its place counts, committed or not, and so does a start tag (length 0, the low 32 bits
     * of the sequence where the CRC goes: a writer's first store), completed from
     * {@code newestSeq}. Only a claim that reaches a lap past a record may have overwritten it.
     */
    static long claimedUpTo(byte[] ring, int capacity, long newestSeq) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(ring).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int maxFrame = RingFormat.maxFrame(capacity);
        long end = 0;
        for (int off = 0; RingFormat.HEADER_LENGTH + off + RingFormat.FRAME_HEADER <= ring.length; off += 8) {
            int at = RingFormat.HEADER_LENGTH + off;
            int tag = b.getInt(at + RingFormat.F_CRC);
            if (b.getInt(at + RingFormat.F_LENGTH) == 0 && tag != 0) {
                long seq = newestSeq + (tag - (int) newestSeq);
                long tagged = (seq - 1) * RingFormat.ALIGNMENT;
                if (seq >= 1 && tagged % capacity == off) {
                    end = Math.max(end, tagged + RingFormat.ALIGNMENT);
                }
            }
            long pos = b.getLong(at + RingFormat.F_POSITION);
            if (pos < 0 || pos % capacity != off || b.getLong(at + RingFormat.F_SEQUENCE) != RingFormat.sequenceOf(pos)) {
                continue;
            }
            int claim = b.getInt(at + RingFormat.F_CLAIM);
            boolean headed = (b.getInt(at + RingFormat.F_TYPE) & RingFormat.TYPE_MARKER_MASK) == RingFormat.TYPE_MARKER;
            end = Math.max(end, pos + (headed && claim >= RingFormat.FRAME_HEADER && claim <= maxFrame
                    ? RingFormat.align(claim) : RingFormat.ALIGNMENT));
        }
        return end;
    }

    Outcome trial(int trial, int threads, String ringSize, boolean varied) throws Exception {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        Path dir = Files.createDirectories(tmp.resolve("trial-" + trial + "-" + threads + (varied ? "-varied" : "")));
        Process p = Jvm.start(RingTortureMain.class, List.of("-Dfaultline.dir=" + dir,
                "-Dfaultline.ring_size=" + ringSize, "-Dfaultline.console=off"), String.valueOf(threads),
                varied ? "varied" : "fixed");
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
        // The streaming reader says what the whole-file reader says about the same bytes.
        byte[] bytes = Files.readAllBytes(ring);
        SameScan.assertSame(LegacyRingReader.read(bytes, "trial"), RingReader.read(bytes, "trial"), "trial " + trial);
        assertTrue(!scan.clean(), "a killed run never marks a clean shutdown");

        int capacity = scan.capacity();
        int maxFrame = RingFormat.maxFrame(capacity);
        Map<Long, RingRecord> bySeq = new HashMap<>();
        Map<String, Long> ackedSeq = new HashMap<>();
        for (long[] a : acks) {
            ackedSeq.put(a[1] + " " + a[2], a[0]);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RingRecord r : scan.records()) {
            if (r.logger().equals(RunLog.EXIT_LOGGER) || r.logger().equals(RunLog.HEARTBEAT_LOGGER)) {
                continue; // Faultline's own: the run's facts and heartbeats
            }
            // Every returned record is one the child wrote: the message names its writer and counter.
            String[] f = r.message().split(" ", 3);
            int writer = Integer.parseInt(f[0].substring(1));
            long n = Long.parseLong(f[1].substring(2));
            assertEquals(stored(writer, n, varied, maxFrame), r.message(), "trial " + trial);
            assertEquals("w" + writer, r.threadName());
            assertEquals("torture", r.logger());
            assertTrue(seen.add(writer + " " + n), "trial " + trial + ": record w" + writer + " n=" + n + " twice");
            Long acked = ackedSeq.get(writer + " " + n);
            assertTrue(acked == null || acked == r.sequence(), "trial " + trial + ": w" + writer + " n=" + n
                    + " was acknowledged as " + acked + ", read as " + r.sequence());
            bySeq.put(r.sequence(), r);
        }
        // An acked record can only have been overwritten by a claim that reaches a lap past it. The
        // acknowledged records and the frame headers in the ring say how far the claims went.
        long newestSeq = acks.stream().mapToLong(a -> a[0]).max().orElse(1);
        long claimed = claimedUpTo(Files.readAllBytes(ring), capacity, newestSeq);
        long maxEnd = 0;
        for (long[] a : acks) {
            long pos = (a[0] - 1) * RingFormat.ALIGNMENT;
            maxEnd = Math.max(maxEnd, pos + frame((int) a[1], stored((int) a[1], a[2], varied, maxFrame)));
        }
        claimed = Math.max(claimed, maxEnd);
        int mustSurvive = 0;
        for (long[] a : acks) {
            long pos = (a[0] - 1) * RingFormat.ALIGNMENT;
            if (claimed > pos + capacity) {
                continue;
            }
            mustSurvive++;
            RingRecord r = bySeq.get(a[0]);
            if (r == null) {
                Path kept = keepEvidence(trial, ring, acks);
                fail("trial " + trial + ": acknowledged record " + a[0] + " (w" + a[1] + " n=" + a[2] + ") is lost; "
                        + acks.size() + " acked, claims up to " + claimed + "; " + scan.summary() + " " + scan.problems()
                        + "; ring and acks kept in " + kept);
            }
            assertEquals(stored((int) a[1], a[2], varied, maxFrame), r.message());
        }
        String why = null;
        if (scan.corrupt() != 0) {
            Path kept = keepEvidence(trial, ring, acks);
            why = "trial " + trial + " (" + threads + " writers): " + scan.summary() + " " + scan.problems()
                    + "; ring and acks kept in " + kept;
        }
        return new Outcome(maxEnd > capacity, acks.size(), mustSurvive, scan.records().size(), scan.torn(),
                scan.corrupt(), why);
    }
}
