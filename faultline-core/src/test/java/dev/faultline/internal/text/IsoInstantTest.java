package dev.faultline.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
    private static String iso(Instant t) {
        return IsoInstant.append(new StringBuilder(), t).toString();
    }

    @Test
    void writesWhatInstantToStringWritesForEveryPrecisionAndEra() {
        SplittableRandom random = new SplittableRandom(7);
        int trials = 200_000;
        for (int i = 0; i < trials; i++) {
            long second = random.nextLong(-70_000_000_000L, 300_000_000_000L);
            int nano;
            switch (i % 4) {
                case 0: nano = 0; break;
                case 1: nano = random.nextInt(1000) * 1_000_000; break;
                case 2: nano = random.nextInt(1_000_000) * 1000; break;
                default: nano = random.nextInt(1_000_000_000);
            }
            Instant t = Instant.ofEpochSecond(second, nano);
            assertEquals(t.toString(), iso(t), "second " + second + " nano " + nano);
        }
        System.out.println("IsoInstantTest: " + trials + " random instants equal to Instant.toString()");
    }

    @Test
    void edgesOfTheFourDigitYearsAndLeapDays() {
        for (String s : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "2000-02-29T12:00:00.001Z", "1900-03-01T00:00:00Z", "2024-12-31T23:59:59Z", "1969-12-31T23:59:59.5Z"}) {
            Instant t = Instant.parse(s);
            assertEquals(t.toString(), iso(t));
        }
        for (Instant t : new Instant[] {Instant.MIN, Instant.MAX, Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z")}) {
            assertEquals(t.toString(), iso(t));
        }
    }
}
