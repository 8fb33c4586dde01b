package dev.faultline;

import dev.faultline.internal.domain.DomainState;
import dev.faultline.internal.panic.Escalation;
import dev.faultline.internal.runtime.CallerSites;
import dev.faultline.internal.runtime.StackCapture;
import dev.faultline.internal.text.LenientFormat;
import java.lang.invoke.MethodHandle;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one implementation of {@link DebugDomain}.
 *
 * <p>It is a record on purpose: the JIT trusts a record's final fields as constants (it does
 * not trust the final fields of an ordinary class), so from a {@code static final} domain it
 * reaches the constant {@link #guard} handle and, through it, the domain's call site — which is
 * what lets a check of a domain that is off compile to nothing (see {@link DomainState}).
 *
 * <p>Every check is a branch on the condition and the guard; everything else is on the cold
 * path in {@link #fire}, which reports through the ordinary {@link Site} machinery: a site per
 * calling line with its once flag and counters (suppressed firings are announced like any
 * site's), then the site's warning report or {@link Escalation#bug}.
 *
 * <p>This file is long on purpose: it implements every overload of {@link DebugDomain}, each a
 * guard read and a branch while the domain is off.
 */
record Domain(String name, MethodHandle guard, DomainState state, CallerSites<Site> sites) implements DebugDomain {
    private static final int WARN = 0;
    private static final int ONCE = 1;
    private static final int BUG = 2;
    private static final int NOTHING = 3;

    /** What a check ({@code WARN}, {@code ONCE}, {@code BUG}) does in each mode, by mode ordinal. */
    private static final int[][] ACTIONS = {
        /* OFF   */ {NOTHING, NOTHING, NOTHING},
        /* WARN  */ {WARN, ONCE, WARN},
        /* ONCE  */ {ONCE, ONCE, ONCE},
        /* PANIC */ {WARN, ONCE, BUG},
    };

    /** Stands for "this check carries no object" (a null object is dumped as {@code null}). */
    private static final Object NO_SUBJECT = new Object();
    private static final Object[] NO_ARGS = {};

    static {
        // Keep this class's frames out of report stacks and out of the caller-site keys.
        StackCapture.machinery(Domain.class.getName());
    }

    static Domain of(DomainState state) {
        String name = state.name();
        return new Domain(name, state.guard(), state, new CallerSites<>(key -> new Site(name, CallerSites.ownerClass(key)),
                // The overflow site stands for any number of call lines, so it is rate-limited.
                key -> new Site(name, "?", RateLimit.processDefault())));
    }

    @Override
    public DebugMode mode() {
        return state.mode();
    }

    @Override
    public boolean enabled() {
        try {
            return (boolean) guard.invokeExact();
        } catch (Throwable e) {
            // A constant handle cannot throw; if the JVM ever says otherwise, fall back to the field.
            return state.on();
        }
    }

    @Override
    public String toString() {
        return "DebugDomain[" + name + ", mode " + state.mode().token() + "]";
    }

    // ---- warnOn -----------------------------------------------------------------------------

    @Override
    public boolean warnOn(boolean condition) {
        if (condition && enabled()) {
            fire(WARN, NO_SUBJECT, null, "", NO_ARGS);
        }
        return condition;
    }

    @Override
    public boolean warnOn(boolean condition, String message) {
        if (condition && enabled()) {
            fire(WARN, NO_SUBJECT, null, message, NO_ARGS);
        }
        return condition;
    }

    @Override
    public boolean warnOn(boolean condition, String template, Object arg) {
        if (condition && enabled()) {
            fire(WARN, NO_SUBJECT, null, template, arg);
        }
        return condition;
    }

    @Override
    public boolean warnOn(boolean condition, String template, long arg) {
        if (condition && enabled()) {
            fire(WARN, NO_SUBJECT, null, template, arg);
        }
        return condition;
    }

    @Override
    public boolean warnOn(boolean condition, String template, Object arg1, Object arg2) {
        if (condition && enabled()) {
            fire(WARN, NO_SUBJECT, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOn(boolean condition, String template, long arg1, long arg2) {
        if (condition && enabled()) {
            fire(WARN, NO_SUBJECT, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOn(boolean condition, String template, long arg1, Object arg2) {
        if (condition && enabled()) {
            fire(WARN, NO_SUBJECT, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOn(boolean condition, String template, Object arg1, long arg2) {
        if (condition && enabled()) {
            fire(WARN, NO_SUBJECT, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3) {
        if (condition && enabled()) {
            fire(WARN, NO_SUBJECT, null, template, arg1, arg2, arg3);
        }
        return condition;
    }

    @Override
    public boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition && enabled()) {
            fire(WARN, NO_SUBJECT, null, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    @Override
    public boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition && enabled()) {
            fire(WARN, NO_SUBJECT, null, template, LenientFormat.append(more, arg1, arg2, arg3, arg4));
        }
        return condition;
    }

    @Override
    public boolean warnOn(boolean condition, Supplier<String> message) {
        if (condition && enabled()) {
            fire(WARN, NO_SUBJECT, message, null, NO_ARGS);
        }
        return condition;
    }

    @Override
    public boolean warnOnObject(boolean condition, Object subject) {
        if (condition && enabled()) {
            fire(WARN, subject, null, "", NO_ARGS);
        }
        return condition;
    }

    @Override
    public boolean warnOnObject(boolean condition, Object subject, String message) {
        if (condition && enabled()) {
            fire(WARN, subject, null, message, NO_ARGS);
        }
        return condition;
    }

    @Override
    public boolean warnOnObject(boolean condition, Object subject, String template, Object arg) {
        if (condition && enabled()) {
            fire(WARN, subject, null, template, arg);
        }
        return condition;
    }

    @Override
    public boolean warnOnObject(boolean condition, Object subject, String template, long arg) {
        if (condition && enabled()) {
            fire(WARN, subject, null, template, arg);
        }
        return condition;
    }

    @Override
    public boolean warnOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2) {
        if (condition && enabled()) {
            fire(WARN, subject, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOnObject(boolean condition, Object subject, String template, long arg1, long arg2) {
        if (condition && enabled()) {
            fire(WARN, subject, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOnObject(boolean condition, Object subject, String template, long arg1, Object arg2) {
        if (condition && enabled()) {
            fire(WARN, subject, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOnObject(boolean condition, Object subject, String template, Object arg1, long arg2) {
        if (condition && enabled()) {
            fire(WARN, subject, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3) {
        if (condition && enabled()) {
            fire(WARN, subject, null, template, arg1, arg2, arg3);
        }
        return condition;
    }

    @Override
    public boolean warnOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition && enabled()) {
            fire(WARN, subject, null, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    @Override
    public boolean warnOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition && enabled()) {
            fire(WARN, subject, null, template, LenientFormat.append(more, arg1, arg2, arg3, arg4));
        }
        return condition;
    }

    @Override
    public boolean warnOnObject(boolean condition, Object subject, Supplier<String> message) {
        if (condition && enabled()) {
            fire(WARN, subject, message, null, NO_ARGS);
        }
        return condition;
    }

    @Override
    public boolean warnOn(BooleanSupplier check) {
        return enabled() && held(WARN, check, "");
    }

    @Override
    public boolean warnOn(BooleanSupplier check, String message) {
        return enabled() && held(WARN, check, message);
    }

    // ---- warnOnce ---------------------------------------------------------------------------

    @Override
    public boolean warnOnce(boolean condition) {
        if (condition && enabled()) {
            fire(ONCE, NO_SUBJECT, null, "", NO_ARGS);
        }
        return condition;
    }

    @Override
    public boolean warnOnce(boolean condition, String message) {
        if (condition && enabled()) {
            fire(ONCE, NO_SUBJECT, null, message, NO_ARGS);
        }
        return condition;
    }

    @Override
    public boolean warnOnce(boolean condition, String template, Object arg) {
        if (condition && enabled()) {
            fire(ONCE, NO_SUBJECT, null, template, arg);
        }
        return condition;
    }

    @Override
    public boolean warnOnce(boolean condition, String template, long arg) {
        if (condition && enabled()) {
            fire(ONCE, NO_SUBJECT, null, template, arg);
        }
        return condition;
    }

    @Override
    public boolean warnOnce(boolean condition, String template, Object arg1, Object arg2) {
        if (condition && enabled()) {
            fire(ONCE, NO_SUBJECT, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOnce(boolean condition, String template, long arg1, long arg2) {
        if (condition && enabled()) {
            fire(ONCE, NO_SUBJECT, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOnce(boolean condition, String template, long arg1, Object arg2) {
        if (condition && enabled()) {
            fire(ONCE, NO_SUBJECT, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOnce(boolean condition, String template, Object arg1, long arg2) {
        if (condition && enabled()) {
            fire(ONCE, NO_SUBJECT, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3) {
        if (condition && enabled()) {
            fire(ONCE, NO_SUBJECT, null, template, arg1, arg2, arg3);
        }
        return condition;
    }

    @Override
    public boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition && enabled()) {
            fire(ONCE, NO_SUBJECT, null, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    @Override
    public boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition && enabled()) {
            fire(ONCE, NO_SUBJECT, null, template, LenientFormat.append(more, arg1, arg2, arg3, arg4));
        }
        return condition;
    }

    @Override
    public boolean warnOnce(boolean condition, Supplier<String> message) {
        if (condition && enabled()) {
            fire(ONCE, NO_SUBJECT, message, null, NO_ARGS);
        }
        return condition;
    }

    @Override
    public boolean warnOnceObject(boolean condition, Object subject) {
        if (condition && enabled()) {
            fire(ONCE, subject, null, "", NO_ARGS);
        }
        return condition;
    }

    @Override
    public boolean warnOnceObject(boolean condition, Object subject, String message) {
        if (condition && enabled()) {
            fire(ONCE, subject, null, message, NO_ARGS);
        }
        return condition;
    }

    @Override
    public boolean warnOnceObject(boolean condition, Object subject, String template, Object arg) {
        if (condition && enabled()) {
            fire(ONCE, subject, null, template, arg);
        }
        return condition;
    }

    @Override
    public boolean warnOnceObject(boolean condition, Object subject, String template, long arg) {
        if (condition && enabled()) {
            fire(ONCE, subject, null, template, arg);
        }
        return condition;
    }

    @Override
    public boolean warnOnceObject(boolean condition, Object subject, String template, Object arg1, Object arg2) {
        if (condition && enabled()) {
            fire(ONCE, subject, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOnceObject(boolean condition, Object subject, String template, long arg1, long arg2) {
        if (condition && enabled()) {
            fire(ONCE, subject, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOnceObject(boolean condition, Object subject, String template, long arg1, Object arg2) {
        if (condition && enabled()) {
            fire(ONCE, subject, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOnceObject(boolean condition, Object subject, String template, Object arg1, long arg2) {
        if (condition && enabled()) {
            fire(ONCE, subject, null, template, arg1, arg2);
        }
        return condition;
    }

    @Override
    public boolean warnOnceObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3) {
        if (condition && enabled()) {
            fire(ONCE, subject, null, template, arg1, arg2, arg3);
        }
        return condition;
    }

    @Override
    public boolean warnOnceObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition && enabled()) {
            fire(ONCE, subject, null, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    @Override
    public boolean warnOnceObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition && enabled()) {
            fire(ONCE, subject, null, template, LenientFormat.append(more, arg1, arg2, arg3, arg4));
        }
        return condition;
    }

    @Override
    public boolean warnOnceObject(boolean condition, Object subject, Supplier<String> message) {
        if (condition && enabled()) {
            fire(ONCE, subject, message, null, NO_ARGS);
        }
        return condition;
    }

    @Override
    public boolean warnOnce(BooleanSupplier check) {
        return enabled() && held(ONCE, check, "");
    }

    @Override
    public boolean warnOnce(BooleanSupplier check, String message) {
        return enabled() && held(ONCE, check, message);
    }

    // ---- bugOn ------------------------------------------------------------------------------

    @Override
    public void bugOn(boolean condition) {
        if (condition && enabled()) {
            fire(BUG, NO_SUBJECT, null, "", NO_ARGS);
        }
    }

    @Override
    public void bugOn(boolean condition, String message) {
        if (condition && enabled()) {
            fire(BUG, NO_SUBJECT, null, message, NO_ARGS);
        }
    }

    @Override
    public void bugOn(boolean condition, String template, Object arg) {
        if (condition && enabled()) {
            fire(BUG, NO_SUBJECT, null, template, arg);
        }
    }

    @Override
    public void bugOn(boolean condition, String template, long arg) {
        if (condition && enabled()) {
            fire(BUG, NO_SUBJECT, null, template, arg);
        }
    }

    @Override
    public void bugOn(boolean condition, String template, Object arg1, Object arg2) {
        if (condition && enabled()) {
            fire(BUG, NO_SUBJECT, null, template, arg1, arg2);
        }
    }

    @Override
    public void bugOn(boolean condition, String template, long arg1, long arg2) {
        if (condition && enabled()) {
            fire(BUG, NO_SUBJECT, null, template, arg1, arg2);
        }
    }

    @Override
    public void bugOn(boolean condition, String template, long arg1, Object arg2) {
        if (condition && enabled()) {
            fire(BUG, NO_SUBJECT, null, template, arg1, arg2);
        }
    }

    @Override
    public void bugOn(boolean condition, String template, Object arg1, long arg2) {
        if (condition && enabled()) {
            fire(BUG, NO_SUBJECT, null, template, arg1, arg2);
        }
    }

    @Override
    public void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3) {
        if (condition && enabled()) {
            fire(BUG, NO_SUBJECT, null, template, arg1, arg2, arg3);
        }
    }

    @Override
    public void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition && enabled()) {
            fire(BUG, NO_SUBJECT, null, template, arg1, arg2, arg3, arg4);
        }
    }

    @Override
    public void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition && enabled()) {
            fire(BUG, NO_SUBJECT, null, template, LenientFormat.append(more, arg1, arg2, arg3, arg4));
        }
    }

    @Override
    public void bugOn(boolean condition, Supplier<String> message) {
        if (condition && enabled()) {
            fire(BUG, NO_SUBJECT, message, null, NO_ARGS);
        }
    }

    @Override
    public void bugOnObject(boolean condition, Object subject) {
        if (condition && enabled()) {
            fire(BUG, subject, null, "", NO_ARGS);
        }
    }

    @Override
    public void bugOnObject(boolean condition, Object subject, String message) {
        if (condition && enabled()) {
            fire(BUG, subject, null, message, NO_ARGS);
        }
    }

    @Override
    public void bugOnObject(boolean condition, Object subject, String template, Object arg) {
        if (condition && enabled()) {
            fire(BUG, subject, null, template, arg);
        }
    }

    @Override
    public void bugOnObject(boolean condition, Object subject, String template, long arg) {
        if (condition && enabled()) {
            fire(BUG, subject, null, template, arg);
        }
    }

    @Override
    public void bugOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2) {
        if (condition && enabled()) {
            fire(BUG, subject, null, template, arg1, arg2);
        }
    }

    @Override
    public void bugOnObject(boolean condition, Object subject, String template, long arg1, long arg2) {
        if (condition && enabled()) {
            fire(BUG, subject, null, template, arg1, arg2);
        }
    }

    @Override
    public void bugOnObject(boolean condition, Object subject, String template, long arg1, Object arg2) {
        if (condition && enabled()) {
            fire(BUG, subject, null, template, arg1, arg2);
        }
    }

    @Override
    public void bugOnObject(boolean condition, Object subject, String template, Object arg1, long arg2) {
        if (condition && enabled()) {
            fire(BUG, subject, null, template, arg1, arg2);
        }
    }

    @Override
    public void bugOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3) {
        if (condition && enabled()) {
            fire(BUG, subject, null, template, arg1, arg2, arg3);
        }
    }

    @Override
    public void bugOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition && enabled()) {
            fire(BUG, subject, null, template, arg1, arg2, arg3, arg4);
        }
    }

    @Override
    public void bugOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition && enabled()) {
            fire(BUG, subject, null, template, LenientFormat.append(more, arg1, arg2, arg3, arg4));
        }
    }

    @Override
    public void bugOnObject(boolean condition, Object subject, Supplier<String> message) {
        if (condition && enabled()) {
            fire(BUG, subject, message, null, NO_ARGS);
        }
    }

    @Override
    public void bugOn(BooleanSupplier check) {
        if (enabled()) {
            held(BUG, check, "");
        }
    }

    @Override
    public void bugOn(BooleanSupplier check, String message) {
        if (enabled()) {
            held(BUG, check, message);
        }
    }

    // ---- the cold path -----------------------------------------------------------------

    /**
     * Runs a lambda check (the domain is on) and fires if it held. A check that throws is
     * reported as a warning of the domain and counts as not held: turning debugging on must not
     * add a new way for the service to fail.
     */
    private boolean held(int check, BooleanSupplier condition, String message) {
        boolean holds;
        try {
            holds = condition.getAsBoolean();
        } catch (RuntimeException e) {
            fire(WARN, NO_SUBJECT, null, "the check itself threw %s", e);
            return false;
        }
        if (holds) {
            fire(check, NO_SUBJECT, null, message, NO_ARGS);
        }
        return holds;
    }

    /**
     * A check fired while the domain looked on: decide from the mode as it is now (it may have
     * changed since the guard was read), count the firing at the calling line's site, and report
     * only what is not suppressed. The message is formatted and the subject dumped only for a
     * report.
     */
    private void fire(int check, Object subject, Supplier<String> supplier, String template, Object... args) {
        int action = ACTIONS[state.mode().ordinal()][check];
        if (action == NOTHING) {
            return;
        }
        Site site = sites.forCaller();
        if (action == BUG) {
            site.countBug();
            Escalation.bug(name, message(check, action, supplier, template, args), dump(subject), name);
        } else if (site.countFiring(action == ONCE)) {
            site.reportWarning(message(check, action, supplier, template, args), dump(subject), name);
        }
    }

    private String message(int check, int action, Supplier<String> supplier, String template, Object[] args) {
        String text = supplier != null ? LenientFormat.supplied(supplier) : LenientFormat.format(template, args);
        if (check == BUG && action != BUG) {
            // The reader must know this was a BUG_ON that the operator turned into a warning.
            String note = "bugOn reported as a warning: debug domain " + name + " is in mode " + state.mode().token();
            return text.isEmpty() ? note : text + " (" + note + ")";
        }
        return text;
    }

    private static String dump(Object subject) {
        return subject == NO_SUBJECT ? null : Dumps.dump(subject);
    }

}
