package com.acme.switching;

import java.time.Instant;

/**
 * A hot loop around one assert whose condition counts its evaluations (and holds). Each time
 * the loop sees the assert start or stop being evaluated it prints {@code on MICROS} or
 * {@code off MICROS}, the wall-clock time in microseconds since the epoch.
 */
public final class Loop {
    private Loop() {}

    static long evaluations;

    static boolean probe() {
        evaluations++;
        return true;
    }

    public static void main(String[] args) {
        boolean last = false;
        long iterations = 0;
        for (;;) {
            long before = evaluations;
            assert probe() : "never false";
            boolean on = evaluations != before;
            if (on != last) {
                Instant now = Instant.now();
                System.out.println((on ? "on " : "off ") + (now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000));
                System.out.flush();
                last = on;
            }
            if (++iterations == 1_000_000) {
                System.out.println("ready");
                System.out.flush();
            }
        }
    }
}
