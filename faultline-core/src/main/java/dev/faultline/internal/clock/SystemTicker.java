package dev.faultline.internal.clock;

import java.time.Instant;

/**
 * The {@link Jiffies} clock, with wall time derived from one paired reading at class
 * initialisation. Deriving rather than reading the wall clock per firing keeps the suppressed
 * path to one volatile read; a wall clock stepped later (NTP) is not followed, which only
 * shifts the printed instants, never the counts.
 */
final class SystemTicker implements Ticker {
    static final SystemTicker INSTANCE = new SystemTicker();

    private final long baseNanos;
    private final long baseEpochSecond;
    private final long baseNanoOfSecond;

    private SystemTicker() {
        Instant wall = Instant.now();
        baseNanos = System.nanoTime();
        baseEpochSecond = wall.getEpochSecond();
        baseNanoOfSecond = wall.getNano();
    }

    @Override
    public long nanoTime() {
        return Jiffies.CLOCK.nanoTime();
    }

    @Override
    public Instant instantAt(long nanoTime) {
        return Instant.ofEpochSecond(baseEpochSecond, baseNanoOfSecond + (nanoTime - baseNanos));
    }
}
