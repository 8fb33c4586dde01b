package dev.faultline.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.internal.ring.RingWriter;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random damage to a ring file: byte flips, truncation, spliced garbage, whole garbage files.
 * Whatever the bytes, the reader returns a scan (it never throws) and every record it returns
 * is exactly one that was written.
 */
class RingCorruptionFuzzTest {
    static final int TRIALS = Integer.getInteger("ring.fuzz.trials", 3000);
    static final long SEED = Long.getLong("ring.fuzz.seed", System.nanoTime());

    /** The written records, by sequence number, as the oracle. */
    final Map<Long, String> written = new HashMap<>();

    byte[] original() {
        RingWriter w = RingWriter.inMemory(64 * 1024, 77, 1_700_000_000_000L, "0123456789abcdef");
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 900; i++) { // wraps the 64 KiB ring a few times
            String msg = "record " + i + " " + "abcdefghij".repeat(r.nextInt(1, 30));
            long seq = w.append(Level.values()[r.nextInt(1, 6)], "fuzz.logger" + (i % 3), msg);
            written.put(seq, msg);
        }
        return w.snapshot();
    }

    @Test
    void randomDamageNeverMakesTheReaderThrowOrReturnARecordThatWasNotWritten() {
        byte[] original = original();
        RingScan clean = RingReader.read(original, "clean");
        assertTrue(clean.intact(), clean.problems().toString());
        int cleanCount = clean.records().size();

        SplittableRandom rnd = new SplittableRandom(SEED);
        int[] byMode = new int[4];
        long returned = 0;
        long torn = 0;
        long corrupt = 0;
        for (int t = 0; t < TRIALS; t++) {
            int mode = rnd.nextInt(4);
            byMode[mode]++;
            byte[] bytes = damage(original, mode, rnd);
            RingScan scan = RingReader.read(bytes, "trial " + t);
            assertNotNull(scan);
            for (RingRecord rec : scan.records()) {
                String expected = written.get(rec.sequence());
                assertEquals(expected, rec.message(),
                        "seed " + SEED + " trial " + t + " mode " + mode + ": record " + rec.sequence() + " was never written so");
                assertEquals("fuzz.logger", rec.logger().substring(0, 11));
            }
            assertTrue(scan.records().size() <= cleanCount, "no record appears out of nothing");
            returned += scan.records().size();
            torn += scan.torn();
            corrupt += scan.corrupt();
        }
        System.out.printf("ring corruption fuzz: %d trials (seed %d; %d byte-flip, %d truncate, %d splice, %d garbage):"
                        + " reader never threw, %d records returned, all as written; %d torn and %d corrupt frames skipped%n",
                TRIALS, SEED, byMode[0], byMode[1], byMode[2], byMode[3], returned, torn, corrupt);
    }

    @Test
    void aSingleFlippedByteInAFrameIsReportedCorrupt() {
        byte[] bytes = original();
        RingScan before = RingReader.read(bytes, "before");
        RingRecord victim = before.records().get(before.records().size() / 2);
        int at = RingFormat.HEADER_LENGTH + (int) (victim.position() % before.capacity()) + RingFormat.FRAME_HEADER + 3;
        bytes[at] ^= 0x20;
        RingScan after = RingReader.read(bytes, "after");
        assertEquals(before.records().size() - 1, after.records().size());
        assertEquals(before.corrupt() + 1, after.corrupt());
        assertTrue(after.records().stream().noneMatch(r -> r.sequence() == victim.sequence()));
        assertTrue(after.problems().stream().anyMatch(p -> p.contains("checksum mismatch")), after.problems().toString());
    }

    /**
     * Records of every size, several laps: one flipped byte anywhere in a record that no newer
     * claim has reached yet (except the type word's marker half, which makes it no frame at
     * all) is corrupt — never excused as an overwrite.
     */
    @Test
    void aFlippedByteInAnyRecordNotYetOverwritableIsCorrupt() {
        RingWriter w = RingWriter.inMemory(64 * 1024, 77, 1_700_000_000_000L, "0123456789abcdef");
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 60; i++) {
            w.append(Level.INFO, "sizes", "s" + i + " " + "xyz".repeat(r.nextInt(1, 5000)));
        }
        byte[] original = w.snapshot();
        RingScan clean = RingReader.read(original, "clean");
        assertEquals(0, clean.corrupt(), clean.problems().toString());
        int checked = 0;
        for (RingRecord victim : clean.records()) {
            if (victim.position() + clean.capacity() < w.tail()) {
                continue; // a leftover whose space a newer lap has claimed (and skipped)
            }
            int start = RingFormat.HEADER_LENGTH + (int) (victim.position() % clean.capacity());
            int frame = RingFormat.FRAME_HEADER + victim.threadName().length() + victim.logger().length()
                    + victim.message().length();
            for (int k = 0; k < 24; k++) {
                int at = k < 12 ? start + 4 * k + (k % 4) : start + r.nextInt(frame);
                if (at == start + RingFormat.F_TYPE + 2 || at == start + RingFormat.F_TYPE + 3) {
                    continue;
                }
                byte[] bytes = original.clone();
                bytes[at] ^= (byte) (1 << r.nextInt(8));
                RingScan scan = RingReader.read(bytes, "flip");
                String why = "flip at +" + (at - start) + " of #" + victim.sequence() + ": " + scan.problems();
                assertEquals(1, scan.corrupt(), why);
                assertEquals(clean.torn(), scan.torn(), why);
                assertEquals(clean.records().size() - 1, scan.records().size(), why);
                checked++;
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    static byte[] damage(byte[] original, int mode, SplittableRandom rnd) {
        switch (mode) {
            case 0: { // byte flips, anywhere including the header
                byte[] b = original.clone();
                int flips = rnd.nextInt(1, 64);
                for (int i = 0; i < flips; i++) {
                    b[rnd.nextInt(b.length)] ^= (byte) rnd.nextInt(1, 256);
                }
                return b;
            }
            case 1: // truncation at any length, header included
                return Arrays.copyOf(original, rnd.nextInt(original.length));
            case 2: { // a run of garbage spliced over the data
                byte[] b = original.clone();
                int len = rnd.nextInt(1, 4096);
                int at = rnd.nextInt(b.length - len);
                for (int i = 0; i < len; i++) {
                    b[at + i] = (byte) rnd.nextInt(256);
                }
                return b;
            }
            default: { // a garbage file, sometimes wearing a valid header
                byte[] b = new byte[rnd.nextInt(0, original.length + 1)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) rnd.nextInt(256);
                }
                if (rnd.nextBoolean() && b.length >= RingFormat.HEADER_LENGTH) {
                    System.arraycopy(original, 0, b, 0, RingFormat.HEADER_LENGTH);
                }
                return b;
            }
        }
    }
}
