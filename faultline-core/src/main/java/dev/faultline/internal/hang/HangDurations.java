package dev.faultline.internal.hang;

import java.util.concurrent.TimeUnit;

/**
 * The duration syntax of the hang keys: seconds, as the kernel's {@code *_secs} sysctls
 * ({@code 120}, {@code 2.5}), or a number with a unit ({@code 10s}, {@code 500ms}); {@code 0}
 * turns the detector off. Values are kept in nanoseconds and shown back in the shortest exact
 * form ({@code 120}, {@code 2.5}, {@code 250ms}).
 */
final class HangDurations {
    /** The shortest duration a key takes besides 0: shorter would turn the checker into a busy tick. */
    static final long MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The longest: a day. */
    static final long MAX_NANOS = TimeUnit.DAYS.toNanos(1);

    private HangDurations() {}

    /** The value in nanoseconds, or -1 when it is not a duration in [0, 1 day] that is 0 or at least 100 ms. */
    static long parse(String value) {
        if (value == null) {
            return -1;
        }
        String v = value.strip();
        long unitNanos = TimeUnit.SECONDS.toNanos(1);
        if (v.endsWith("ms")) {
            v = v.substring(0, v.length() - 2).strip();
            unitNanos = TimeUnit.MILLISECONDS.toNanos(1);
        } else if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1).strip();
        }
        long nanos = decimal(v, unitNanos);
        if (nanos < 0 || nanos > MAX_NANOS || (nanos != 0 && nanos < MIN_NANOS)) {
            return -1;
        }
        return nanos;
    }

    /** {@code digits[.digits]} times {@code unitNanos}, exact to the millisecond; -1 when malformed. */
    private static long decimal(String v, long unitNanos) {
        int dot = v.indexOf('.');
        String whole = dot < 0 ? v : v.substring(0, dot);
        String fraction = dot < 0 ? "" : v.substring(dot + 1);
        if (whole.isEmpty() || whole.length() > 9 || fraction.length() > 9 || !digits(whole) || !digits(fraction)
                || (dot >= 0 && fraction.isEmpty())) {
            return -1;
        }
        long nanos = Long.parseLong(whole) * unitNanos;
        long scale = unitNanos;
        for (int i = 0; i < fraction.length(); i++) {
            scale /= 10;
            int d = fraction.charAt(i) - '0';
            if (scale < TimeUnit.MILLISECONDS.toNanos(1) && d != 0) {
                return -1; // finer than a millisecond
            }
            nanos += d * scale;
        }
        return nanos;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code 120}, {@code 2.5} (seconds) or {@code 250ms}: what {@link #parse} reads back to the same value. */
    static String show(long nanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
        if (ms % 1000 == 0) {
            return Long.toString(ms / 1000);
        }
        if (ms < 1000) {
            return ms + "ms";
        }
        String frac = Long.toString(1000 + ms % 1000).substring(1);
        while (frac.endsWith("0")) {
            frac = frac.substring(0, frac.length() - 1);
        }
        return ms / 1000 + "." + frac;
    }

    /** Seconds with one decimal, for report text: {@code 7.2 s}. */
    static String seconds(long nanos) {
        long tenths = Math.max(0, (nanos + 50_000_000L) / 100_000_000L);
        return tenths / 10 + "." + tenths % 10 + " s";
    }
}
