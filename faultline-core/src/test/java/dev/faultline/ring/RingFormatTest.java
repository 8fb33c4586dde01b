package dev.faultline.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.internal.ring.RingWriter;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** What a writer puts in a ring is what a reader gets back: whole, in order, and nothing else. */
class RingFormatTest {
    static final int CAPACITY = 64 * 1024;

    static RingWriter ring() {
        return RingWriter.inMemory(CAPACITY, 4242, 1_700_000_000_000L, "00112233aabbccdd");
    }

    @Test
    void recordsComeBackWithEveryFieldInSequenceOrder() {
        RingWriter w = ring();
        assertEquals(1, w.append(Level.INFO, "app.Orders", "order 7 accepted"));
        // The next number says how far on the next record starts: its position / 8, plus 1.
        int firstFrame = RingFormat.align(RingFormat.FRAME_HEADER + Thread.currentThread().getName().length()
                + "app.Orders".length() + "order 7 accepted".length());
        assertEquals(1 + firstFrame / 8, w.append(Level.ERROR, "app.Db", "connection lost"));
        RingScan scan = RingReader.read(w.snapshot(), "mem");

        assertTrue(scan.intact(), scan.problems().toString());
        assertEquals(4242, scan.pid());
        assertEquals("00112233aabbccdd", scan.runId());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), scan.start());
        assertFalse(scan.clean());
        assertEquals(0, scan.torn());
        List<RingRecord> rs = scan.records();
        assertEquals(2, rs.size());
        RingRecord a = rs.get(0);
        assertEquals(1, a.sequence());
        assertEquals(0, a.position());
        assertEquals("INFO", a.kind());
        assertEquals("app.Orders", a.logger());
        assertEquals("order 7 accepted", a.message());
        assertEquals(Thread.currentThread().getName(), a.threadName());
        assertEquals(Thread.currentThread().getId(), a.threadId());
        assertFalse(a.isReport());
        assertEquals("ERROR", rs.get(1).kind());
    }

    @Test
    void nullsAreRecordedAsEmptyAndInfo() {
        RingWriter w = ring();
        w.append(null, null, null);
        RingRecord r = RingReader.read(w.snapshot(), "mem").records().get(0);
        assertEquals("INFO", r.kind());
        assertEquals("", r.logger());
        assertEquals("", r.message());
    }

    @Test
    void textOfEveryScriptSurvivesAndUnpairedSurrogatesBecomeQuestionMarks() {
        RingWriter w = ring();
        w.append(Level.INFO, "ünïcødé", "日本語 ✓ \uD83D\uDE00 and a lone \uD800 surrogate");
        RingRecord r = RingReader.read(w.snapshot(), "mem").records().get(0);
        assertEquals("ünïcødé", r.logger());
        assertEquals("日本語 ✓ \uD83D\uDE00 and a lone ? surrogate", r.message());
    }

    @Test
    void aMessageLongerThanTheLargestFrameIsCutAndMarked() {
        RingWriter w = ring();
        String huge = "x".repeat(100_000);
        w.append(Level.WARNING, "big", huge);
        RingRecord r = RingReader.read(w.snapshot(), "mem").records().get(0);
        assertTrue(r.message().endsWith(" [truncated]"), r.message().substring(r.message().length() - 20));
        assertTrue(r.message().length() < w.maxFrame());
        assertTrue(r.message().startsWith("xxxxxxxx"));
    }

    @Test
    void aCutNeverSplitsACharacter() {
        RingWriter w = ring();
        for (String unit : List.of("日", "é", "\uD83D\uDE00")) {
            w.append(Level.INFO, "wide", unit.repeat(40_000));
        }
        for (RingRecord r : RingReader.read(w.snapshot(), "mem").records()) {
            String m = r.message();
            assertTrue(m.endsWith(" [truncated]"), r.toString());
            String body = m.substring(0, m.length() - " [truncated]".length());
            assertFalse(body.contains("\uFFFD"), "no broken character before the mark");
            assertTrue(body.replace("日", "").replace("é", "").replace("\uD83D\uDE00", "").isEmpty(), r.toString());
        }
    }

    @Test
    void reportsAreStoredWithTheirKindSiteAndFullText() {
        RingWriter w = ring();
        Report rep = Report.builder(ReportKind.BUG).sequence(9).site("ledger.corrupt").location("a.B.c(B.java:1)")
                .message("line1\nforged").thread("main", 1).time(Instant.ofEpochMilli(5))
                .process(4242, "00112233aabbccdd").build();
        w.append(rep);
        RingRecord r = RingReader.read(w.snapshot(), "mem").records().get(0);
        assertTrue(r.isReport());
        assertEquals("BUG", r.kind());
        assertEquals("ledger.corrupt", r.logger());
        assertEquals(5, r.timeMillis());
        assertEquals("BUG: ledger.corrupt at a.B.c(B.java:1)", r.firstLine());
        assertEquals(rep.toText(), r.message() + "\n");
        assertTrue(r.toText().contains("\n  Message: line1\\nforged\n"), r.toText());
    }

    @Test
    void wrapAroundOverwritesTheOldestAndKeepsTheNewestInOrder() {
        RingWriter w = ring();
        int n = 5000; // many laps of a 64 KiB ring
        for (int i = 1; i <= n; i++) {
            w.append(Level.INFO, "wrap", "record " + i + " " + "p".repeat(i % 97));
        }
        RingScan scan = RingReader.read(w.snapshot(), "mem");
        assertTrue(scan.intact(), scan.problems().toString());
        assertEquals(0, scan.corrupt());
        List<RingRecord> rs = scan.records();
        // The survivors are an unbroken run of the newest records, in order.
        int first = Integer.parseInt(rs.get(0).message().split(" ")[1]);
        for (int i = 0; i < rs.size(); i++) {
            int k = first + i;
            assertEquals("record " + k + " " + "p".repeat(k % 97), rs.get(i).message());
        }
        assertEquals(n, first + rs.size() - 1);
        assertTrue(rs.size() > 300, "a 64 KiB ring holds hundreds of these, got " + rs.size());
    }

    @Test
    void recordsOfEverySizeUpToTheLargestWrapAroundAndLeaveNoCorruptFrameAfterAnyAppend() {
        RingWriter w = ring();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(20240611);
        int budget = w.maxFrame() - RingFormat.FRAME_HEADER - Thread.currentThread().getName().length() - 4;
        long torn = 0;
        for (int i = 0; i < 3000; i++) { // about 400 laps of a 64 KiB ring
            int length = rnd.nextInt(4) == 0 ? budget - rnd.nextInt(16) : rnd.nextInt(1, budget);
            w.append(Level.INFO, "size", String.valueOf((char) ('a' + i % 26)).repeat(length));
            RingScan scan = RingReader.read(w.snapshot(), "after append " + i);
            // A lap that ends inside an old frame leaves it torn; nothing here was damaged.
            assertEquals(0, scan.corrupt(), i + ": " + scan.problems());
            torn += scan.torn();
        }
        System.out.println("ring every-size wrap: 3000 appends, read after each; " + torn + " torn frames seen, none corrupt");
    }

    @Test
    void manyThreadsWritingAtOnceLoseNothingAndShareNoBytes() throws Exception {
        RingWriter w = RingWriter.inMemory(1 << 20, 1, 1, "ffffffffffffffff");
        int threads = 8;
        int each = 1000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    w.append(Level.DEBUG, "t" + id, "thread " + id + " record " + i);
                }
            }, "writer-" + t);
            th.start();
            ts.add(th);
        }
        go.countDown();
        for (Thread th : ts) {
            th.join();
        }
        RingScan scan = RingReader.read(w.snapshot(), "mem");
        assertTrue(scan.intact(), scan.problems().toString());
        assertEquals(threads * each, scan.records().size());
        Set<String> seen = new HashSet<>();
        for (RingRecord r : scan.records()) {
            assertTrue(r.message().startsWith("thread " + r.logger().substring(1) + " record "), r.message());
            assertTrue(r.threadName().startsWith("writer-"));
            seen.add(r.message());
        }
        assertEquals(threads * each, seen.size());
    }

    @Test
    void theCleanShutdownMarkIsInTheHeader() {
        RingWriter w = ring();
        w.markClean(1_700_000_100_000L);
        RingScan scan = RingReader.read(w.snapshot(), "mem");
        assertTrue(scan.clean());
        assertEquals(Instant.ofEpochMilli(1_700_000_100_000L), scan.end());
        assertTrue(scan.headerValid(), "the clean mark lies outside the header checksum");
    }

    @Test
    void aFrameCopiedFromAnotherRunsRingDoesNotValidate() {
        RingWriter mine = ring();
        RingWriter other = RingWriter.inMemory(CAPACITY, 4242, 1_700_000_000_000L, "9999999999999999");
        other.append(Level.ERROR, "forged", "from another run");
        byte[] bytes = mine.snapshot();
        byte[] foreign = other.snapshot();
        System.arraycopy(foreign, RingFormat.HEADER_LENGTH, bytes, RingFormat.HEADER_LENGTH, 256);
        RingScan scan = RingReader.read(bytes, "mem");
        assertTrue(scan.records().isEmpty());
        assertEquals(1, scan.corrupt());
    }

    @Test
    void notARingIsSaidPlainly() {
        RingScan scan = RingReader.read("hello, world".getBytes(), "greeting.txt");
        assertFalse(scan.isRing());
        assertTrue(scan.summary().startsWith("greeting.txt: not a Faultline crash ring (only 12 bytes"),
                scan.summary());
        assertNull(scan.lastReport());
    }

    @Test
    void aClaimedButUncommittedFrameIsCountedTornAndTheRestStillRead() {
        RingWriter w = ring();
        w.append(Level.INFO, "a", "first");
        w.append(Level.INFO, "b", "second");
        byte[] bytes = w.snapshot();
        // Un-commit the first frame, as if the writer had died before its final write.
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(RingFormat.HEADER_LENGTH + RingFormat.F_LENGTH, 0);
        RingScan scan = RingReader.read(bytes, "mem");
        assertEquals(1, scan.torn());
        assertEquals(0, scan.corrupt());
        assertEquals(List.of("second"), scan.records().stream().map(RingRecord::message).toList());
    }
}
