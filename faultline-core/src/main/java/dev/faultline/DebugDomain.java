package dev.faultline;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A debug domain: a named group of checks (after the kernel's {@code CONFIG_DEBUG_VM} checks,
 * {@code VM_BUG_ON} and friends) that the operator turns off, to warnings, to warn-once, or to
 * panics — per subsystem, at boot ({@code faultline.debug=mm=panic,net=warn}) and at run time
 * (JMX, {@link DebugDomains}). See {@link DebugMode} for what each check does in each mode.
 *
 * <pre>{@code
 * static final DebugDomain MM = Faultline.domain("mm");
 * ...
 * MM.bugOn(page.refCount() < 0, "refcount %s", page.refCount());
 * MM.bugOnObject(!page.isLinked(), page);                 // the report carries a dump of page
 * if (MM.enabled()) {                                   // expensive checks: off costs nothing
 *     MM.warnOn(!freeList.isConsistent());
 * }
 * MM.warnOnce(() -> !tree.isBalanced());                // the same, as a lambda
 * }</pre>
 *
 * <p><b>Names.</b> Domains are named hierarchically ({@code mm}, {@code mm.cache},
 * {@code net.tcp}); names are case-insensitive. A domain without a mode of its own follows its
 * parent ({@code mm.cache} follows {@code mm}), a top-level domain follows {@code *}, and
 * {@code *} is {@link DebugMode#OFF} unless set.
 *
 * <p><b>Cost.</b> Keep the domain in a {@code static final} field. Then, while the domain is
 * off, {@link #enabled()} is a constant {@code false} to the JIT: a guarded block, and a
 * lambda check, compile to nothing at all, as if the check were not there. Turning the domain
 * on at run time deoptimises the code that relied on that, so it takes effect in code that is
 * already compiled and running, at its next iteration. A domain held anywhere else (an
 * instance field, a local) still works; {@code enabled()} then costs an indirect call. The
 * message forms take one {@code long} without boxing; with two arguments a primitive is boxed
 * by the caller, which the JIT removes while the domain is off but not while it is on — guard
 * with {@code enabled()} or use the {@link Supplier} form where that matters.
 *
 * <p><b>Sites.</b> Each calling source line is a site of its own, with its own once flag and
 * counters (as every kernel {@code VM_WARN_ON_ONCE} has its own), found by a stack walk only
 * when a check fires; at most {@value dev.faultline.internal.runtime.CallerSites#MAX_SITES} lines per
 * domain, later ones share a rate-limited overflow site. Firings suppressed by a once flag are
 * counted and announced like any site's ({@link Faultline#flushSuppressed()}). Reports name the
 * domain as their site. The stack walk runs on every firing of an enabled domain, suppressed
 * ones included (microseconds, and it allocates): a check that may fire in a hot loop belongs
 * on a {@code static final} {@link Site} instead.
 *
 * <p><b>Return values.</b> The {@code boolean} forms of {@code warnOn}/{@code warnOnce} return
 * their condition whatever the mode, so recovery code does not depend on the operator's debug
 * setting. The lambda forms return true only when the domain is on and the check held: while
 * off, the check is not evaluated at all.
 *
 * <p><b>Failure.</b> Checks never throw, except {@link PanicError} from a panic in test mode. A
 * message argument or an object whose {@code toString()} throws is shown, not thrown; a lambda
 * check that throws a {@link RuntimeException} is reported as a warning of this domain
 * ({@code the check threw ...}) and counts as not held.
 *
 * <p>Instances come from {@link Faultline#domain(String)}; the same name always gives the same
 * domain. The interface is sealed: its one implementation is what lets the JIT fold it.
 */
public sealed interface DebugDomain permits Domain {
    /** The domain's name, lower case. */
    String name();

    /** The domain's effective mode now: its own, or the one it inherits. */
    DebugMode mode();

    /**
     * True when the domain's mode is not {@link DebugMode#OFF}. Use it to guard checks whose
     * condition is expensive; while off, the guarded block costs nothing after JIT.
     */
    boolean enabled();

    // ---- warnOn -----------------------------------------------------------------------------

    /** Warns when {@code condition} is true and the domain is on (see {@link DebugMode}); returns {@code condition}. */
    boolean warnOn(boolean condition);

    /** As {@link #warnOn(boolean)}, with a fixed message (not treated as a template). */
    boolean warnOn(boolean condition, String message);

    /** As {@link #warnOn(boolean)}, with a message template ({@code %s} placeholders) and one argument. */
    boolean warnOn(boolean condition, String template, Object arg);

    /** As {@link #warnOn(boolean)}, with one {@code long} argument, not boxed. */
    boolean warnOn(boolean condition, String template, long arg);

    /** As {@link #warnOn(boolean)}, with two arguments. */
    boolean warnOn(boolean condition, String template, Object arg1, Object arg2);

    /** As {@link #warnOn(boolean)}, with two {@code long} arguments, not boxed. */
    boolean warnOn(boolean condition, String template, long arg1, long arg2);

    /** As {@link #warnOn(boolean)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    boolean warnOn(boolean condition, String template, long arg1, Object arg2);

    /** As {@link #warnOn(boolean)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    boolean warnOn(boolean condition, String template, Object arg1, long arg2);

    /** As {@link #warnOn(boolean)}, with three arguments. */
    boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3);

    /** As {@link #warnOn(boolean)}, with four arguments. */
    boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4);

    /** As {@link #warnOn(boolean)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more);

    /** As {@link #warnOn(boolean)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    boolean warnOn(boolean condition, Supplier<String> message);

    /** As {@link #warnOn(boolean)}; the report carries a dump of {@code subject} (kernel {@code VM_WARN_ON_PAGE}). */
    boolean warnOnObject(boolean condition, Object subject);

    /** As {@link #warnOnObject(boolean, Object)}, with a fixed message (not treated as a template). */
    boolean warnOnObject(boolean condition, Object subject, String message);

    /** As {@link #warnOnObject(boolean, Object)}, with a message template ({@code %s} placeholders) and one argument. */
    boolean warnOnObject(boolean condition, Object subject, String template, Object arg);

    /** As {@link #warnOnObject(boolean, Object)}, with one {@code long} argument, not boxed. */
    boolean warnOnObject(boolean condition, Object subject, String template, long arg);

    /** As {@link #warnOnObject(boolean, Object)}, with two arguments. */
    boolean warnOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2);

    /** As {@link #warnOnObject(boolean, Object)}, with two {@code long} arguments, not boxed. */
    boolean warnOnObject(boolean condition, Object subject, String template, long arg1, long arg2);

    /** As {@link #warnOnObject(boolean, Object)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    boolean warnOnObject(boolean condition, Object subject, String template, long arg1, Object arg2);

    /** As {@link #warnOnObject(boolean, Object)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    boolean warnOnObject(boolean condition, Object subject, String template, Object arg1, long arg2);

    /** As {@link #warnOnObject(boolean, Object)}, with three arguments. */
    boolean warnOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3);

    /** As {@link #warnOnObject(boolean, Object)}, with four arguments. */
    boolean warnOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3, Object arg4);

    /** As {@link #warnOnObject(boolean, Object)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    boolean warnOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more);

    /** As {@link #warnOnObject(boolean, Object)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    boolean warnOnObject(boolean condition, Object subject, Supplier<String> message);

    /**
     * When the domain is on, evaluates {@code check} and warns if it returns true; returns
     * whether it did. While off, {@code check} is not called and this returns false. A check
     * that throws is reported as a warning of the domain and counts as not held.
     */
    boolean warnOn(BooleanSupplier check);

    /** As {@link #warnOn(BooleanSupplier)}, with a fixed message. */
    boolean warnOn(BooleanSupplier check, String message);

    // ---- warnOnce ---------------------------------------------------------------------------

    /** Warns the first time {@code condition} is true at this call site while the domain is on; returns {@code condition}. */
    boolean warnOnce(boolean condition);

    /** As {@link #warnOnce(boolean)}, with a fixed message (not treated as a template). */
    boolean warnOnce(boolean condition, String message);

    /** As {@link #warnOnce(boolean)}, with a message template ({@code %s} placeholders) and one argument. */
    boolean warnOnce(boolean condition, String template, Object arg);

    /** As {@link #warnOnce(boolean)}, with one {@code long} argument, not boxed. */
    boolean warnOnce(boolean condition, String template, long arg);

    /** As {@link #warnOnce(boolean)}, with two arguments. */
    boolean warnOnce(boolean condition, String template, Object arg1, Object arg2);

    /** As {@link #warnOnce(boolean)}, with two {@code long} arguments, not boxed. */
    boolean warnOnce(boolean condition, String template, long arg1, long arg2);

    /** As {@link #warnOnce(boolean)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    boolean warnOnce(boolean condition, String template, long arg1, Object arg2);

    /** As {@link #warnOnce(boolean)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    boolean warnOnce(boolean condition, String template, Object arg1, long arg2);

    /** As {@link #warnOnce(boolean)}, with three arguments. */
    boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3);

    /** As {@link #warnOnce(boolean)}, with four arguments. */
    boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4);

    /** As {@link #warnOnce(boolean)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more);

    /** As {@link #warnOnce(boolean)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    boolean warnOnce(boolean condition, Supplier<String> message);

    /** As {@link #warnOnce(boolean)}; the report carries a dump of {@code subject}. */
    boolean warnOnceObject(boolean condition, Object subject);

    /** As {@link #warnOnceObject(boolean, Object)}, with a fixed message (not treated as a template). */
    boolean warnOnceObject(boolean condition, Object subject, String message);

    /** As {@link #warnOnceObject(boolean, Object)}, with a message template ({@code %s} placeholders) and one argument. */
    boolean warnOnceObject(boolean condition, Object subject, String template, Object arg);

    /** As {@link #warnOnceObject(boolean, Object)}, with one {@code long} argument, not boxed. */
    boolean warnOnceObject(boolean condition, Object subject, String template, long arg);

    /** As {@link #warnOnceObject(boolean, Object)}, with two arguments. */
    boolean warnOnceObject(boolean condition, Object subject, String template, Object arg1, Object arg2);

    /** As {@link #warnOnceObject(boolean, Object)}, with two {@code long} arguments, not boxed. */
    boolean warnOnceObject(boolean condition, Object subject, String template, long arg1, long arg2);

    /** As {@link #warnOnceObject(boolean, Object)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    boolean warnOnceObject(boolean condition, Object subject, String template, long arg1, Object arg2);

    /** As {@link #warnOnceObject(boolean, Object)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    boolean warnOnceObject(boolean condition, Object subject, String template, Object arg1, long arg2);

    /** As {@link #warnOnceObject(boolean, Object)}, with three arguments. */
    boolean warnOnceObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3);

    /** As {@link #warnOnceObject(boolean, Object)}, with four arguments. */
    boolean warnOnceObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3, Object arg4);

    /** As {@link #warnOnceObject(boolean, Object)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    boolean warnOnceObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more);

    /** As {@link #warnOnceObject(boolean, Object)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    boolean warnOnceObject(boolean condition, Object subject, Supplier<String> message);

    /** The lambda form of {@link #warnOnce(boolean)}: {@code check} runs only while the domain is on. */
    boolean warnOnce(BooleanSupplier check);

    /** As {@link #warnOnce(BooleanSupplier)}, with a fixed message. */
    boolean warnOnce(BooleanSupplier check, String message);

    // ---- bugOn ------------------------------------------------------------------------------

    /**
     * Kernel {@code VM_BUG_ON}: when {@code condition} is true, panics in mode
     * {@link DebugMode#PANIC}, warns in {@link DebugMode#WARN} (once per site in
     * {@link DebugMode#ONCE}) and then returns, does nothing while off.
     */
    void bugOn(boolean condition);

    /** As {@link #bugOn(boolean)}, with a fixed message (not treated as a template). */
    void bugOn(boolean condition, String message);

    /** As {@link #bugOn(boolean)}, with a message template ({@code %s} placeholders) and one argument. */
    void bugOn(boolean condition, String template, Object arg);

    /** As {@link #bugOn(boolean)}, with one {@code long} argument, not boxed. */
    void bugOn(boolean condition, String template, long arg);

    /** As {@link #bugOn(boolean)}, with two arguments. */
    void bugOn(boolean condition, String template, Object arg1, Object arg2);

    /** As {@link #bugOn(boolean)}, with two {@code long} arguments, not boxed. */
    void bugOn(boolean condition, String template, long arg1, long arg2);

    /** As {@link #bugOn(boolean)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    void bugOn(boolean condition, String template, long arg1, Object arg2);

    /** As {@link #bugOn(boolean)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    void bugOn(boolean condition, String template, Object arg1, long arg2);

    /** As {@link #bugOn(boolean)}, with three arguments. */
    void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3);

    /** As {@link #bugOn(boolean)}, with four arguments. */
    void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4);

    /** As {@link #bugOn(boolean)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more);

    /** As {@link #bugOn(boolean)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    void bugOn(boolean condition, Supplier<String> message);

    /** Kernel {@code VM_BUG_ON_PAGE}: as {@link #bugOn(boolean)}; the report carries a dump of {@code subject}. */
    void bugOnObject(boolean condition, Object subject);

    /** As {@link #bugOnObject(boolean, Object)}, with a fixed message (not treated as a template). */
    void bugOnObject(boolean condition, Object subject, String message);

    /** As {@link #bugOnObject(boolean, Object)}, with a message template ({@code %s} placeholders) and one argument. */
    void bugOnObject(boolean condition, Object subject, String template, Object arg);

    /** As {@link #bugOnObject(boolean, Object)}, with one {@code long} argument, not boxed. */
    void bugOnObject(boolean condition, Object subject, String template, long arg);

    /** As {@link #bugOnObject(boolean, Object)}, with two arguments. */
    void bugOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2);

    /** As {@link #bugOnObject(boolean, Object)}, with two {@code long} arguments, not boxed. */
    void bugOnObject(boolean condition, Object subject, String template, long arg1, long arg2);

    /** As {@link #bugOnObject(boolean, Object)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    void bugOnObject(boolean condition, Object subject, String template, long arg1, Object arg2);

    /** As {@link #bugOnObject(boolean, Object)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    void bugOnObject(boolean condition, Object subject, String template, Object arg1, long arg2);

    /** As {@link #bugOnObject(boolean, Object)}, with three arguments. */
    void bugOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3);

    /** As {@link #bugOnObject(boolean, Object)}, with four arguments. */
    void bugOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3, Object arg4);

    /** As {@link #bugOnObject(boolean, Object)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    void bugOnObject(boolean condition, Object subject, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more);

    /** As {@link #bugOnObject(boolean, Object)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    void bugOnObject(boolean condition, Object subject, Supplier<String> message);

    /** The lambda form of {@link #bugOn(boolean)}: {@code check} runs only while the domain is on. */
    void bugOn(BooleanSupplier check);

    /** As {@link #bugOn(BooleanSupplier)}, with a fixed message. */
    void bugOn(BooleanSupplier check, String message);
}
