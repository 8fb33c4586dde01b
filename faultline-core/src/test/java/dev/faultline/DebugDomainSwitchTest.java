package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.internal.console.Console;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A switch at run time reaches code that is already compiled and running. The loop below runs
 * millions of iterations before the switch, so the JIT has compiled it (on-stack replacement)
 * with the domain's mode folded in as a constant; the switch must deoptimise it. An
 * implementation that read a plain field would let the JIT hoist the read out of the loop, and
 * the thread would never stop.
 */
class DebugDomainSwitchTest {
    static final DebugDomain LOOP = Faultline.domain("switch.loop");
    /** Iterations so far; a plain field, so the loop contains no fence that would force re-reads. */
    static long spins;

    @AfterEach
    void off() {
        Console.redirect(new PrintStream(OutputStream.nullOutputStream()));
        Faultline.debugDomains().inherit("switch.loop");
        Console.redirect(null);
    }

    private static void spinWhileOff() {
        long n = 0;
        while (!LOOP.enabled()) {
            spins = ++n;
        }
    }

    private static void spinWhileOn() {
        long n = 0;
        while (LOOP.enabled()) {
            spins = ++n;
        }
    }

    @Test
    void aLoopThatIsAlreadyRunningCompiledSeesTheDomainTurnedOnAndOffAgain() throws Exception {
        assertFalse(LOOP.enabled());
        Console.redirect(new PrintStream(OutputStream.nullOutputStream()));
        try {
            Thread offLoop = new Thread(DebugDomainSwitchTest::spinWhileOff, "spin-while-off");
            offLoop.setDaemon(true); // a failing run must not keep the JVM alive
            spins = 0;
            offLoop.start();
            awaitSpins(20_000_000L);
            Faultline.debugDomains().set("switch.loop", DebugMode.WARN);
            offLoop.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(offLoop.isAlive(), "the running loop never saw the domain turned on");

            Thread onLoop = new Thread(DebugDomainSwitchTest::spinWhileOn, "spin-while-on");
            onLoop.setDaemon(true);
            spins = 0;
            onLoop.start();
            awaitSpins(20_000_000L);
            Faultline.debugDomains().set("switch.loop", DebugMode.OFF);
            onLoop.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(onLoop.isAlive(), "the running loop never saw the domain turned off");
        } finally {
            Console.redirect(null);
        }
        assertEquals(DebugMode.OFF, LOOP.mode());
    }

    /** Waits (up to a minute, the machine may be loaded) until the loop has run {@code n} times. */
    private static void awaitSpins(long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (spins < n) {
            assertTrue(System.nanoTime() < deadline, "the loop made only " + spins + " iterations in a minute");
            Thread.sleep(20);
        }
    }
}
