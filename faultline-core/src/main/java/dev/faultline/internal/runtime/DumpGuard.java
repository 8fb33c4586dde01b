package dev.faultline.internal.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Marks the threads that are running dump code, so that a check fired from inside a dump (a
 * user {@code toString()}, a {@code snapshot()}) is counted and suppressed instead of
 * recursing into another report, another dump, or a panic. Kernel rule from the
 * {@code dump_page()} rework: the helpers a dump uses must not contain sanity checks.
 */
public final class DumpGuard {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    /**
     * Threads inside dump code right now, process-wide. Every firing asks {@link #active()}, so
     * the usual answer (no dump anywhere) must cost one volatile read, not a thread-local lookup.
     */
    private static final AtomicInteger DUMPING = new AtomicInteger();
    private static final AtomicLong SUPPRESSED = new AtomicLong();

    private DumpGuard() {}

    /** True while this thread is inside dump code. */
    public static boolean active() {
        return DUMPING.get() != 0 && DEPTH.get()[0] > 0;
    }

    /** Enters dump code on this thread; pair with {@link #exit()} in a {@code finally}. */
    public static void enter() {
        if (DEPTH.get()[0]++ == 0) {
            DUMPING.incrementAndGet();
        }
    }

    public static void exit() {
        int[] d = DEPTH.get();
        if (d[0] > 0 && --d[0] == 0) {
            DUMPING.decrementAndGet();
        }
    }

    /** Counts one check that fired inside a dump and was suppressed. */
    public static void countSuppressed() {
        SUPPRESSED.incrementAndGet();
    }

    /** Checks that fired inside dump code and were suppressed, since the process started. */
    public static long suppressed() {
        return SUPPRESSED.get();
    }

    /**
     * Thrown by a {@code bugOn} that fires inside dump code: the BUG is suppressed (no report,
     * no panic), but the code after the {@code bugOn} must not run, so the user code is
     * unwound back to the dump, which shows it as {@code <BUG site suppressed inside the dump>}.
     */
    public static final class BugInDump extends Error {
        private static final long serialVersionUID = 1L;

        public BugInDump(String site) {
            super(site, null, false, false);
        }

        /** The site of the suppressed BUG. */
        public String site() {
            return getMessage();
        }
    }
}
