package dev.faultline;

import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.ratelimit.RateLimiter;
import dev.faultline.internal.runtime.Counters;
import java.time.Duration;
import java.util.Objects;

/**
 * How often a site may report: at most {@link #burst()} reports per {@link #interval()}, with
 * the kernel's {@code printk_ratelimit} semantics. The window opens at the first firing; a
 * firing at least one interval after the window opened starts a new window. Firings over the
 * burst are suppressed: counted, never printed, and announced as "N suppressed since …" by the
 * next report of the site and by {@link Faultline#flushSuppressed()} (which also runs at clean
 * shutdown).
 *
 * <ul>
 *   <li>An interval of zero means <em>no limit</em> (kernel semantics): every firing reports.</li>
 *   <li>A burst of zero with a non-zero interval suppresses every firing (still counted).</li>
 * </ul>
 *
 * <pre>{@code
 * static final Site RETRY = Faultline.site("rpc.retry-storm", RateLimit.of(10, Duration.ofSeconds(5)));
 * static final Site SLOW = Faultline.site("db.slow-query", RateLimit.processDefault());
 * }</pre>
 *
 * <p>Instances are immutable values.
 */
public final class RateLimit {
    /** No limit: every firing reports (interval zero). */
    public static final RateLimit NONE = new RateLimit(0, Duration.ZERO);

    private final int burst;
    private final Duration interval;

    private RateLimit(int burst, Duration interval) {
        this.burst = burst;
        this.interval = interval;
    }

    /**
     * At most {@code burst} reports per {@code interval}.
     *
     * @throws IllegalArgumentException naming {@code burst} or {@code interval} when the burst
     *     is negative or the interval is null or negative
     */
    public static RateLimit of(int burst, Duration interval) {
        if (burst < 0) {
            throw new IllegalArgumentException("rate limit burst must not be negative, got " + burst);
        }
        if (interval == null) {
            throw new IllegalArgumentException("rate limit interval must not be null");
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("rate limit interval must not be negative, got " + interval);
        }
        return new RateLimit(burst, interval);
    }

    /**
     * The process-wide default: {@code faultline.ratelimit_burst} reports per
     * {@code faultline.ratelimit_interval_ms} (kernel defaults: 10 per 5000 ms). Read once, at
     * first use; an invalid value is reported with its key and the kernel default is kept.
     */
    public static RateLimit processDefault() {
        return ProcessDefault.VALUE;
    }

    /** Reports allowed per interval. */
    public int burst() {
        return burst;
    }

    /** Length of one window; zero means no limit. */
    public Duration interval() {
        return interval;
    }

    /** True when this limit lets every firing report (interval zero). */
    public boolean isUnlimited() {
        return interval.isZero();
    }

    /** A fresh limiter state for one site. */
    RateLimiter newLimiter() {
        return new RateLimiter(burst, nanos(interval));
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            // Longer than 292 years: one window for the life of the process.
            return Long.MAX_VALUE;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimit && ((RateLimit) o).burst == burst && ((RateLimit) o).interval.equals(interval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(burst, interval);
    }

    /** {@code 10 per 5000 ms}, or {@code unlimited}. */
    @Override
    public String toString() {
        return isUnlimited() ? "unlimited" : burst + " per " + interval.toMillis() + " ms";
    }

    /** Holder: the configuration is read when the default is first asked for, not before. */
    private static final class ProcessDefault {
        static final RateLimit VALUE;

        static {
            // Core first, so that a bad value is printed now rather than at the first report.
            Counters.onceEpoch();
            int burst = Settings.integer(Keys.RATELIMIT_BURST, 0, Integer.MAX_VALUE);
            int intervalMs = Settings.integer(Keys.RATELIMIT_INTERVAL_MS, 0, Integer.MAX_VALUE);
            VALUE = new RateLimit(burst, Duration.ofMillis(intervalMs));
        }
    }
}
