package com.acme.bench;

/**
 * Application code with an assert in a tight loop, outside Faultline's packages so that the
 * agent may rewrite it ({@code assert:com.acme.bench}). See {@code AssertOffBench}.
 */
public final class AssertLoop {
    private AssertLoop() {}

    /** The sum of {@code values}, asserting each is not negative. */
    public static long sum(int[] values) {
        long s = 0;
        for (int v : values) {
            assert v >= 0 : "negative value " + v;
            s += v;
        }
        return s;
    }

    /** As {@link #sum}, without the assert: what the JIT should make of the loop when the assert is off. */
    public static long sumPlain(int[] values) {
        long s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }
}
