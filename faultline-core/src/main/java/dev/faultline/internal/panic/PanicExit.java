package dev.faultline.internal.panic;

import dev.faultline.internal.runtime.RunPolicy;
import dev.faultline.internal.clock.Pause;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.runtime.PanicThread;
import java.util.concurrent.TimeUnit;

/**
 * The last step of a panic: the exit action of the policy. {@code panic_timeout} &lt;0 halts at
 * once, 0 parks forever (and says so), &gt;0 waits that many seconds, then halts. Shutdown
 * hooks are skipped ({@link Runtime#halt}) unless {@code panic_shutdown_hooks_ms} allows them a
 * bounded time: hooks can hang, and an emergency exit must stay simple.
 */
final class PanicExit {
    private PanicExit() {}

    /** Never returns. */
    static void exit(RunPolicy policy, String reason, boolean now) {
        int code = policy.panicExitCode();
        int timeout = now ? -1 : policy.panicTimeout();
        if (timeout > 0) {
            Panic.BOX.say("Halting in " + timeout + " seconds (" + Keys.PANIC_TIMEOUT.property() + "=" + timeout + ")");
            sleep(TimeUnit.SECONDS.toNanos(timeout));
        } else if (timeout == 0) {
            Panic.BOX.say("---[ end Faultline panic - " + Keys.PANIC_TIMEOUT.property() + "=0: parking the panic thread"
                    + " forever; the process stays up until it is killed ]---");
            parkForever();
        }
        int hooksMs = PanicSettings.shutdownHooksMs();
        if (hooksMs > 0 && !now) {
            exitThroughHooks(code, hooksMs);
        }
        Panic.BOX.say("---[ end Faultline panic - halting with exit code " + code + " ]---");
        halt(code);
    }

    /** Runs the shutdown hooks through {@link System#exit} on a helper thread, halting if they overrun. */
    private static void exitThroughHooks(int code, int hooksMs) {
        Thread exiter;
        try {
            exiter = new PanicThread(() -> System.exit(code), "faultline-panic-exit", true);
        } catch (Throwable e) {
            Panic.BOX.say("faultline: cannot start a thread to run the shutdown hooks (" + e + "); skipping them");
            return;
        }
        Panic.BOX.say("---[ end Faultline panic - running shutdown hooks for at most " + hooksMs + " ms ("
                + Keys.PANIC_SHUTDOWN_HOOKS_MS.property() + "), then exit code " + code + " ]---");
        try {
            exiter.start();
        } catch (Throwable e) {
            Panic.BOX.say("faultline: cannot start a thread to run the shutdown hooks (" + e + "); skipping them");
            return;
        }
        sleep(TimeUnit.MILLISECONDS.toNanos(hooksMs));
        Panic.BOX.say("faultline: shutdown hooks did not finish within " + hooksMs + " ms; halting");
    }

    static void halt(int code) {
        Runtime.getRuntime().halt(code);
    }

    private static void sleep(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            Pause.nanos(PanicExit.class, left);
        }
    }

    static void parkForever() {
        while (true) {
            Pause.untilUnparked(PanicExit.class);
        }
    }
}
