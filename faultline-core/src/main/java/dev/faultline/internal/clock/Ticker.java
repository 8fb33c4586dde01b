package dev.faultline.internal.clock;

import java.time.Instant;

/**
 * The clock a site reads when it fires: a monotonic nanosecond count for rate-limit windows,
 * and the wall-clock instant that count stands for, for stats and "suppressed since" notes.
 * Production code uses {@link #system()}; tests give a site a clock they move by hand, so
 * burst and interval behaviour can be checked without sleeping.
 */
public interface Ticker {
    /** Monotonic nanoseconds; only differences are meaningful (as {@link System#nanoTime()}). */
    long nanoTime();

    /** The wall-clock instant at which {@link #nanoTime()} returned {@code nanoTime}. */
    Instant instantAt(long nanoTime);

    /**
     * The process clock: {@link System#nanoTime()} sampled every 4 ms by a daemon thread (the
     * kernel's jiffies; see {@code Jiffies}) that stops 100 ms after the last read and starts
     * again at the next, mapped to wall time from one reading taken at start-up. Rate-limit
     * windows and firing times have that granularity.
     */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}
