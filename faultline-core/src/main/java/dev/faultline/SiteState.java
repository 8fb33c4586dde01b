package dev.faultline;

import dev.faultline.internal.clock.Ticker;
import dev.faultline.internal.ratelimit.RateLimiter;
import dev.faultline.internal.runtime.Counters;
import dev.faultline.internal.runtime.DumpGuard;
import dev.faultline.report.Report;
import dev.faultline.report.Signature;
import dev.faultline.report.SiteStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;

/**
 * The counting state of a {@link Site}: the reported and suppressed counters, the warn-once
 * mark, the rate limiters, the first and latest firing times, and the suppressed firings not
 * yet announced. Every update is a lock-free atomic on this object; nothing here allocates
 * except the node that queues the site for the next flush (once per flush, not per firing).
 *
 * <p>{@link Site} extends this class instead of holding one, so that a suppressed firing reads
 * its state without loading a second object: it is a few nanoseconds, and a pointer chase
 * would be a measurable share of them.
 *
 * <p>Invariant: fired = reported + suppressed, each firing counted exactly once; every
 * suppressed firing is announced exactly once, by the next report of the site or by a flush.
 */
abstract class SiteState {
    private static final VarHandle REPORTED;
    private static final VarHandle SUPPRESSED;
    private static final VarHandle ANNOUNCED;
    private static final VarHandle ONCE_MARK;
    private static final VarHandle FIRST_FIRED;
    private static final VarHandle LAST_FIRED;
    private static final VarHandle LAST_NOTE;
    private static final VarHandle PENDING;
    private static final VarHandle PRINT_LIMITER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            REPORTED = l.findVarHandle(SiteState.class, "reported", long.class);
            SUPPRESSED = l.findVarHandle(SiteState.class, "suppressed", long.class);
            ANNOUNCED = l.findVarHandle(SiteState.class, "announced", long.class);
            ONCE_MARK = l.findVarHandle(SiteState.class, "onceMark", int.class);
            FIRST_FIRED = l.findVarHandle(SiteState.class, "firstFired", long.class);
            LAST_FIRED = l.findVarHandle(SiteState.class, "lastFired", long.class);
            LAST_NOTE = l.findVarHandle(SiteState.class, "lastNote", long.class);
            PENDING = l.findVarHandle(SiteState.class, "pending", int.class);
            PRINT_LIMITER = l.findVarHandle(SiteState.class, "printLimiter", RateLimiter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Marks a time field that was never set (nanoTime can be any long, so 0 will not do). */
    private static final long NEVER = Long.MIN_VALUE;

    /** The limit the site was declared with; null when declared without one. */
    final RateLimit rateLimit;
    /** Limits warnOn firings; null when they are not limited. */
    private final RateLimiter warnLimiter;
    final Ticker ticker;
    // The counters: fired = reported + suppressed, each counted exactly once per firing.
    @SuppressWarnings("unused") // updated through REPORTED
    private volatile long reported;
    @SuppressWarnings("unused") // updated through SUPPRESSED
    private volatile long suppressed;
    /** How many of the suppressed firings a report or flush has announced already. */
    @SuppressWarnings("unused") // updated through ANNOUNCED
    private volatile long announced;
    /** 1 + the warn-once epoch in which this site last reported; 0 = never. */
    @SuppressWarnings("unused") // updated through ONCE_MARK
    private volatile int onceMark;
    @SuppressWarnings("unused") // updated through FIRST_FIRED
    private volatile long firstFired = NEVER;
    @SuppressWarnings("unused") // updated through LAST_FIRED
    private volatile long lastFired = NEVER;
    /** When the site last reported or flushed: the "since" of the next suppressed note. */
    @SuppressWarnings("unused") // updated through LAST_NOTE
    private volatile long lastNote = NEVER;
    /** 1 while the site is queued for the next flush of suppressed counts. */
    @SuppressWarnings("unused") // updated through PENDING
    private volatile int pending;
    /**
     * The signature of the site's latest warning report, or null before it: for readers of the
     * site table (metrics tag a site by it). One plain store per emitted report, none per firing.
     */
    private volatile Signature lastSignature;
    /** Limits printRatelimited; made at the first print (most sites never print). */
    @SuppressWarnings("unused") // updated through PRINT_LIMITER
    private volatile RateLimiter printLimiter;


    SiteState(RateLimit rateLimit, Ticker ticker) {
        this.rateLimit = rateLimit;
        this.warnLimiter = rateLimit == null || rateLimit.isUnlimited() ? null : rateLimit.newLimiter();
        this.ticker = ticker;
    }

    /** Firings that produced a report. */
    final long reportedCount() {
        return (long) REPORTED.getVolatile(this);
    }

    /** Firings that produced no report. Exact. */
    final long suppressedCount() {
        return (long) SUPPRESSED.getVolatile(this);
    }

    /** Remembers the signature of a warning report just made; {@link Signature#UNKNOWN} (a full heap) is not kept. */
    final void rememberSignature(Signature s) {
        if (s != null && s != Signature.UNKNOWN) {
            lastSignature = s;
        }
    }

    /** A snapshot of the counters and the times of the first and latest firing. */
    final SiteStats stats(String name, String declaringClass) {
        long rep = reportedCount();
        long sup = suppressedCount();
        long first = (long) FIRST_FIRED.getVolatile(this);
        long last = (long) LAST_FIRED.getVolatile(this);
        return new SiteStats(name, declaringClass, rep + sup, rep, sup, instant(first), instant(last), lastSignature);
    }

    private Instant instant(long nanoTime) {
        return nanoTime == NEVER ? null : ticker.instantAt(nanoTime);
    }

    /**
     * Announces, as a NOTICE, the suppressed firings no report has announced yet; called by
     * {@link Suppressions#flush()}. Returns the number announced (0: nothing emitted).
     */
    abstract long flushSuppressed();

    /**
     * Takes the site off the flush queue and claims the suppressed firings not yet announced.
     * Off the queue first: a firing suppressed after this line queues the site again, so it is
     * announced by this flush (if it is counted before the claim) or the next.
     */
    final long takeForFlush() {
        PENDING.setVolatile(this, 0);
        return unannounced();
    }

    /** Since when the firings just claimed were suppressed; this moment becomes the next note's "since". */
    final Instant noteSince() {
        long since = (long) LAST_NOTE.getAndSet(this, ticker.nanoTime());
        return ticker.instantAt(sinceOrFirst(since));
    }

    /** {@code r}, announcing the suppressed firings no report has announced yet (if any). */
    final Report withSuppressedNote(Report r) {
        long since = (long) LAST_NOTE.getAndSet(this, ticker.nanoTime());
        long count = unannounced();
        return count == 0 ? r : r.withSuppressed(count, ticker.instantAt(sinceOrFirst(since)));
    }

    private long sinceOrFirst(long since) {
        return since == NEVER ? (long) FIRST_FIRED.getVolatile(this) : since;
    }

    /** Claims every suppressed firing not yet announced; each one is claimed exactly once. */
    private long unannounced() {
        for (;;) {
            long done = (long) ANNOUNCED.getVolatile(this);
            long total = (long) SUPPRESSED.getVolatile(this);
            if (total == done) {
                return 0;
            }
            if (ANNOUNCED.compareAndSet(this, done, total)) {
                return total - done;
            }
        }
    }


    /**
     * Counts a warning firing; returns true when it is to be reported. {@code once}: only the
     * first firing per warn-once epoch reports. Otherwise the site's rate limit decides (no
     * limit: every firing reports).
     */
    final boolean countFiring(boolean once) {
        long now = firing();
        if (firedInsideDump()) {
            return settle(false);
        }
        boolean report = once ? claimOnce() : warnLimiter == null || warnLimiter.allow(now);
        return settle(report);
    }

    /**
     * A check fired by user code that a snapshot dump called (a {@code toString()} that warns):
     * counted as suppressed before it can take the once flag or a rate-limit grant, so the
     * site's real first firing still reports.
     */
    private static boolean firedInsideDump() {
        if (DumpGuard.active()) {
            DumpGuard.countSuppressed();
            return true;
        }
        return false;
    }

    /** Counts a print; true when it is to be printed under the site's (or the default) limit. */
    final boolean countPrint() {
        long now = firing();
        if (firedInsideDump()) {
            return settle(false);
        }
        boolean report;
        if (warnLimiter != null) {
            report = warnLimiter.allow(now);
        } else if (rateLimit != null) {
            report = true; // declared unlimited
        } else {
            report = printLimiter().allow(now);
        }
        return settle(report);
    }

    /**
     * A BUG always reports — except one fired by user code inside a snapshot dump, which
     * {@link Escalation#bug} turns into an unwinding of the dump (no report, no panic): counted here as
     * suppressed, so the site's figures stay true.
     */
    final void countBug() { // debug domains count their BUGs through it too
        firing();
        settle(!DumpGuard.active());
    }

    /** Reads the clock once and records the firing's time. No lock, no allocation. */
    private long firing() {
        long now = ticker.nanoTime();
        long last = (long) LAST_FIRED.getOpaque(this);
        if (last == NEVER || now - last > 0) {
            // Latest wins; a racing thread may store a slightly older time, never a stale one.
            LAST_FIRED.setOpaque(this, now);
        }
        if ((long) FIRST_FIRED.getOpaque(this) == NEVER) {
            FIRST_FIRED.compareAndSet(this, NEVER, now);
        }
        return now;
    }

    /** Counts the decision; a suppressed firing also queues the site for the next flush. */
    private boolean settle(boolean report) {
        if (report) {
            REPORTED.getAndAdd(this, 1L);
            return true;
        }
        SUPPRESSED.getAndAdd(this, 1L);
        if ((int) PENDING.getVolatile(this) == 0 && PENDING.compareAndSet(this, 0, 1)) {
            // Once per flush, not per firing: the queue node is the only allocation.
            Suppressions.pending(this);
        }
        return false;
    }

    private RateLimiter printLimiter() {
        RateLimiter l = (RateLimiter) PRINT_LIMITER.getAcquire(this);
        if (l == null) {
            RateLimit limit = rateLimit != null ? rateLimit : RateLimit.processDefault();
            PRINT_LIMITER.compareAndSet(this, null, limit.newLimiter());
            l = (RateLimiter) PRINT_LIMITER.getAcquire(this);
        }
        return l;
    }

    /** True for exactly one caller per warn-once epoch. No lock, no allocation. */
    private boolean claimOnce() {
        int want = Counters.onceEpoch() + 1;
        int mark = (int) ONCE_MARK.getVolatile(this);
        return mark != want && ONCE_MARK.compareAndSet(this, mark, want);
    }
}
