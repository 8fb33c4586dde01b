package dev.faultline.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The checksum of a range from a running CRC's values at its ends equals the checksum computed over the range. */
class Crc32cMathTest {
    @Test
    void aRangesChecksumFollowsFromTheRunningChecksumAtItsEnds() {
        SplittableRandom rnd = new SplittableRandom(23);
        byte[] data = new byte[1 << 16];
        rnd.nextBytes(data);
        byte[] salt = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32C s = new CRC32C();
        s.update(salt);
        int saltCrc = (int) s.getValue();
        Crc32cMath math = new Crc32cMath();
        for (int t = 0; t < 2000; t++) {
            int origin = rnd.nextInt(data.length);
            int a = rnd.nextInt(origin, data.length);
            int b = rnd.nextInt(a, data.length + 1);
            boolean salted = rnd.nextBoolean(); // a running CRC that started with the salt, or with nothing
            CRC32C run = new CRC32C();
            if (salted) {
                run.update(salt);
            }
            run.update(data, origin, a - origin);
            int atA = (int) run.getValue();
            run.update(data, a, b - a);
            int atB = (int) run.getValue();
            CRC32C direct = new CRC32C();
            direct.update(salt);
            direct.update(data, a, b - a);
            assertEquals((int) direct.getValue(), math.rangeAfter(saltCrc, atA, atB, b - a),
                    "range [" + a + ", " + b + ") from origin " + origin + (salted ? " (salted)" : ""));
        }
    }
}
