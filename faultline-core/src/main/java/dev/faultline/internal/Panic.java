package dev.faultline.internal;

import dev.faultline.PanicError;
import dev.faultline.Policy;
import dev.faultline.Report;
import dev.faultline.ReportKind;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The panic path: one owner by compare-and-set, the panic report, then the exit action.
 *
 * <p>Kernel semantics: the first thread to panic owns it; another thread that panics meanwhile
 * parks (it must not write over the owner's report); a panic raised again on the owner thread
 * skips straight to the exit.
 */
public final class Panic {
    private static final AtomicReference<Thread> OWNER = new AtomicReference<>();

    private Panic() {}

    /** True while some thread is running the panic sequence. */
    public static boolean inProgress() {
        return OWNER.get() != null;
    }

    /**
     * Panics. Never returns normally: halts the JVM, parks forever, or — in test mode — throws
     * {@link PanicError}.
     *
     * @param reason one line saying why
     * @param cause  the report that led here: a BUG report is printed as the panic report; for
     *               any other (already printed) report a {@code PANIC} report is printed
     */
    public static void panic(String reason, Report cause) {
        Policy policy = Core.POLICY;
        Thread me = Thread.currentThread();
        Thread owner = OWNER.compareAndExchange(null, me);
        if (owner == me) {
            Console.raw("faultline: nested panic (" + reason + ") on the panic thread; going straight to the exit\n");
            exit(policy, reason, null, true);
        }
        if (owner != null) {
            if (policy.testMode()) {
                throw new PanicError("panic already in progress on " + owner.getName() + "; " + reason, cause);
            }
            parkForever();
        }
        try {
            Report report = cause != null && cause.kind() == ReportKind.BUG
                    ? cause
                    : Core.newReport(ReportKind.PANIC, cause == null ? "panic" : cause.site(), reason, null);
            Core.emit(report);
            Console.line("Faultline panic - not syncing: " + Escape.text(reason));
            Core.forceSinks();
            exit(policy, reason, report, false);
        } finally {
            // Reached only in test mode (PanicError): the next test may panic again.
            OWNER.compareAndSet(me, null);
        }
    }

    private static void exit(Policy policy, String reason, Report report, boolean now) {
        int code = policy.panicExitCode();
        if (policy.testMode()) {
            Console.line("---[ end Faultline panic - test mode: throwing PanicError ]---");
            throw new PanicError(reason, report);
        }
        int timeout = now ? -1 : policy.panicTimeout();
        if (timeout > 0) {
            Console.line("Halting in " + timeout + " seconds (faultline.panic_timeout=" + timeout + ")");
            sleepUninterruptibly(TimeUnit.SECONDS.toNanos(timeout));
        } else if (timeout == 0) {
            Console.line("---[ end Faultline panic - faultline.panic_timeout=0: parking the panic thread forever;"
                    + " the process stays up until it is killed ]---");
            parkForever();
        }
        Console.line("---[ end Faultline panic - halting with exit code " + code + " ]---");
        Runtime.getRuntime().halt(code);
    }

    private static void sleepUninterruptibly(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static void parkForever() {
        while (true) {
            LockSupport.park(Panic.class);
        }
    }
}
