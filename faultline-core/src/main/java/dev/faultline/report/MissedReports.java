package dev.faultline.report;

/**
 * Reports that a {@link ReportListener} will never get, as {@link ReportListener#onMissed}
 * tells it: how many, how many of them the crash ring kept, and why they were missed. Immutable.
 */
public final class MissedReports {
    private final long count;
    private final long inCrashRing;
    private final String cause;

    /**
     * @param count       reports missed, at least 1
     * @param inCrashRing how many of them the crash ring kept, from 0 to {@code count}
     * @param cause       why, e.g. {@code listener com.acme.Audit too slow: 2.13 ms a report}
     * @throws IllegalArgumentException when the counts are out of range
     */
    public MissedReports(long count, long inCrashRing, String cause) {
        if (count < 1 || inCrashRing < 0 || inCrashRing > count) {
            throw new IllegalArgumentException("missed " + count + ", in the crash ring " + inCrashRing);
        }
        this.count = count;
        this.inCrashRing = inCrashRing;
        this.cause = cause == null ? "" : cause;
    }

    /** Reports missed. */
    public long count() {
        return count;
    }

    /**
     * How many of them the crash ring kept ({@code faultline ring show} has them); the rest are
     * kept nowhere, unless the console printed them.
     */
    public long inCrashRing() {
        return inCrashRing;
    }

    /** Why they were missed: the listener that held the listeners' thread up, and for how long a report. */
    public String cause() {
        return cause;
    }

    /**
     * One line for a log: {@code 12 Faultline reports missed (listener com.acme.Audit too slow:
     * 2.13 ms a report); all are in the crash ring}, or {@code ...; 3 of them are not in the
     * crash ring}, or {@code ...; none is in the crash ring}.
     */
    @Override
    public String toString() {
        return count + " Faultline report" + (count == 1 ? "" : "s") + " missed" + (cause.isEmpty() ? "" : " (" + cause + ")")
                + "; " + (inCrashRing == count ? (count == 1 ? "it is" : "all are") + " in the crash ring"
                : inCrashRing == 0 ? (count == 1 ? "it is not" : "none is") + " in the crash ring"
                : (count - inCrashRing) + " of them are not in the crash ring");
    }
}
