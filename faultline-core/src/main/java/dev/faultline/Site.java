package dev.faultline;

import dev.faultline.internal.Core;
import dev.faultline.internal.Dumps;
import dev.faultline.internal.LenientFormat;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * allocated (there are overloads for up to four arguments, so no varargs array is built, and
 * primitive {@code long} overloads so {@code int}/{@code long} arguments are not boxed). A
 * {@link Supplier} form defers building the message entirely; a capturing lambda may still
 * allocate unless the JIT removes it, so prefer the overloads on hot paths.
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
 * A message argument whose {@code toString()} throws is shown as {@code <threw X>}; a
 * {@link Supplier} that throws gives the message {@code <threw X>}. Checks never throw, except
 * {@link PanicError} in test mode.
 *
 * <p>Sites are thread-safe; the counters are exact under contention.
 */
public final class Site {
    private static final VarHandle FIRED;
    private static final VarHandle REPORTED;
    private static final VarHandle ONCE_MARK;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            FIRED = l.findVarHandle(Site.class, "fired", long.class);
            REPORTED = l.findVarHandle(Site.class, "reported", long.class);
            ONCE_MARK = l.findVarHandle(Site.class, "onceMark", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final String declaringClass;
    @SuppressWarnings("unused") // updated through FIRED
    private volatile long fired;
    @SuppressWarnings("unused") // updated through REPORTED
    private volatile long reported;
    /** 1 + the warn-once epoch in which this site last reported; 0 = never. */
    @SuppressWarnings("unused") // updated through ONCE_MARK
    private volatile int onceMark;

    Site(String name, String declaringClass) {
        this.name = name;
        this.declaringClass = declaringClass;
    }

    /** The site's name as given at declaration. */
    public String name() {
        return name;
    }

    /** The class that declared the site, or {@code "?"} when it could not be determined. */
    public String declaringClass() {
        return declaringClass;
    }

    /** How many times a check of this site fired (condition true), reported or not. */
    public long fired() {
        return (long) FIRED.getVolatile(this);
    }

    /** How many times a firing of this site produced a report. */
    public long reported() {
        return (long) REPORTED.getVolatile(this);
    }

    /** Firings that produced no report ({@code fired - reported}, read without a lock). */
    public long suppressed() {
        return Math.max(0, fired() - reported());
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
    // that they stay a branch small enough to inline everywhere.

    private void fireWarn(boolean once, String template, Object... args) {
        if (countFiring(once)) {
            Core.warn(name, LenientFormat.format(template, args), null);
        }
    }

    private void fireWarn(boolean once, Supplier<String> message) {
        if (countFiring(once)) {
            Core.warn(name, supplied(message), null);
        }
    }

    private void fireBug(String template, Object... args) {
        countFiring(false);
        Core.bug(name, LenientFormat.format(template, args), null);
    }

    private void fireBug(Supplier<String> message) {
        countFiring(false);
        Core.bug(name, supplied(message), null);
    }

    private void fireWarnObject(boolean once, Object object, String template, Object... args) {
        if (countFiring(once)) {
            Core.warn(name, LenientFormat.format(template, args), Dumps.dump(object));
        }
    }

    private void fireBugObject(Object object, String template, Object... args) {
        countFiring(false);
        Core.bug(name, LenientFormat.format(template, args), Dumps.dump(object));
    }

    /** Counts a firing; returns true when it is to be reported (and counts that too). */
    boolean countFiring(boolean once) {
        FIRED.getAndAdd(this, 1L);
        if (once && !claimOnce()) {
            return false;
        }
        REPORTED.getAndAdd(this, 1L);
        return true;
    }

    /** True for exactly one caller per warn-once epoch. No lock, no allocation. */
    private boolean claimOnce() {
        int want = Core.onceEpoch() + 1;
        int mark = (int) ONCE_MARK.getVolatile(this);
        return mark != want && ONCE_MARK.compareAndSet(this, mark, want);
    }

    private static String supplied(Supplier<String> message) {
        if (message == null) {
            return "null";
        }
        try {
            return String.valueOf(message.get());
        } catch (Throwable e) {
            return "<threw " + e.getClass().getName() + ">";
        }
    }
}
