package dev.faultline;

import dev.faultline.internal.boot.Boot;
import dev.faultline.internal.clock.Ticker;
import dev.faultline.internal.panic.Escalation;
import dev.faultline.internal.ratelimit.RateLimiter;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.DumpGuard;
import dev.faultline.internal.text.LenientFormat;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A named check site: declare it once, {@code static final}, and call its checks where the
 * invariant must hold.
 *
 * <pre>{@code
 * static final Site NEGATIVE = Faultline.site("ledger.negative-balance");
 * ...
 * if (NEGATIVE.warnOn(balance < 0, "balance %s after %s", balance, txn)) {
 *     return Result.rejected();   // report, then recover
 * }
 * }</pre>
 *
 * <p><b>Cost of a passing check.</b> When the condition is false a check is a branch and
 * nothing else: the message is not formatted, the arguments are not touched, nothing is
 * allocated. There are overloads for up to four arguments, so no varargs array is built, and
 * {@code long} overloads for one argument and for every pairing of two ({@code long, long},
 * {@code long, Object}, {@code Object, long}), so {@code int}/{@code long} arguments are not
 * boxed. With three or four arguments a primitive is boxed by the caller before the call: the
 * JIT usually removes that box while the site has never fired, but not once it has, so on a
 * hot path with three or more primitive arguments use the {@link Supplier} form. A capturing
 * lambda may itself allocate unless the JIT removes it.
 *
 * <p><b>When a check fires</b> (condition true):
 * <ul>
 *   <li>{@code warnOn}: a {@link ReportKind#WARNING} report is printed and given to listeners,
 *       the process is tainted {@link Taint#WARNED}, the process warn count goes up by one,
 *       and then the policy may panic ({@code panic_on_warn}, {@code warn_limit}). The method
 *       returns {@code true} so the caller can recover.</li>
 *   <li>{@code warnOnce}: as {@code warnOn} for the first firing of this site (since the last
 *       {@link Faultline#clearWarnOnce()}); later firings only count as suppressed — no report,
 *       no taint, no warn count, no policy.</li>
 *   <li>{@code bugOn}: a {@link ReportKind#BUG} report and a panic, whatever the policy. It
 *       does not return, except in test mode where it throws {@link PanicError}.</li>
 * </ul>
 * <p><b>Repeat control.</b> A site declared with a {@link RateLimit}
 * ({@link Faultline#site(String, RateLimit)}) reports at most {@code burst} {@code warnOn}
 * firings per interval; the others are suppressed like repeated {@code warnOnce} firings.
 * {@code warnOnce} is not rate-limited (once is stricter), and {@code bugOn} always reports.
 * {@link #printRatelimited(String)} prints a plain {@link ReportKind#NOTICE} under the site's
 * limit, or under {@link RateLimit#processDefault()} when the site was declared without one.
 * A suppressed firing is counted ({@link #stats()}) and never lost: the next report of the
 * site carries "N suppressed since …" ({@link Report#suppressed()}), and
 * {@link Faultline#flushSuppressed()} — which also runs at clean shutdown — announces what no
 * report has. A suppressed firing takes no lock and allocates nothing: it reads the clock,
 * reads the limiter's window and adds one to a counter (the first suppressed firing after each
 * flush also puts the site on the flush queue: one small node).
 *
 * <p>A message argument whose {@code toString()} throws is shown as {@code <threw X>}; a
 * {@link Supplier} that throws gives the message {@code <threw X>}. Checks never throw, except
 * {@link PanicError} in test mode.
 *
 * <p>Sites are thread-safe; the counters are exact under contention.
 */
public final class Site {
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
            REPORTED = l.findVarHandle(Site.class, "reported", long.class);
            SUPPRESSED = l.findVarHandle(Site.class, "suppressed", long.class);
            ANNOUNCED = l.findVarHandle(Site.class, "announced", long.class);
            ONCE_MARK = l.findVarHandle(Site.class, "onceMark", int.class);
            FIRST_FIRED = l.findVarHandle(Site.class, "firstFired", long.class);
            LAST_FIRED = l.findVarHandle(Site.class, "lastFired", long.class);
            LAST_NOTE = l.findVarHandle(Site.class, "lastNote", long.class);
            PENDING = l.findVarHandle(Site.class, "pending", int.class);
            PRINT_LIMITER = l.findVarHandle(Site.class, "printLimiter", RateLimiter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Marks a time field that was never set (nanoTime can be any long, so 0 will not do). */
    private static final long NEVER = Long.MIN_VALUE;

    private final String name;
    private final String declaringClass;
    /** The limit the site was declared with; null when declared without one. */
    private final RateLimit rateLimit;
    /** Limits warnOn firings; null when they are not limited. */
    private final RateLimiter warnLimiter;
    private final Ticker ticker;
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
    /** Limits printRatelimited; made at the first print (most sites never print). */
    @SuppressWarnings("unused") // updated through PRINT_LIMITER
    private volatile RateLimiter printLimiter;

    Site(String name, String declaringClass) {
        this(name, declaringClass, null, Ticker.system());
    }

    Site(String name, String declaringClass, RateLimit rateLimit) {
        this(name, declaringClass, rateLimit, Ticker.system());
    }

    /** A site with its own clock: tests move it by hand. {@code rateLimit} null = declared without one. */
    Site(String name, String declaringClass, RateLimit rateLimit, Ticker ticker) {
        // Boots the runtime while the declaring code is healthy: booting it first at the bottom
        // of a stack overflow would fail its initialiser for the rest of the process.
        Boot.ensureBooted();
        this.name = name;
        this.declaringClass = declaringClass;
        this.rateLimit = rateLimit;
        this.warnLimiter = rateLimit == null || rateLimit.isUnlimited() ? null : rateLimit.newLimiter();
        this.ticker = ticker;
    }

    /** The site's name as given at declaration. */
    public String name() {
        return name;
    }

    /** The class that declared the site, or {@code "?"} when it could not be determined. */
    public String declaringClass() {
        return declaringClass;
    }

    /**
     * The limit this site was declared with: {@link RateLimit#NONE} when declared without one
     * (its {@code warnOn} firings all report; {@link #printRatelimited(String)} then uses
     * {@link RateLimit#processDefault()}).
     */
    public RateLimit rateLimit() {
        return rateLimit == null ? RateLimit.NONE : rateLimit;
    }

    /**
     * How many times this site fired (a check's condition was true, or a print was asked for),
     * reported or not: {@link #reported()} + {@link #suppressed()}. The two counters are read
     * one after the other, so while other threads fire the sum may lag by their firings.
     */
    public long fired() {
        return reported() + suppressed();
    }

    /** How many times a firing of this site produced a report. */
    public long reported() {
        return (long) REPORTED.getVolatile(this);
    }

    /** Firings that produced no report: once already reported, or over the rate limit. Exact. */
    public long suppressed() {
        return (long) SUPPRESSED.getVolatile(this);
    }

    /** A snapshot of this site's counters and the times of its first and latest firing. */
    public SiteStats stats() {
        long rep = reported();
        long sup = suppressed();
        long first = (long) FIRST_FIRED.getVolatile(this);
        long last = (long) LAST_FIRED.getVolatile(this);
        return new SiteStats(name, rep + sup, rep, sup, instant(first), instant(last));
    }

    private Instant instant(long nanoTime) {
        return nanoTime == NEVER ? null : ticker.instantAt(nanoTime);
    }

    @Override
    public String toString() {
        return "Site[" + name + " in " + declaringClass + ", fired " + fired() + ", reported " + reported() + "]";
    }

    // ---- warnOn ------------------------------------------------------------------------

    /** Reports a warning when {@code condition} is true; returns {@code condition}. */
    public boolean warnOn(boolean condition) {
        if (condition) {
            fireWarn(false, "");
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with a fixed message. */
    public boolean warnOn(boolean condition, String message) {
        if (condition) {
            fireWarn(false, message);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with a message template ({@code %s} placeholders) and one argument. */
    public boolean warnOn(boolean condition, String template, Object arg) {
        if (condition) {
            fireWarn(false, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean, String, Object)}, without boxing a primitive argument. */
    public boolean warnOn(boolean condition, String template, long arg) {
        if (condition) {
            fireWarn(false, template, arg);
        }
        return condition;
    }

    public boolean warnOn(boolean condition, String template, Object arg1, Object arg2) {
        if (condition) {
            fireWarn(false, template, arg1, arg2);
        }
        return condition;
    }

    public boolean warnOn(boolean condition, String template, long arg1, long arg2) {
        if (condition) {
            fireWarn(false, template, arg1, arg2);
        }
        return condition;
    }

    // Mixed primitive/object pairs: without these, javac would box the primitive before the
    // call (choosing the Object, Object overload), and a passing check would allocate.

    public boolean warnOn(boolean condition, String template, long arg1, Object arg2) {
        if (condition) {
            fireWarn(false, template, (Object) arg1, arg2);
        }
        return condition;
    }

    public boolean warnOn(boolean condition, String template, Object arg1, long arg2) {
        if (condition) {
            fireWarn(false, template, arg1, (Object) arg2);
        }
        return condition;
    }

    public boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            fireWarn(false, template, arg1, arg2, arg3);
        }
        return condition;
    }

    public boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            fireWarn(false, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}; the message is built by {@code message} only when the check fires. */
    public boolean warnOn(boolean condition, Supplier<String> message) {
        if (condition) {
            fireWarn(false, message);
        }
        return condition;
    }

    // ---- warnOnce ----------------------------------------------------------------------

    /** Reports only the first firing of this site (per warn-once epoch); returns {@code condition}. */
    public boolean warnOnce(boolean condition) {
        if (condition) {
            fireWarn(true, "");
        }
        return condition;
    }

    public boolean warnOnce(boolean condition, String message) {
        if (condition) {
            fireWarn(true, message);
        }
        return condition;
    }

    public boolean warnOnce(boolean condition, String template, Object arg) {
        if (condition) {
            fireWarn(true, template, arg);
        }
        return condition;
    }

    public boolean warnOnce(boolean condition, String template, long arg) {
        if (condition) {
            fireWarn(true, template, arg);
        }
        return condition;
    }

    public boolean warnOnce(boolean condition, String template, Object arg1, Object arg2) {
        if (condition) {
            fireWarn(true, template, arg1, arg2);
        }
        return condition;
    }

    public boolean warnOnce(boolean condition, String template, long arg1, long arg2) {
        if (condition) {
            fireWarn(true, template, arg1, arg2);
        }
        return condition;
    }

    public boolean warnOnce(boolean condition, String template, long arg1, Object arg2) {
        if (condition) {
            fireWarn(true, template, (Object) arg1, arg2);
        }
        return condition;
    }

    public boolean warnOnce(boolean condition, String template, Object arg1, long arg2) {
        if (condition) {
            fireWarn(true, template, arg1, (Object) arg2);
        }
        return condition;
    }

    public boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            fireWarn(true, template, arg1, arg2, arg3);
        }
        return condition;
    }

    public boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            fireWarn(true, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    public boolean warnOnce(boolean condition, Supplier<String> message) {
        if (condition) {
            fireWarn(true, message);
        }
        return condition;
    }

    // ---- bugOn -------------------------------------------------------------------------

    /** Panics when {@code condition} is true; otherwise does nothing. */
    public void bugOn(boolean condition) {
        if (condition) {
            fireBug("");
        }
    }

    public void bugOn(boolean condition, String message) {
        if (condition) {
            fireBug(message);
        }
    }

    public void bugOn(boolean condition, String template, Object arg) {
        if (condition) {
            fireBug(template, arg);
        }
    }

    public void bugOn(boolean condition, String template, long arg) {
        if (condition) {
            fireBug(template, arg);
        }
    }

    public void bugOn(boolean condition, String template, Object arg1, Object arg2) {
        if (condition) {
            fireBug(template, arg1, arg2);
        }
    }

    public void bugOn(boolean condition, String template, long arg1, long arg2) {
        if (condition) {
            fireBug(template, arg1, arg2);
        }
    }

    public void bugOn(boolean condition, String template, long arg1, Object arg2) {
        if (condition) {
            fireBug(template, arg1, arg2);
        }
    }

    public void bugOn(boolean condition, String template, Object arg1, long arg2) {
        if (condition) {
            fireBug(template, arg1, arg2);
        }
    }

    public void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            fireBug(template, arg1, arg2, arg3);
        }
    }

    public void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            fireBug(template, arg1, arg2, arg3, arg4);
        }
    }

    public void bugOn(boolean condition, Supplier<String> message) {
        if (condition) {
            fireBug(message);
        }
    }

    // ---- printRatelimited --------------------------------------------------------------

    /**
     * Prints {@code message} as a {@link ReportKind#NOTICE} unless this site is over its rate
     * limit (the kernel's {@code pr_warn_ratelimited}): no stack, no taint, no warn count, no
     * policy. The limit is the site's own, or {@link RateLimit#processDefault()} when the site
     * was declared without one. Every call counts as a firing, printed or suppressed; the
     * next print carries the suppressed count. Returns true when the message was printed.
     * Never throws.
     */
    public boolean printRatelimited(String message) {
        if (countPrint()) {
            notice(message == null ? "null" : message);
            return true;
        }
        return false;
    }

    /** As {@link #printRatelimited(String)}, with a {@code %s} template and one argument. */
    public boolean printRatelimited(String template, Object arg) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg));
            return true;
        }
        return false;
    }

    /** As {@link #printRatelimited(String, Object)}, without boxing a primitive argument. */
    public boolean printRatelimited(String template, long arg) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg));
            return true;
        }
        return false;
    }

    public boolean printRatelimited(String template, Object arg1, Object arg2) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg1, arg2));
            return true;
        }
        return false;
    }

    public boolean printRatelimited(String template, Object arg1, Object arg2, Object arg3) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg1, arg2, arg3));
            return true;
        }
        return false;
    }

    public boolean printRatelimited(String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg1, arg2, arg3, arg4));
            return true;
        }
        return false;
    }

    /** As {@link #printRatelimited(String)}; {@code message} is called only when the print is not suppressed. */
    public boolean printRatelimited(Supplier<String> message) {
        if (countPrint()) {
            notice(LenientFormat.supplied(message));
            return true;
        }
        return false;
    }

    // ---- object-bearing checks (kernel VM_WARN_ON_PAGE / VM_BUG_ON_PAGE) ---------------
    // Named *Object so that an object can never be mistaken for a message argument: the object
    // is dumped (dev.faultline.dump.Snapshots) into the report's dump field only when the check
    // fires; a passing check does not touch it.

    /**
     * As {@link #warnOn(boolean)}, and the report's {@link Report#dump() dump} is a snapshot dump
     * of {@code object} (see {@link dev.faultline.dump.Snapshots}): copied before it is formatted,
     * marked not faithful when it kept changing, sensitive fields redacted. Dumping never throws
     * and never fires checks. A suppressed firing (warn-once) does not dump.
     */
    public boolean warnOnObject(boolean condition, Object object) {
        if (condition) {
            fireWarnObject(false, object, "");
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with a fixed message. */
    public boolean warnOnObject(boolean condition, Object object, String message) {
        if (condition) {
            fireWarnObject(false, object, message);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with a message template and one argument. */
    public boolean warnOnObject(boolean condition, Object object, String template, Object arg) {
        if (condition) {
            fireWarnObject(false, object, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object, String, Object)}, without boxing a primitive argument. */
    public boolean warnOnObject(boolean condition, Object object, String template, long arg) {
        if (condition) {
            fireWarnObject(false, object, template, arg);
        }
        return condition;
    }

    public boolean warnOnObject(boolean condition, Object object, String template, Object arg1, Object arg2) {
        if (condition) {
            fireWarnObject(false, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with a dump of {@code object}; later firings do not dump. */
    public boolean warnOnceObject(boolean condition, Object object) {
        if (condition) {
            fireWarnObject(true, object, "");
        }
        return condition;
    }

    public boolean warnOnceObject(boolean condition, Object object, String message) {
        if (condition) {
            fireWarnObject(true, object, message);
        }
        return condition;
    }

    public boolean warnOnceObject(boolean condition, Object object, String template, Object arg) {
        if (condition) {
            fireWarnObject(true, object, template, arg);
        }
        return condition;
    }

    public boolean warnOnceObject(boolean condition, Object object, String template, long arg) {
        if (condition) {
            fireWarnObject(true, object, template, arg);
        }
        return condition;
    }

    public boolean warnOnceObject(boolean condition, Object object, String template, Object arg1, Object arg2) {
        if (condition) {
            fireWarnObject(true, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #bugOn(boolean)}; the BUG report's dump is a snapshot dump of {@code object}. */
    public void bugOnObject(boolean condition, Object object) {
        if (condition) {
            fireBugObject(object, "");
        }
    }

    public void bugOnObject(boolean condition, Object object, String message) {
        if (condition) {
            fireBugObject(object, message);
        }
    }

    public void bugOnObject(boolean condition, Object object, String template, Object arg) {
        if (condition) {
            fireBugObject(object, template, arg);
        }
    }

    public void bugOnObject(boolean condition, Object object, String template, long arg) {
        if (condition) {
            fireBugObject(object, template, arg);
        }
    }

    public void bugOnObject(boolean condition, Object object, String template, Object arg1, Object arg2) {
        if (condition) {
            fireBugObject(object, template, arg1, arg2);
        }
    }

    // ---- the cold path -----------------------------------------------------------------
    // Everything below runs only when a check fired; it is kept out of the check methods so
    // that they stay a branch small enough to inline everywhere. The fireWarn overloads have
    // fixed arity so that a suppressed firing builds no varargs array: the arguments are
    // packed only after countFiring said the firing reports.

    private void fireWarn(boolean once, String message) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(message), null);
        }
    }

    private void fireWarn(boolean once, String template, Object arg) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg), null);
        }
    }

    private void fireWarn(boolean once, String template, long arg) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg), null);
        }
    }

    private void fireWarn(boolean once, String template, Object arg1, Object arg2) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg1, arg2), null);
        }
    }

    private void fireWarn(boolean once, String template, long arg1, long arg2) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg1, arg2), null);
        }
    }

    private void fireWarn(boolean once, String template, Object arg1, Object arg2, Object arg3) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg1, arg2, arg3), null);
        }
    }

    private void fireWarn(boolean once, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg1, arg2, arg3, arg4), null);
        }
    }

    private void fireWarn(boolean once, Supplier<String> message) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.supplied(message), null);
        }
    }

    private void fireBug(String template, Object... args) {
        countBug();
        Escalation.bug(name, LenientFormat.format(template, args), null);
    }

    private void fireBug(Supplier<String> message) {
        countBug();
        Escalation.bug(name, LenientFormat.supplied(message), null);
    }

    // Object-bearing firings: fixed arity like fireWarn, so a suppressed firing neither builds a
    // varargs array nor dumps; the object is dumped only for a firing that reports.

    private void fireWarnObject(boolean once, Object object, String message) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(message), Dumps.dump(object));
        }
    }

    private void fireWarnObject(boolean once, Object object, String template, Object arg) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg), Dumps.dump(object));
        }
    }

    private void fireWarnObject(boolean once, Object object, String template, long arg) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg), Dumps.dump(object));
        }
    }

    private void fireWarnObject(boolean once, Object object, String template, Object arg1, Object arg2) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg1, arg2), Dumps.dump(object));
        }
    }

    private void fireBugObject(Object object, String template, Object... args) {
        countBug();
        Escalation.bug(name, LenientFormat.format(template, args), Dumps.dump(object));
    }

    /**
     * Emits a warning report of this site that also announces the suppressed firings no report
     * has announced yet. Every warning of a site goes through here, so no count is skipped.
     */
    void reportWarning(String message, String dump) { // package-private: debug domains report through it
        Report r = Core.newReport(ReportKind.WARNING, name, message, dump);
        Escalation.warn(withSuppressedNote(r));
    }

    /** Emits a NOTICE of this site: no stack, no taint, no warn count, no policy. */
    private void notice(String message) {
        Report r = Core.newReport(ReportKind.NOTICE, name, message, null);
        Core.emit(withSuppressedNote(withoutStack(r, r.location())));
    }

    /**
     * Announces, as a NOTICE, the suppressed firings of this site that no report has announced
     * yet, and takes the site off the flush queue. Returns the number announced (0: nothing
     * emitted).
     */
    long flushSuppressed() {
        // Off the queue first: a firing suppressed after this line queues the site again, so
        // it is announced by this flush (if it is counted before the take below) or the next.
        PENDING.setVolatile(this, 0);
        long count = unannounced();
        if (count == 0) {
            return 0;
        }
        long since = (long) LAST_NOTE.getAndSet(this, ticker.nanoTime());
        Report r = Core.newReport(ReportKind.NOTICE, name, "", null);
        Core.emit(withoutStack(r, "").withSuppressed(count, ticker.instantAt(sinceOrFirst(since))));
        return count;
    }

    private Report withSuppressedNote(Report r) {
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

    private static Report withoutStack(Report r, String location) {
        return new Report(r.sequence(), r.kind(), r.site(), location, r.message(), r.threadName(), r.threadId(),
                r.time(), List.of(), r.taints(), r.pid(), r.runId(), r.dump());
    }

    /**
     * Counts a warning firing; returns true when it is to be reported. {@code once}: only the
     * first firing per warn-once epoch reports. Otherwise the site's rate limit decides (no
     * limit: every firing reports).
     */
    boolean countFiring(boolean once) {
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
    private boolean countPrint() {
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
    void countBug() { // package-private: debug domains count their BUGs through it
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
        int want = Core.onceEpoch() + 1;
        int mark = (int) ONCE_MARK.getVolatile(this);
        return mark != want && ONCE_MARK.compareAndSet(this, mark, want);
    }
}
