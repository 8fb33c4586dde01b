package dev.faultline.internal.runtime;

import dev.faultline.report.Taint;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process taint (the kernel's {@code Tainted:} flags): set by Faultline, sticky, printed in
 * every later report. A taint acquired while test mode is off is production history that no
 * reset clears ({@link Counters#resetForTests()} keeps it).
 */
public final class Taints {
    private static final AtomicInteger TAINT = new AtomicInteger();
    /** Taint bits acquired while test mode was off: no reset clears them. */
    private static final AtomicInteger STICKY_TAINT = new AtomicInteger();
    /** Test mode as the policy last said ({@link #testMode(boolean)}); decides whether a new taint is sticky. */
    private static volatile boolean testMode;

    private Taints() {}

    /** Taints the process; a taint acquired outside test mode is sticky (see {@link Counters#resetForTests()}). */
    public static void taint(Taint t) {
        int bit = 1 << t.ordinal();
        if (!testMode) {
            setBit(STICKY_TAINT, bit);
        }
        setBit(TAINT, bit);
    }

    /** A plain CAS loop, no lambda: tainting runs at the bottom of stacks, where linking one can fail. */
    private static void setBit(AtomicInteger bits, int bit) {
        for (int b = bits.get(); (b & bit) == 0 && !bits.compareAndSet(b, b | bit); b = bits.get()) {
            // another thread changed the bits: retry
        }
    }

    /**
     * Told by the policy whenever test mode changes, before a change to on and after a change
     * to off, so that the {@code R} taint of turning it on is sticky.
     */
    public static void testMode(boolean on) {
        testMode = on;
    }

    /** Every flag set so far. */
    public static Set<Taint> taints() {
        int bits = TAINT.get();
        EnumSet<Taint> set = EnumSet.noneOf(Taint.class);
        for (Taint t : Taint.values()) {
            if ((bits & (1 << t.ordinal())) != 0) {
                set.add(t);
            }
        }
        return set;
    }

    /** Back to the sticky taint: what was acquired in test mode is forgotten. */
    static void resetToSticky() {
        TAINT.set(STICKY_TAINT.get());
    }

    /** Forgets the sticky taint too; only for Faultline's own test fixtures. */
    static void forgetSticky() {
        STICKY_TAINT.set(0);
    }
}
