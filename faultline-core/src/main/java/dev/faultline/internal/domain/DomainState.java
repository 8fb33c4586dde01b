package dev.faultline.internal.domain;

import dev.faultline.DebugMode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;

/**
 * The run-time state of one registered debug domain: its effective mode and the switch that
 * compiled code reads to learn whether the domain is on. Not API.
 *
 * <p><b>Why a {@link MutableCallSite}.</b> The kernel makes a disabled debug check free with a
 * static key: the branch is patched into a jump, and patched back when the key flips. The JVM
 * equivalent is a call site whose target is a constant: when the domain handle is a constant
 * to the JIT (a {@code static final} field holding a record, whose final fields the JIT
 * trusts), {@link #guard()} is a constant method handle, the JIT inlines the call site's current
 * target ({@code () -> false}), folds the guarded branch away and records a dependency on the
 * target. {@link #set} changes the target, which makes the JVM deoptimise every compiled method
 * that depended on it — including a loop that is running at that moment — so the next
 * iteration sees the new mode. The alternatives measured in {@code DebugDomainBench}:
 * <ul>
 *   <li>a {@code volatile boolean}: correct, but a load and a branch on every check forever,
 *       and the load cannot be hoisted out of loops;</li>
 *   <li>a plain (non-volatile) field: the JIT may hoist it out of a running loop, so a switch
 *       is not seen by code that is already running;</li>
 *   <li>a {@link java.lang.invoke.SwitchPoint}: free as well, but one-way — a domain turned on
 *       could never be turned off again in code that already captured it.</li>
 * </ul>
 * The cost moves to the switch itself: flipping a domain deoptimises the code that inlined it,
 * which is fine for an operator's action and wrong for anything done per request.
 */
public final class DomainState {
    private static final MethodHandle ON = MethodHandles.constant(boolean.class, true);
    private static final MethodHandle OFF = MethodHandles.constant(boolean.class, false);

    private final String name;
    private final MutableCallSite site = new MutableCallSite(OFF);
    private final MethodHandle guard = site.dynamicInvoker();
    private volatile DebugMode mode = DebugMode.OFF;

    DomainState(String name) {
        this.name = name;
    }

    /** The domain's name, lower case. */
    public String name() {
        return name;
    }

    /** The effective mode: set for this domain, or inherited. */
    public DebugMode mode() {
        return mode;
    }

    /** Whether the domain is on, read the slow way (a volatile field); for code that has no constant guard. */
    public boolean on() {
        return mode != DebugMode.OFF;
    }

    /**
     * A {@code ()boolean} handle that answers whether the domain is on. Keep it in a field the
     * JIT trusts as constant (a record component of a constant record, or a {@code static final}
     * field) and call it with {@code invokeExact}.
     */
    public MethodHandle guard() {
        return guard;
    }

    /**
     * Sets the effective mode. The mode is written before the switch flips, so a thread that
     * sees the domain on also sees a mode that is not {@code OFF} (unless it changed again).
     * Called with the table's lock held.
     */
    void set(DebugMode newMode) {
        boolean wasOn = mode != DebugMode.OFF;
        mode = newMode;
        boolean on = newMode != DebugMode.OFF;
        if (on != wasOn) {
            site.setTarget(on ? ON : OFF);
            // Without syncAll a thread in interpreted or already-compiled code may keep reading
            // the old target for an unbounded time (MutableCallSite has no volatile semantics).
            MutableCallSite.syncAll(new MutableCallSite[] {site});
        }
    }
}
