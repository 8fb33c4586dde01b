package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bulk encoder writes exactly what the per-character one writes, at every limit and chunk boundary. */
class Utf8Test {
    private static final String[] PIECES = {"a", "{\"k\":1}", "é", "日本", "\uD83D\uDE00", "\uD800", "\uDC00", " ", "\u007f", "\u0080"};

    @Test
    void bulkAndPerCharacterEncodingAgree() {
        SplittableRandom random = new SplittableRandom(7);
        int trials = 20_000;
        // Reused across strings, as each thread reuses its own.
        BulkUtf8[] encoders = new BulkUtf8[9];
        for (int i = 0; i < encoders.length; i++) {
            encoders[i] = new BulkUtf8(2 + i);
        }
        for (int t = 0; t < trials; t++) {
            StringBuilder sb = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int p = 0; p < pieces; p++) {
                // Mostly ASCII, as a report's JSON is, with the odd multi-byte character or lone surrogate.
                sb.append(random.nextInt(4) == 0 ? PIECES[random.nextInt(PIECES.length)] : PIECES[random.nextInt(2)]);
            }
            CharSequence s = random.nextBoolean() ? sb : sb.toString();
            int limit = random.nextInt(3 * sb.length() + 2);
            int size = random.nextInt(encoders.length);
            BulkUtf8 bulk = encoders[size];
            byte[] slow = new byte[limit + 8];
            byte[] fast = new byte[limit + 8];
            int slowEnd = Utf8.encode(slow, 3, s, Utf8.prefixBytes(s, limit));
            int fastEnd = bulk.encodeUpTo(fast, 3, s, limit);
            assertEquals(slowEnd, fastEnd, () -> "end for " + s + " limit " + limit + " chunk " + (2 + size));
            assertArrayEquals(slow, fast, () -> "bytes for " + s + " limit " + limit + " chunk " + (2 + size));
            if (limit >= 3 * sb.length() && sb.indexOf("\uD800") < 0 && sb.indexOf("\uDC00") < 0) {
                // Everything fits and is well-formed: the JDK's encoder agrees.
                assertArrayEquals(sb.toString().getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(fast, 3, fastEnd));
            }
        }
        System.out.println("Utf8Test: " + trials + " strings encoded alike by both paths");
    }
}
