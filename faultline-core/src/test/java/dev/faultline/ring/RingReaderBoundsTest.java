package dev.faultline.ring;

import static dev.faultline.ring.RingFormat.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.internal.ring.RingWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reader keeps, hands on and says when a ring is large, cut short, or laid out as no writer would. */
class RingReaderBoundsTest {
    @TempDir
    Path tmp;

    /** A ring cut to its first 1,000 bytes was read as intact: its summary said nothing was wrong. */
    @Test
    void aTruncatedRingIsNotIntact() throws Exception {
        RingWriter w = RingWriter.inMemory(1 << 20, 77, 1_700_000_000_000L, "0123456789abcdef");
        for (int i = 0; i < 100; i++) {
            w.append(Level.INFO, "cut", "record " + i);
        }
        byte[] whole = w.snapshot();
        assertTrue(RingReader.read(whole, "whole").intact());
        Path cut = tmp.resolve("cut.ring");
        Files.write(cut, Arrays.copyOf(whole, 1000));
        for (RingScan scan : List.of(RingReader.read(cut), RingReader.check(cut),
                RingReader.read(Arrays.copyOf(whole, 1000), "cut"))) {
            assertTrue(scan.truncated(), scan.summary());
            assertFalse(scan.intact(), scan.summary());
            assertTrue(scan.summary().contains("; truncated"), scan.summary());
            assertTrue(scan.problems().contains("truncated: 872 of 1048576 data bytes present"), scan.problems().toString());
        }
        // The records that are there are still read.
        assertTrue(RingReader.read(cut).recordCount() > 0);
    }

    @Test
    void readKeepsTheNewestRecordsAndCountsThemAllWhileTheOtherReadsKeepNone() throws Exception {
        Path file = tmp.resolve("dense.ring");
        int cap = 4 << 20;
        CraftedRing ring = CraftedRing.inFile(file, cap);
        // Lap 1 from the start, lap 0 after it: the oldest records are in the second half of the file.
        int newer = ring.denseFrames(0, cap / 2, 1, "n");
        int older = ring.denseFrames(cap / 2, cap, 0, "o");
        int total = newer + older;
        assertTrue(total > RingReader.KEPT_RECORDS, "more records than read() keeps: " + total);

        RingScan kept = RingReader.read(file);
        assertEquals(total, kept.recordCount());
        assertEquals(RingReader.KEPT_RECORDS, kept.records().size());
        List<RingRecord> records = kept.records();
        for (int i = 1; i < records.size(); i++) {
            assertTrue(records.get(i - 1).sequence() < records.get(i).sequence(), "in sequence order");
        }
        int step = ring.frame(0, "d", "n", true).length;
        assertEquals(sequenceOf(cap + (long) (newer - 1) * step), records.get(records.size() - 1).sequence(),
                "the newest is kept");

        List<Long> streamed = new ArrayList<>();
        RingScan[] first = new RingScan[1];
        RingScan scan = RingReader.read(file, s -> first[0] = s, r -> streamed.add(r.sequence()));
        assertSame(first[0], scan);
        assertEquals(List.of(), scan.records());
        assertEquals(total, scan.recordCount());
        assertEquals(total, streamed.size());
        for (int i = 1; i < streamed.size(); i++) {
            assertTrue(streamed.get(i - 1) < streamed.get(i), "oldest first, across the wrap: " + i);
        }
        assertEquals(sequenceOf(cap / 2), streamed.get(0), "the oldest lap comes first");

        RingScan checked = RingReader.check(file);
        assertEquals(List.of(), checked.records());
        assertEquals(total, checked.recordCount());
        assertEquals(kept.lastSeen(), checked.lastSeen());
        assertTrue(checked.intact(), checked.summary());
    }

    @Test
    void aRingNoWriterCouldHaveWrittenIsReadInFileOrderAndSaysSo() throws Exception {
        int cap = 8 << 20;
        byte[][] out = new byte[1][];
        CraftedRing ring = CraftedRing.inArray(cap, out);
        // Every frame of another lap than the one before it: one stretch per frame.
        int frames = 0;
        int step = ring.frame(0, "x", "alternating", true).length;
        for (int at = 0; at + step <= cap; at += step) {
            ring.put((long) (frames % 2) * cap + at, "x", "alternating");
            frames++;
        }
        assertTrue(frames > 65_536, "more stretches than the reader notes: " + frames);
        RingScan scan = RingReader.read(out[0], "alternating");
        assertEquals(frames, scan.recordCount());
        assertTrue(scan.problems().get(0).startsWith("records are listed in file order"), scan.problems().toString());
        List<RingRecord> records = scan.records();
        assertEquals(RingReader.KEPT_RECORDS, records.size());
        for (int i = 1; i < records.size(); i++) {
            assertTrue(records.get(i - 1).position() % cap < records.get(i).position() % cap, "file order");
        }
    }

    /** ring show prints a file's summary from the scan it is handed: a file that is not a ring must be handed on too. */
    @Test
    void theScanIsHandedOnOnceWhateverTheFile() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "plain text ".repeat(20));
        Path missing = tmp.resolve("missing.ring");
        Path small = Files.write(tmp.resolve("small.ring"), new byte[10]);
        for (Path f : List.of(text, missing, small)) {
            List<RingScan> handed = new ArrayList<>();
            RingScan scan = RingReader.read(f, handed::add, r -> { throw new AssertionError("no records in " + f); });
            assertEquals(List.of(scan), handed, f.toString());
            assertFalse(scan.isRing(), scan.summary());
        }
    }

    @Test
    void anExceptionFromAConsumerReachesTheCaller() throws Exception {
        RingWriter w = RingWriter.inMemory(64 * 1024, 77, 1_700_000_000_000L, "0123456789abcdef");
        w.append(Level.INFO, "x", "one");
        Path file = tmp.resolve("one.ring");
        Files.write(file, w.snapshot());
        IllegalStateException thrown = new IllegalStateException("from the consumer");
        assertSame(thrown, assertThrows(IllegalStateException.class,
                () -> RingReader.read(file, s -> { }, r -> { throw thrown; })));
        assertSame(thrown, assertThrows(IllegalStateException.class,
                () -> RingReader.read(file, s -> { throw thrown; }, r -> { })));
    }
}
