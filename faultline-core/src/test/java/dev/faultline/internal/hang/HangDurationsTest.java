package dev.faultline.internal.hang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hang keys' durations: seconds as the kernel's *_secs keys, or ms/s; 0 = off; shown back exactly. */
class HangDurationsTest {
    @Test
    void secondsMillisecondsAndFractions() {
        assertEquals(TimeUnit.SECONDS.toNanos(120), HangDurations.parse("120"));
        assertEquals(TimeUnit.SECONDS.toNanos(10), HangDurations.parse(" 10s "));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(2500), HangDurations.parse("2.5"));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(250), HangDurations.parse("250ms"));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), HangDurations.parse("0.1"));
        assertEquals(0, HangDurations.parse("0"));
        assertEquals(0, HangDurations.parse("0ms"));
    }

    @Test
    void nonsenseTooShortTooLongAndTooFineAreRefused() {
        for (String bad : new String[] {null, "", "-1", "abc", "10m", "1.", ".5", "99ms", "0.05", "1.0001", "1.5ms",
                "86401", "1e3", "12345678901"}) {
            assertEquals(-1, HangDurations.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void shownInTheShortestExactForm() {
        for (String s : new String[] {"120", "2.5", "250ms", "0", "1.125", "100ms"}) {
            assertEquals(s, HangDurations.show(HangDurations.parse(s)));
        }
        assertEquals("7.2 s", HangDurations.seconds(TimeUnit.MILLISECONDS.toNanos(7_249)));
    }
}
