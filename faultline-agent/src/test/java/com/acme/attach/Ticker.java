package com.acme.attach;

/**
 * A running service whose class is loaded (and its assert compiled as javac wrote it) long
 * before any agent: a tick every 10 ms, each running an assert that is false.
 */
public final class Ticker {
    private Ticker() {}

    static int ticks;

    static void tick() {
        ticks++;
        assert ticks < 0 : "attached assert, tick " + ticks;
    }

    public static void main(String[] args) throws InterruptedException {
        for (;;) {
            tick();
            if (ticks % 20 == 0) {
                System.out.println("tick " + ticks);
                System.out.flush();
            }
            Thread.sleep(10);
        }
    }
}
