package dev.faultline.ring;

import static dev.faultline.ring.RingFormat.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.internal.ring.RingWriter;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming reader says exactly what the whole-file reader it replaced says ({@link
 * LegacyRingReader}: the same records in the same order, the same torn and corrupt counts, the
 * same problem lines) — on damaged rings, on rings left mid-write by many writers, and on
 * crafted rings — while its work stays linear where the old reader's was quadratic.
 */
class RingReaderOracleTest {
    static final int TRIALS = Integer.getInteger("ring.oracle.trials", 1500);
    static final long SEED = Long.getLong("ring.oracle.seed", System.nanoTime());

    @Test
    void damagedRingsReadTheSameAsWithTheWholeFileReader() {
        byte[] original = new RingCorruptionFuzzTest().original();
        SameScan.assertSame(LegacyRingReader.read(original, "x"), RingReader.read(original, "x"), "undamaged");
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int t = 0; t < TRIALS; t++) {
            int mode = rnd.nextInt(4);
            byte[] bytes = RingCorruptionFuzzTest.damage(original, mode, rnd);
            SameScan.assertSame(LegacyRingReader.read(bytes, "x"), RingReader.read(bytes, "x"),
                    "seed " + SEED + " trial " + t + " mode " + mode);
        }
        System.out.printf("ring reader oracle: %d damaged rings (seed %d) read the same by both readers%n", TRIALS, SEED);
    }

    /**
     * Rings as many writers leave them when the process dies: claims in order, laps of frames
     * of every size, and each claim at any stage of the writer's protocol — untouched (a hole
     * where older frames survive), start tag only, identity, headed, body half copied, committed.
     */
    @Test
    void ringsLeftMidWriteReadTheSameAsWithTheWholeFileReader() {
        SplittableRandom rnd = new SplittableRandom(SEED ^ 0x5DEECE66DL);
        int trials = Math.max(50, TRIALS / 5);
        long records = 0;
        long torn = 0;
        long corrupt = 0;
        for (int t = 0; t < trials; t++) {
            int cap = rnd.nextBoolean() ? 64 * 1024 : 128 * 1024;
            byte[] bytes = midWrite(cap, rnd);
            RingScan legacy = LegacyRingReader.read(bytes, "x");
            SameScan.assertSame(legacy, RingReader.read(bytes, "x"), "seed " + SEED + " trial " + t);
            records += legacy.recordCount();
            torn += legacy.torn();
            corrupt += legacy.corrupt();
        }
        System.out.printf("ring reader oracle: %d rings left mid-write (seed %d): %d records, %d torn and %d corrupt"
                + " frames, read the same by both readers%n", trials, SEED, records, torn, corrupt);
    }

    static byte[] midWrite(int cap, SplittableRandom rnd) {
        return midWrite(cap, rnd, null);
    }

    static byte[] midWrite(int cap, SplittableRandom rnd, List<String> trace) {
        byte[] bytes = RingWriter.inMemory(cap, 77, 1_700_000_000_000L, "0123456789abcdef").snapshot();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] salt = runIdBytes("0123456789abcdef");
        int maxFrame = maxFrame(cap);
        long tail = 0;
        int claims = rnd.nextInt(20, 4000);
        for (int c = 0; c < claims; c++) {
            int len = rnd.nextInt(10) == 0 ? rnd.nextInt(FRAME_HEADER + 2, maxFrame + 1) : rnd.nextInt(FRAME_HEADER + 2, 400);
            int frame = align(len);
            int offset = (int) (tail % cap);
            long position = offset + frame <= cap ? tail : tail + (cap - offset);
            tail = position + frame;
            int at = HEADER_LENGTH + (int) (position % cap);
            // Most claims commit; near the end, writers in flight stop at any stage.
            int stage = c < claims - 64 || rnd.nextInt(3) > 0 ? 6 : rnd.nextInt(6);
            if (trace != null) {
                trace.add("claim " + c + " position " + position + " offset " + position % cap + " len " + len + " stage " + stage);
            }
            if (stage == 0) {
                continue; // claimed, nothing stored: the old bytes stay
            }
            b.putInt(at + F_LENGTH, 0).putInt(at + F_CRC, (int) sequenceOf(position));
            if (stage == 1) {
                continue;
            }
            b.putLong(at + F_SEQUENCE, sequenceOf(position)).putLong(at + F_POSITION, position).putInt(at + F_CLAIM, len);
            if (stage == 2) {
                continue;
            }
            b.putInt(at + F_TYPE, type(SOURCE_LOG, 2));
            if (stage == 3) {
                continue;
            }
            b.putLong(at + F_TIME, 1_700_000_000_000L + c).putLong(at + F_THREAD_ID, c)
                    .putShort(at + F_THREAD_NAME_LENGTH, (short) 1).putShort(at + F_LOGGER_LENGTH, (short) 1)
                    .putInt(at + F_MESSAGE_LENGTH, len - FRAME_HEADER - 2);
            int body = len - FRAME_HEADER;
            int copied = stage == 4 ? rnd.nextInt(body + 1) : body;
            for (int i = 0; i < copied; i++) {
                bytes[at + FRAME_HEADER + i] = (byte) ('a' + (c + i) % 26);
            }
            if (stage == 4) {
                continue; // a prefix of the body: the padding comes with the rest of the copy
            }
            for (int i = len; i < frame; i++) {
                bytes[at + i] = 0;
            }
            CRC32C crc = new CRC32C();
            crc.update(salt);
            crc.update(bytes, at + F_TYPE, len - F_TYPE);
            b.putInt(at + F_CRC, (int) crc.getValue());
            b.putInt(at + F_LENGTH, len);
        }
        return bytes;
    }

    /**
     * A plausible frame header every 64 bytes, each claiming 16 KiB, every CRC wrong: the old
     * reader computed 16 KiB of CRC and scanned 16 KiB of extent per 64 bytes of ring. The
     * streaming reader feeds each byte to the CRC and examines each offset once, and says the same.
     */
    @Test
    void overlappingFrameHeadersCostWorkLinearInTheRing() throws Exception {
        int cap = 1 << 20;
        byte[][] out = new byte[1][];
        CraftedRing ring = CraftedRing.inArray(cap, out);
        int claim = 16 * 1024;
        ring.overlappingHeaders(0, cap - claim, 64, claim, 0);
        long next = ring.put(cap - claim, "tail", "a valid record after them all");
        ring.put(next, "tail", "and one more");
        byte[] bytes = out[0];

        RingReader.Cost cost = new RingReader.Cost();
        RingScan scan = RingReader.read(bytes, "crafted", cost);
        long legacyBefore = LegacyRingReader.CRC_BYTES.get();
        RingScan legacy = LegacyRingReader.read(bytes, "crafted");
        long legacyCrc = LegacyRingReader.CRC_BYTES.get() - legacyBefore;
        SameScan.assertSame(legacy, scan, "overlapping headers");
        assertEquals(2, scan.recordCount(), scan.summary());
        System.out.printf("overlapping frame headers, %d KiB ring: CRC over %d bytes (the whole-file reader: %d),"
                        + " %d offsets examined for overwrites, %d bytes read in %d walks%n", cap >> 10, cost.crcBytes,
                legacyCrc, cost.offsetsExamined, cost.bytesRead, cost.walks);
        // Two passes over the whole ring (find the frames, then tell torn from corrupt), then the records' own bytes.
        assertTrue(cost.crcBytes <= 3L * cap, "CRC work must be linear in the ring: " + cost.crcBytes + " bytes for a "
                + cap + "-byte ring");
        assertTrue(cost.offsetsExamined <= 2L * cap / ALIGNMENT, "overwrite checks must be linear in the ring: "
                + cost.offsetsExamined + " offsets for a " + cap + "-byte ring");
        assertTrue(cost.bytesRead <= 4L * cap, "each pass reads the ring once: " + cost.bytesRead);
    }

    /** Many overlapping valid and invalid frames of every length, crafted at random: both readers agree. */
    @Test
    void craftedOverlapsReadTheSameAsWithTheWholeFileReader() throws Exception {
        SplittableRandom rnd = new SplittableRandom(SEED * 31);
        for (int t = 0; t < 40; t++) {
            int cap = 64 * 1024;
            byte[][] out = new byte[1][];
            CraftedRing ring = CraftedRing.inArray(cap, out);
            List<int[]> spans = new ArrayList<>();
            for (int i = 0; i < rnd.nextInt(1, 200); i++) {
                int at = rnd.nextInt(cap / 8) * 8;
                long lap = rnd.nextInt(4);
                String msg = "m".repeat(rnd.nextInt(0, rnd.nextBoolean() ? 100 : 4000));
                byte[] f = ring.frame(lap * cap + at, "l" + i, msg, rnd.nextInt(4) > 0);
                if (at + f.length <= cap) {
                    System.arraycopy(f, 0, out[0], HEADER_LENGTH + at, f.length);
                    spans.add(new int[] {at, f.length});
                }
            }
            byte[] bytes = out[0];
            SameScan.assertSame(LegacyRingReader.read(bytes, "x"), RingReader.read(bytes, "x"), "crafted trial " + t);
        }
    }

    /**
     * A run's panic is found among all its records, as the whole-file reader found it in the
     * records it held: the last BUG or PANIC report, the first {@code not syncing} line, and the
     * headline they make. Also by {@link RingReader#check(Path)} and the streaming read, which
     * keep no records: recovery, the boot-loop guard, {@code ring show} and the demo name a run
     * by them. Rings that wrap (the panic's report overwritten or not), with records after the
     * panic, and damaged at random.
     */
    @Test
    void panicsAreFoundAmongEveryRecordAsWithTheWholeFileReader(@TempDir Path tmp) throws Exception {
        SplittableRandom rnd = new SplittableRandom(SEED ^ 0x9E3779B97F4A7C15L);
        int trials = Math.max(60, TRIALS / 10);
        int panicked = 0;
        int byLine = 0;
        for (int t = 0; t < trials; t++) {
            RingWriter w = RingWriter.inMemory(64 * 1024, 77, 1_700_000_000_000L, "0123456789abcdef");
            int n = rnd.nextInt(1, 1500);
            int odds = rnd.nextInt(40, 800); // some runs panic often, some rarely: reports overwritten or not
            for (int i = 0; i < n; i++) {
                int what = rnd.nextInt(odds);
                if (what == 0 || what == 1) {
                    ReportKind kind = what == 0 ? ReportKind.BUG : ReportKind.PANIC;
                    w.append(Report.builder(kind).sequence(i).site("s" + i).location("a.B.c(B.java:" + i + ")")
                            .message("m " + i).thread("main", 1).time(java.time.Instant.ofEpochMilli(1_700_000_000_000L + i))
                            .process(77, "0123456789abcdef").build());
                } else if (what == 2) {
                    w.append(Report.builder(rnd.nextBoolean() ? ReportKind.WARNING : ReportKind.NOTICE).sequence(i)
                            .site("w" + i).location("a.B.c(B.java:1)").message("w " + i).thread("main", 1)
                            .time(java.time.Instant.ofEpochMilli(1_700_000_000_000L + i)).process(77, "0123456789abcdef")
                            .build());
                } else if (what == 3) {
                    w.appendOwn(SOURCE_FAULTLINE, CODE_PANIC, "faultline", PANIC_LINE_PREFIX + "line " + i);
                } else if (what == 4) {
                    w.appendOwn(SOURCE_FAULTLINE, CODE_PANIC, "faultline", "Faultline panic: a step overran " + i);
                } else {
                    w.append(Level.INFO, "app", "record " + i + " " + "x".repeat(rnd.nextInt(200)));
                }
            }
            byte[] bytes = w.snapshot();
            if (rnd.nextInt(4) == 0) {
                bytes = RingCorruptionFuzzTest.damage(bytes, rnd.nextInt(4), rnd);
            }
            RingScan legacy = LegacyRingReader.read(bytes, "x");
            String what = "seed " + SEED + " panic trial " + t;
            SameScan.assertSame(legacy, RingReader.read(bytes, "x"), what);
            Path file = tmp.resolve("t" + t + ".ring");
            java.nio.file.Files.write(file, bytes);
            String want = panicOf(legacy);
            assertEquals(want, panicOf(RingReader.check(file)), what + ": check");
            int[] streamed = {0};
            RingScan[] handed = new RingScan[1];
            RingScan streamedScan = RingReader.read(file, s -> handed[0] = s, r -> streamed[0]++);
            assertEquals(want, panicOf(streamedScan), what + ": streamed");
            assertEquals(want, panicOf(handed[0]), what + ": handed on");
            assertEquals(legacy.recordCount(), streamed[0], what + ": records handed on");
            panicked += legacy.panicked() ? 1 : 0;
            byLine += legacy.panicked() && legacy.panicReport() == null ? 1 : 0;
        }
        System.out.printf("ring reader oracle: %d rings with panics (seed %d): %d panicked, %d of them known only by"
                + " their not-syncing line; both readers name them the same%n", trials, SEED, panicked, byLine);
        assertTrue(panicked > 0 && byLine > 0, "the trials must cover both kinds of panic: " + panicked + ", " + byLine);
    }

    private static String panicOf(RingScan s) {
        return "panicked=" + s.panicked() + " report=" + (s.panicReport() == null ? null : s.panicReport().sequence() + " "
                + s.panicReport().kind()) + " headline=" + (s.headline() == null ? null : s.headline().sequence() + " "
                + s.headline().firstLine()) + " last=" + (s.lastReport() == null ? null : s.lastReport().sequence());
    }
}
