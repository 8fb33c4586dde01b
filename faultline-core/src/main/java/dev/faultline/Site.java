package dev.faultline;

import dev.faultline.internal.boot.Boot;
import dev.faultline.internal.clock.Ticker;
import dev.faultline.internal.panic.Escalation;
import dev.faultline.internal.ratelimit.RateLimiter;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.Reports;
import dev.faultline.internal.runtime.DumpGuard;
import dev.faultline.internal.text.LenientFormat;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.SiteStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import dev.faultline.report.Taint;

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
 *
 * <p>This file is long on purpose: every check comes in the same family of overloads (no
 * arguments, a fixed message, one to four arguments with {@code long} forms, five or more,
 * a {@link Supplier}), shared with {@link DebugDomain} and {@link Faultline}'s static form,
 * because a family of fixed arities is what keeps a passing check a branch that allocates
 * nothing. The counting state lives in {@code SiteState}.
 */
public final class Site extends SiteState {
    private final String name;
    private final String declaringClass;

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
        super(rateLimit, bootFirst(ticker));
        this.name = name;
        this.declaringClass = declaringClass;
        SiteRegistry.add(this);
    }

    /** Boots the runtime before anything else of the site is built; returns {@code ticker}. */
    private static Ticker bootFirst(Ticker ticker) {
        Boot.ensureBooted();
        return ticker;
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
        return reportedCount();
    }

    /** Firings that produced no report: once already reported, or over the rate limit. Exact. */
    public long suppressed() {
        return suppressedCount();
    }

    /** A snapshot of this site's counters and the times of its first and latest firing. */
    public SiteStats stats() {
        return stats(name, declaringClass);
    }

    @Override
    public String toString() {
        return "Site[" + name + " in " + declaringClass + ", fired " + fired() + ", reported " + reported() + "]";
    }

    // ---- warnOn -----------------------------------------------------------------------------

    /** Reports a warning when {@code condition} is true; returns {@code condition}. */
    public boolean warnOn(boolean condition) {
        if (condition) {
            fireWarn(false, NO_SUBJECT, "");
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with a fixed message (not treated as a template). */
    public boolean warnOn(boolean condition, String message) {
        if (condition) {
            fireWarn(false, NO_SUBJECT, message);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with a message template ({@code %s} placeholders) and one argument. */
    public boolean warnOn(boolean condition, String template, Object arg) {
        if (condition) {
            fireWarn(false, NO_SUBJECT, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with one {@code long} argument, not boxed. */
    public boolean warnOn(boolean condition, String template, long arg) {
        if (condition) {
            fireWarn(false, NO_SUBJECT, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with two arguments. */
    public boolean warnOn(boolean condition, String template, Object arg1, Object arg2) {
        if (condition) {
            fireWarn(false, NO_SUBJECT, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with two {@code long} arguments, not boxed. */
    public boolean warnOn(boolean condition, String template, long arg1, long arg2) {
        if (condition) {
            fireWarn(false, NO_SUBJECT, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public boolean warnOn(boolean condition, String template, long arg1, Object arg2) {
        if (condition) {
            fireWarn(false, NO_SUBJECT, template, (Object) arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public boolean warnOn(boolean condition, String template, Object arg1, long arg2) {
        if (condition) {
            fireWarn(false, NO_SUBJECT, template, arg1, (Object) arg2);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with three arguments. */
    public boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            fireWarn(false, NO_SUBJECT, template, arg1, arg2, arg3);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with four arguments. */
    public boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            fireWarn(false, NO_SUBJECT, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition) {
            fireWarn(false, NO_SUBJECT, template, arg1, arg2, arg3, arg4, more);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    public boolean warnOn(boolean condition, Supplier<String> message) {
        if (condition) {
            fireWarn(false, NO_SUBJECT, message);
        }
        return condition;
    }

    // ---- warnOnce ---------------------------------------------------------------------------

    /** Reports only the first firing of this site (per warn-once epoch); returns {@code condition}. */
    public boolean warnOnce(boolean condition) {
        if (condition) {
            fireWarn(true, NO_SUBJECT, "");
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with a fixed message (not treated as a template). */
    public boolean warnOnce(boolean condition, String message) {
        if (condition) {
            fireWarn(true, NO_SUBJECT, message);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with a message template ({@code %s} placeholders) and one argument. */
    public boolean warnOnce(boolean condition, String template, Object arg) {
        if (condition) {
            fireWarn(true, NO_SUBJECT, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with one {@code long} argument, not boxed. */
    public boolean warnOnce(boolean condition, String template, long arg) {
        if (condition) {
            fireWarn(true, NO_SUBJECT, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with two arguments. */
    public boolean warnOnce(boolean condition, String template, Object arg1, Object arg2) {
        if (condition) {
            fireWarn(true, NO_SUBJECT, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with two {@code long} arguments, not boxed. */
    public boolean warnOnce(boolean condition, String template, long arg1, long arg2) {
        if (condition) {
            fireWarn(true, NO_SUBJECT, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public boolean warnOnce(boolean condition, String template, long arg1, Object arg2) {
        if (condition) {
            fireWarn(true, NO_SUBJECT, template, (Object) arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public boolean warnOnce(boolean condition, String template, Object arg1, long arg2) {
        if (condition) {
            fireWarn(true, NO_SUBJECT, template, arg1, (Object) arg2);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with three arguments. */
    public boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            fireWarn(true, NO_SUBJECT, template, arg1, arg2, arg3);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with four arguments. */
    public boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            fireWarn(true, NO_SUBJECT, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition) {
            fireWarn(true, NO_SUBJECT, template, arg1, arg2, arg3, arg4, more);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    public boolean warnOnce(boolean condition, Supplier<String> message) {
        if (condition) {
            fireWarn(true, NO_SUBJECT, message);
        }
        return condition;
    }

    // ---- bugOn ------------------------------------------------------------------------------

    /** Panics when {@code condition} is true; otherwise does nothing. */
    public void bugOn(boolean condition) {
        if (condition) {
            fireBug(NO_SUBJECT, "");
        }
    }

    /** As {@link #bugOn(boolean)}, with a fixed message (not treated as a template). */
    public void bugOn(boolean condition, String message) {
        if (condition) {
            fireBug(NO_SUBJECT, message);
        }
    }

    /** As {@link #bugOn(boolean)}, with a message template ({@code %s} placeholders) and one argument. */
    public void bugOn(boolean condition, String template, Object arg) {
        if (condition) {
            fireBug(NO_SUBJECT, template, arg);
        }
    }

    /** As {@link #bugOn(boolean)}, with one {@code long} argument, not boxed. */
    public void bugOn(boolean condition, String template, long arg) {
        if (condition) {
            fireBug(NO_SUBJECT, template, arg);
        }
    }

    /** As {@link #bugOn(boolean)}, with two arguments. */
    public void bugOn(boolean condition, String template, Object arg1, Object arg2) {
        if (condition) {
            fireBug(NO_SUBJECT, template, arg1, arg2);
        }
    }

    /** As {@link #bugOn(boolean)}, with two {@code long} arguments, not boxed. */
    public void bugOn(boolean condition, String template, long arg1, long arg2) {
        if (condition) {
            fireBug(NO_SUBJECT, template, arg1, arg2);
        }
    }

    /** As {@link #bugOn(boolean)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public void bugOn(boolean condition, String template, long arg1, Object arg2) {
        if (condition) {
            fireBug(NO_SUBJECT, template, arg1, arg2);
        }
    }

    /** As {@link #bugOn(boolean)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public void bugOn(boolean condition, String template, Object arg1, long arg2) {
        if (condition) {
            fireBug(NO_SUBJECT, template, arg1, arg2);
        }
    }

    /** As {@link #bugOn(boolean)}, with three arguments. */
    public void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            fireBug(NO_SUBJECT, template, arg1, arg2, arg3);
        }
    }

    /** As {@link #bugOn(boolean)}, with four arguments. */
    public void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            fireBug(NO_SUBJECT, template, arg1, arg2, arg3, arg4);
        }
    }

    /** As {@link #bugOn(boolean)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition) {
            fireBug(NO_SUBJECT, template, LenientFormat.append(more, arg1, arg2, arg3, arg4));
        }
    }

    /** As {@link #bugOn(boolean)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    public void bugOn(boolean condition, Supplier<String> message) {
        if (condition) {
            fireBug(NO_SUBJECT, message);
        }
    }

    // ---- printRatelimited -------------------------------------------------------------------

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

    /** As {@link #printRatelimited(String)}, with a message template ({@code %s} placeholders) and one argument. */
    public boolean printRatelimited(String template, Object arg) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg));
            return true;
        }
        return false;
    }

    /** As {@link #printRatelimited(String)}, with one {@code long} argument, not boxed. */
    public boolean printRatelimited(String template, long arg) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg));
            return true;
        }
        return false;
    }

    /** As {@link #printRatelimited(String)}, with two arguments. */
    public boolean printRatelimited(String template, Object arg1, Object arg2) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg1, arg2));
            return true;
        }
        return false;
    }

    /** As {@link #printRatelimited(String)}, with two {@code long} arguments, not boxed. */
    public boolean printRatelimited(String template, long arg1, long arg2) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg1, arg2));
            return true;
        }
        return false;
    }

    /** As {@link #printRatelimited(String)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public boolean printRatelimited(String template, long arg1, Object arg2) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg1, arg2));
            return true;
        }
        return false;
    }

    /** As {@link #printRatelimited(String)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public boolean printRatelimited(String template, Object arg1, long arg2) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg1, arg2));
            return true;
        }
        return false;
    }

    /** As {@link #printRatelimited(String)}, with three arguments. */
    public boolean printRatelimited(String template, Object arg1, Object arg2, Object arg3) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg1, arg2, arg3));
            return true;
        }
        return false;
    }

    /** As {@link #printRatelimited(String)}, with four arguments. */
    public boolean printRatelimited(String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (countPrint()) {
            notice(LenientFormat.format(template, arg1, arg2, arg3, arg4));
            return true;
        }
        return false;
    }

    /** As {@link #printRatelimited(String)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public boolean printRatelimited(String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (countPrint()) {
            notice(LenientFormat.format(template, LenientFormat.append(more, arg1, arg2, arg3, arg4)));
            return true;
        }
        return false;
    }

    /** As {@link #printRatelimited(String)}, the message is built by {@code message} only when the print is not suppressed; a supplier that throws gives the message {@code <threw X>}. */
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
    // fires and reports; a passing check does not touch it.

    /**
     * As {@link #warnOn(boolean)}, and the report's {@link Report#dump() dump} is a snapshot dump
     * of {@code object} (see {@link dev.faultline.dump.Snapshots}): copied before it is formatted,
     * marked not faithful when it kept changing, sensitive fields redacted. Dumping never throws
     * and never fires checks. A suppressed firing (warn-once, over the rate) does not dump.
     */
    public boolean warnOnObject(boolean condition, Object object) {
        if (condition) {
            fireWarn(false, object, "");
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with a fixed message (not treated as a template). */
    public boolean warnOnObject(boolean condition, Object object, String message) {
        if (condition) {
            fireWarn(false, object, message);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with a message template ({@code %s} placeholders) and one argument. */
    public boolean warnOnObject(boolean condition, Object object, String template, Object arg) {
        if (condition) {
            fireWarn(false, object, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with one {@code long} argument, not boxed. */
    public boolean warnOnObject(boolean condition, Object object, String template, long arg) {
        if (condition) {
            fireWarn(false, object, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with two arguments. */
    public boolean warnOnObject(boolean condition, Object object, String template, Object arg1, Object arg2) {
        if (condition) {
            fireWarn(false, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with two {@code long} arguments, not boxed. */
    public boolean warnOnObject(boolean condition, Object object, String template, long arg1, long arg2) {
        if (condition) {
            fireWarn(false, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public boolean warnOnObject(boolean condition, Object object, String template, long arg1, Object arg2) {
        if (condition) {
            fireWarn(false, object, template, (Object) arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public boolean warnOnObject(boolean condition, Object object, String template, Object arg1, long arg2) {
        if (condition) {
            fireWarn(false, object, template, arg1, (Object) arg2);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with three arguments. */
    public boolean warnOnObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            fireWarn(false, object, template, arg1, arg2, arg3);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with four arguments. */
    public boolean warnOnObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            fireWarn(false, object, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public boolean warnOnObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition) {
            fireWarn(false, object, template, arg1, arg2, arg3, arg4, more);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    public boolean warnOnObject(boolean condition, Object object, Supplier<String> message) {
        if (condition) {
            fireWarn(false, object, message);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with a dump of {@code object}; later firings do not dump. */
    public boolean warnOnceObject(boolean condition, Object object) {
        if (condition) {
            fireWarn(true, object, "");
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with a fixed message (not treated as a template). */
    public boolean warnOnceObject(boolean condition, Object object, String message) {
        if (condition) {
            fireWarn(true, object, message);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with a message template ({@code %s} placeholders) and one argument. */
    public boolean warnOnceObject(boolean condition, Object object, String template, Object arg) {
        if (condition) {
            fireWarn(true, object, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with one {@code long} argument, not boxed. */
    public boolean warnOnceObject(boolean condition, Object object, String template, long arg) {
        if (condition) {
            fireWarn(true, object, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with two arguments. */
    public boolean warnOnceObject(boolean condition, Object object, String template, Object arg1, Object arg2) {
        if (condition) {
            fireWarn(true, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with two {@code long} arguments, not boxed. */
    public boolean warnOnceObject(boolean condition, Object object, String template, long arg1, long arg2) {
        if (condition) {
            fireWarn(true, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public boolean warnOnceObject(boolean condition, Object object, String template, long arg1, Object arg2) {
        if (condition) {
            fireWarn(true, object, template, (Object) arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public boolean warnOnceObject(boolean condition, Object object, String template, Object arg1, long arg2) {
        if (condition) {
            fireWarn(true, object, template, arg1, (Object) arg2);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with three arguments. */
    public boolean warnOnceObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            fireWarn(true, object, template, arg1, arg2, arg3);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with four arguments. */
    public boolean warnOnceObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            fireWarn(true, object, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public boolean warnOnceObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition) {
            fireWarn(true, object, template, arg1, arg2, arg3, arg4, more);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    public boolean warnOnceObject(boolean condition, Object object, Supplier<String> message) {
        if (condition) {
            fireWarn(true, object, message);
        }
        return condition;
    }

    /** As {@link #bugOn(boolean)}; the BUG report's dump is a snapshot dump of {@code object}. */
    public void bugOnObject(boolean condition, Object object) {
        if (condition) {
            fireBug(object, "");
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with a fixed message (not treated as a template). */
    public void bugOnObject(boolean condition, Object object, String message) {
        if (condition) {
            fireBug(object, message);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with a message template ({@code %s} placeholders) and one argument. */
    public void bugOnObject(boolean condition, Object object, String template, Object arg) {
        if (condition) {
            fireBug(object, template, arg);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with one {@code long} argument, not boxed. */
    public void bugOnObject(boolean condition, Object object, String template, long arg) {
        if (condition) {
            fireBug(object, template, arg);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with two arguments. */
    public void bugOnObject(boolean condition, Object object, String template, Object arg1, Object arg2) {
        if (condition) {
            fireBug(object, template, arg1, arg2);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with two {@code long} arguments, not boxed. */
    public void bugOnObject(boolean condition, Object object, String template, long arg1, long arg2) {
        if (condition) {
            fireBug(object, template, arg1, arg2);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public void bugOnObject(boolean condition, Object object, String template, long arg1, Object arg2) {
        if (condition) {
            fireBug(object, template, arg1, arg2);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public void bugOnObject(boolean condition, Object object, String template, Object arg1, long arg2) {
        if (condition) {
            fireBug(object, template, arg1, arg2);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with three arguments. */
    public void bugOnObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            fireBug(object, template, arg1, arg2, arg3);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with four arguments. */
    public void bugOnObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            fireBug(object, template, arg1, arg2, arg3, arg4);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public void bugOnObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition) {
            fireBug(object, template, LenientFormat.append(more, arg1, arg2, arg3, arg4));
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    public void bugOnObject(boolean condition, Object object, Supplier<String> message) {
        if (condition) {
            fireBug(object, message);
        }
    }

    // ---- the cold path -----------------------------------------------------------------
    // Everything below runs only when a check fired; it is kept out of the check methods so
    // that they stay a branch small enough to inline everywhere. The fireWarn overloads have
    // fixed arity so that a suppressed firing builds no varargs array and boxes no long: the
    // arguments are packed only after countFiring said the firing reports.

    /** Stands for "no object": a check that is not object-bearing dumps nothing. */
    private static final Object NO_SUBJECT = new Object();

    private void fireWarn(boolean once, Object subject, String message) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(message), dump(subject));
        }
    }

    private void fireWarn(boolean once, Object subject, String template, Object arg) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg), dump(subject));
        }
    }

    private void fireWarn(boolean once, Object subject, String template, long arg) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg), dump(subject));
        }
    }

    private void fireWarn(boolean once, Object subject, String template, Object arg1, Object arg2) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg1, arg2), dump(subject));
        }
    }

    private void fireWarn(boolean once, Object subject, String template, long arg1, long arg2) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg1, arg2), dump(subject));
        }
    }

    private void fireWarn(boolean once, Object subject, String template, Object arg1, Object arg2, Object arg3) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg1, arg2, arg3), dump(subject));
        }
    }

    private void fireWarn(boolean once, Object subject, String template, Object arg1, Object arg2, Object arg3,
                          Object arg4) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, arg1, arg2, arg3, arg4), dump(subject));
        }
    }

    private void fireWarn(boolean once, Object subject, String template, Object arg1, Object arg2, Object arg3,
                          Object arg4, Object[] more) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.format(template, LenientFormat.append(more, arg1, arg2, arg3, arg4)),
                    dump(subject));
        }
    }

    private void fireWarn(boolean once, Object subject, Supplier<String> message) {
        if (countFiring(once)) {
            reportWarning(LenientFormat.supplied(message), dump(subject));
        }
    }

    private void fireBug(Object subject, String template, Object... args) {
        Escalation.claimBug(name()); // first: whatever runs out of stack or heap below still panics
        countBug();
        Escalation.bug(name(), LenientFormat.format(template, args), dump(subject));
    }

    private void fireBug(Object subject, Supplier<String> message) {
        Escalation.claimBug(name()); // first: whatever runs out of stack or heap below still panics
        countBug();
        Escalation.bug(name(), LenientFormat.supplied(message), dump(subject));
    }

    private static String dump(Object subject) {
        return subject == NO_SUBJECT ? null : Dumps.dump(subject);
    }

    /**
     * Emits a warning report of this site that also announces the suppressed firings no report
     * has announced yet. Every warning of a site goes through here, so no count is skipped.
     */
    void reportWarning(String message, String dump) {
        reportWarning(message, dump, null);
    }

    /** As {@link #reportWarning(String, String)}, for a check of debug domain {@code domain} (null: none). */
    void reportWarning(String message, String dump, String domain) { // debug domains report through it
        Report r = Reports.newReport(ReportKind.WARNING, name, message, dump, domain);
        rememberSignature(r.signature());
        Escalation.warn(withSuppressedNote(r));
    }

    /** Emits a NOTICE of this site: no stack, no taint, no warn count, no policy. */
    private void notice(String message) {
        Report r = Reports.newReport(ReportKind.NOTICE, name, message, null);
        Core.emit(withSuppressedNote(withoutStack(r, r.location())));
    }

    @Override
    long flushSuppressed() {
        long count = takeForFlush();
        if (count == 0) {
            return 0;
        }
        Instant since = noteSince();
        Report r = Reports.newReport(ReportKind.NOTICE, name, "", null);
        Core.emit(withoutStack(r, "").withSuppressed(count, since));
        return count;
    }

    private static Report withoutStack(Report r, String location) {
        return r.toBuilder().location(location).stack(List.of()).suppressed(0, null).domain(null).signature(null)
                .build();
    }


}
