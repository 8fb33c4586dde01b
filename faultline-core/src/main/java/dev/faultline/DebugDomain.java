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

    // ---- warnOn ------------------------------------------------------------------------

    /** Warns when {@code condition} is true and the domain is on (see {@link DebugMode}); returns {@code condition}. */
    boolean warnOn(boolean condition);

    boolean warnOn(boolean condition, String message);

    /** As {@link #warnOn(boolean)}, with a message template ({@code %s} placeholders) and one argument. */
    boolean warnOn(boolean condition, String template, Object arg);

    boolean warnOn(boolean condition, String template, long arg);

    boolean warnOn(boolean condition, String template, Object arg1, Object arg2);

    /** As {@link #warnOn(boolean)}; the message is built only when a report is made. */
    boolean warnOn(boolean condition, Supplier<String> message);

    /**
     * When the domain is on, evaluates {@code check} and warns if it returns true; returns
     * whether it did. While off, {@code check} is not called and this returns false.
     */
    boolean warnOn(BooleanSupplier check);

    boolean warnOn(BooleanSupplier check, String message);

    /** As {@link #warnOn(boolean)}; the report carries a dump of {@code subject} (kernel {@code VM_WARN_ON_PAGE}). */
    boolean warnOnObject(boolean condition, Object subject);

    boolean warnOnObject(boolean condition, Object subject, String message);

    boolean warnOnObject(boolean condition, Object subject, String template, Object arg);

    // ---- warnOnce ----------------------------------------------------------------------

    /** Warns the first time {@code condition} is true at this call site while the domain is on; returns {@code condition}. */
    boolean warnOnce(boolean condition);

    boolean warnOnce(boolean condition, String message);

    boolean warnOnce(boolean condition, String template, Object arg);

    boolean warnOnce(boolean condition, String template, long arg);

    boolean warnOnce(boolean condition, String template, Object arg1, Object arg2);

    boolean warnOnce(boolean condition, Supplier<String> message);

    /** The lambda form of {@link #warnOnce(boolean)}: {@code check} runs only while the domain is on. */
    boolean warnOnce(BooleanSupplier check);

    boolean warnOnce(BooleanSupplier check, String message);

    boolean warnOnceObject(boolean condition, Object subject);

    boolean warnOnceObject(boolean condition, Object subject, String message);

    boolean warnOnceObject(boolean condition, Object subject, String template, Object arg);

    // ---- bugOn -------------------------------------------------------------------------

    /**
     * Kernel {@code VM_BUG_ON}: when {@code condition} is true, panics in mode
     * {@link DebugMode#PANIC}, warns in {@link DebugMode#WARN} (once per site in
     * {@link DebugMode#ONCE}) and then returns, does nothing while off.
     */
    void bugOn(boolean condition);

    void bugOn(boolean condition, String message);

    void bugOn(boolean condition, String template, Object arg);

    void bugOn(boolean condition, String template, long arg);

    void bugOn(boolean condition, String template, Object arg1, Object arg2);

    void bugOn(boolean condition, Supplier<String> message);

    /** The lambda form of {@link #bugOn(boolean)}: {@code check} runs only while the domain is on. */
    void bugOn(BooleanSupplier check);

    void bugOn(BooleanSupplier check, String message);

    /** Kernel {@code VM_BUG_ON_PAGE}: as {@link #bugOn(boolean)}; the report carries a dump of {@code subject}. */
    void bugOnObject(boolean condition, Object subject);

    void bugOnObject(boolean condition, Object subject, String message);

    void bugOnObject(boolean condition, Object subject, String template, Object arg);
}
