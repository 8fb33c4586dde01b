package dev.faultline.internal.panic;

import dev.faultline.PanicError;
import dev.faultline.internal.runtime.RunPolicy;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.internal.clock.Pause;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.runtime.Reports;
import dev.faultline.internal.runtime.PanicGate;
import dev.faultline.internal.runtime.PanicThread;
import dev.faultline.internal.text.Escape;
import dev.faultline.internal.text.LenientFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The panic path's front door: one owner by compare-and-set, then a hand-off to the panic
 * thread, which runs {@link PanicSequence} and the exit action ({@link PanicExit}).
 *
 * <p>Kernel semantics: the first thread to panic owns it; another thread that panics or reports
 * meanwhile parks (it must not write over the owner's evidence); a panic raised again by the
 * thread running the sequence skips straight to the exit; warnings during a panic are printed
 * but never panic again.
 *
 * <p>Why a hand-off: the failing thread may be at the bottom of a deep recursion or out of
 * memory. It only claims ownership, tries to build the report (its own stack is the evidence)
 * and wakes the panic thread, which was started at boot and has a whole stack of its own. If a
 * {@link StackOverflowError} interrupts the owner half-way, the owner's next attempt (from a
 * frame further up) picks up where the first one stopped instead of counting as a nested panic.
 * A reserve of heap allocated at boot is dropped on entry, so the sequence can allocate even
 * when the heap was full.
 */
public final class Panic {
    private static final int IDLE = 0;
    private static final int POSTED = 1;
    private static final int RUNNING = 2;
    private static final int DONE = 3;

    /** Heap kept back for the panic path, dropped when a panic (or an OutOfMemoryError oops) starts. */
    private static final int RESERVE_BYTES = 2 << 20;
    private static final long AWAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final AtomicInteger STATE = new AtomicInteger(IDLE);
    /** Runs the panic steps and dumpers, each within its budget. */
    static final TimeBox BOX = new TimeBox("faultline-panic-step", true);

    private static volatile byte[] reserve;
    private static volatile PanicThread panicThread;
    private static volatile String requestReason;
    private static volatile Report requestCause;
    private static volatile Report requestReport;
    private static volatile Report finishedReport;
    /**
     * A BUG whose owner claimed the panic but could not build its report (out of stack or
     * heap): the panic thread builds it from the owner's stack. {@code bugOwner} is non-null
     * from the claim until the sequence is posted; the panic thread takes over a claim that
     * was never posted after {@link #ORPHAN_NANOS} (the owner's stack gave out even for posting).
     */
    private static volatile Thread bugOwner;
    private static volatile long bugClaimedNanos;
    private static volatile String bugSite;
    private static volatile String bugMessage;
    private static volatile String bugDump;
    /** How long a claimed but never posted BUG may wait before the panic thread runs it. */
    static final long ORPHAN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private Panic() {}

    /**
     * Prepares the panic path: the heap reserve, the panic thread, the step worker, the
     * built-in dumpers and, when configured, the oops handler. Called once, by {@code Boot}. Never throws: whatever cannot be prepared is reported, and the panic
     * path then does that part on the failing thread.
     */
    public static void boot() {
        try {
            reserve = new byte[RESERVE_BYTES];
        } catch (Throwable e) {
            Settings.problem("cannot keep a " + (RESERVE_BYTES >> 20) + " MiB heap reserve for the panic path: " + e);
        }
        PanicClasses.preload();
        try {
            PanicThread t = new PanicThread(Panic::panicThreadLoop, "faultline-panic", true);
            t.start();
            panicThread = t;
        } catch (Throwable e) {
            Settings.problem("cannot start the panic thread (" + e + "); a panic will run on the failing thread");
        }
        BOX.prestart();
        try {
            BuiltinDumpers.register(PanicSettings.builtinDumps());
        } catch (Throwable e) {
            Settings.problem("cannot register the built-in dumpers: " + e);
        }
        if (PanicSettings.oopsHandler()) {
            try {
                OopsHandler.install();
            } catch (Throwable e) {
                Settings.problem("cannot install the oops handler (" + Keys.OOPS_HANDLER.property() + "): " + e);
            }
        }
    }

    /** Drops the heap reserve, so the allocation that follows can succeed on a full heap. */
    public static void releaseReserve() {
        reserve = null;
    }

    /** Allocates the reserve again after an oops that released it; quietly keeps none if the heap is still full. */
    static void rearmReserve() {
        if (reserve == null && !PanicGate.inProgress()) {
            try {
                reserve = new byte[RESERVE_BYTES];
            } catch (OutOfMemoryError e) {
                // Still full; the next panic runs without a reserve.
            }
        }
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
        releaseReserve();
        Thread me = Thread.currentThread();
        Thread owner = PanicGate.claim(me);
        if (owner != null) {
            if (PanicGate.isRunner(me)) {
                nested(reason);
            }
            if (owner != me) {
                parkAsBystander(owner, reason, cause);
            }
        }
        Report report = cause;
        if (STATE.get() == IDLE && (report == null || report.kind() != ReportKind.BUG)) {
            report = panicReportHere(reason, cause);
        }
        proceed(me, reason, cause, report);
    }

    /**
     * A BUG: claims the panic <em>first</em>, then builds the report on this thread (its stack
     * is the evidence) and panics. Claiming first means that a {@link VirtualMachineError}
     * while building the report (a stack overflow, or the heap still full after the reserve
     * was dropped) can no longer escape as an {@code Error} with no panic: the report is then
     * built by the panic thread from this thread's stack. If even posting the panic runs out
     * of stack, the error leaves this method with the panic claimed, and the panic thread runs
     * it after {@link #ORPHAN_NANOS}. Returns only in test mode, by throwing {@link PanicError}.
     */
    public static void bug(String site, String message, String dump, String domain) {
        releaseReserve();
        Thread me = Thread.currentThread();
        Thread owner = PanicGate.claim(me);
        if (owner == null) {
            recordClaim(me, site);
        } else {
            if (PanicGate.isRunner(me)) {
                nested(bugReason(site));
            }
            if (owner != me) {
                parkAsBystander(owner, bugReason(site), null);
            }
        }
        if (bugOwner == me) {
            bugSite = site;
            bugMessage = message;
            bugDump = dump;
        }
        Report report = null;
        String reason = null;
        if (STATE.get() == IDLE) {
            try {
                reason = bugReason(site);
                report = Reports.newReport(ReportKind.BUG, site, message, dump, domain);
            } catch (VirtualMachineError e) {
                // Out of stack or heap: the panic thread builds the report from this thread's stack.
                report = null;
            }
        }
        proceed(me, reason, null, report);
    }

    /**
     * The first step of a BUG, taken before anything that needs stack or heap (counting,
     * formatting the message, finding the calling line): claims the panic for this thread, so
     * that running out of stack or heap afterwards still ends in this panic (see
     * {@link #bug(String, String, String, String)}). Does nothing when another thread owns a panic:
     * {@link #bug} then parks this one. {@code site} may be null when not known yet.
     */
    public static void claimBug(String site) {
        Thread me = Thread.currentThread();
        Thread owner = PanicGate.claim(me);
        if (owner == null) {
            recordClaim(me, site);
        } else if (owner == me && bugOwner == me && site != null) {
            bugSite = site;
        }
    }

    /** Plain field writes only: this runs where the stack may have no room for a further call. */
    private static void recordClaim(Thread me, String site) {
        bugSite = site;
        bugMessage = null;
        bugDump = null;
        bugClaimedNanos = System.nanoTime();
        bugOwner = me;
    }

    private static String bugReason(String site) {
        return "BUG at " + site;
    }

    /** The owner's part after the claim: post the sequence to the panic thread, or run it here. */
    private static void proceed(Thread me, String reason, Report cause, Report report) {
        if (STATE.get() != IDLE) {
            // An earlier attempt (cut short by a StackOverflowError) or the panic thread already posted it.
            awaitSequence(me, reason);
            return;
        }
        requestReason = reason;
        requestCause = cause;
        requestReport = report;
        PanicThread pt = panicThread;
        if (pt != null && pt.isAlive()) {
            if (STATE.compareAndSet(IDLE, POSTED)) {
                bugOwner = null;
                LockSupport.unpark(pt);
            }
            awaitSequence(me, reason);
        } else {
            bugOwner = null;
            runInline(me);
        }
    }

    /**
     * Kernel {@code emergency_restart}: takes the panic ownership, forces the sinks, runs the
     * dumpers that want {@link dev.faultline.panic.DumpReason#EMERG}, and halts with the panic
     * exit code, skipping shutdown hooks. Runs on the calling thread. In test mode it throws
     * {@link PanicError} instead of halting. If a panic is already in progress, the caller parks
     * (or, in test mode, gets a {@link PanicError}).
     */
    public static void emergency(String reason) {
        Thread me = Thread.currentThread();
        Thread owner = PanicGate.claim(me);
        if (owner != null) {
            parkAsBystander(owner, reason, null);
        }
        PanicGate.setRunner(me);
        TimeBox.trustConsole();
        BOX.say("Faultline emergency restart - " + Escape.text(reason));
        BOX.run("forcing the sinks", PanicSequence.FORCE_BUDGET_NANOS, PanicSequence.FORCE_SINKS, true);
        DumpRun.run(BOX, dev.faultline.panic.DumpReason.EMERG, reason, null);
        PanicSequence.flushConsole();
        if (RunPolicy.process().testMode()) {
            reset();
            throwForTest(reason, null);
        }
        PanicExit.exit(RunPolicy.process(), reason, true);
    }

    /** The PANIC report with the failing thread's own stack; null when that thread cannot build it. */
    private static Report panicReportHere(String reason, Report cause) {
        try {
            return Reports.newReport(ReportKind.PANIC, cause == null ? "panic" : cause.site(), reason, null);
        } catch (VirtualMachineError e) {
            // Out of stack or heap here: the panic thread builds it from this thread's stack.
            return null;
        }
    }

    private static void parkAsBystander(Thread owner, String reason, Report cause) {
        if (RunPolicy.process().testMode() || Thread.currentThread() instanceof PanicThread) {
            // A panic inside a dumper or notifier fails that step at once instead of hanging it.
            throw new PanicError("panic already in progress on " + owner.getName() + "; " + reason, cause);
        }
        while (true) {
            Pause.untilUnparked(Panic.class);
        }
    }

    private static void nested(String reason) {
        Console.raw("faultline: nested panic (" + Escape.text(reason) + ") on the panic thread; going straight to the exit\n");
        if (RunPolicy.process().testMode()) {
            throw new PanicError(reason, null);
        }
        PanicExit.halt(RunPolicy.process().panicExitCode());
    }

    /** The owner waits here while the panic thread works; only test mode ever comes back out. */
    private static void awaitSequence(Thread me, String reason) {
        boolean interrupted = false;
        while (STATE.get() != DONE) {
            PanicThread pt = panicThread;
            if (pt == null || !pt.isAlive()) {
                Console.raw("faultline: the panic thread is gone; finishing the panic on \"" + Escape.text(me.getName()) + "\"\n");
                runInline(me);
                return;
            }
            interrupted |= Pause.nanos(Panic.class, AWAIT_POLL_NANOS);
        }
        Report report = finishedReport;
        reset();
        Pause.restore(interrupted);
        throwForTest(reason, report);
    }

    private static void runInline(Thread me) {
        PanicGate.setRunner(me);
        Report report = runSequence(me);
        if (RunPolicy.process().testMode()) {
            String reason = requestReason;
            reset();
            throwForTest(reason, report);
        }
        PanicExit.exit(RunPolicy.process(), requestReason, false);
    }

    private static Report runSequence(Thread owner) {
        Report report = requestReport;
        try {
            String site = bugSite == null ? "<the calling line>" : bugSite;
            if (requestReason == null) {
                requestReason = bugReason(site);
            }
            if (report == null && (bugSite != null || bugClaimedNanos != 0)) {
                report = PanicSequence.rebuildBug(site, bugMessage == null
                        ? "(the message could not be built: the thread ran out of stack or heap)" : bugMessage,
                        bugDump, owner);
                requestReport = report;
            }
            report = PanicSequence.run(requestReason, requestCause, requestReport, owner);
        } catch (Throwable e) {
            Console.raw("faultline: the panic sequence failed (" + LenientFormat.safeString(e)
                    + "); going to the exit\n");
        }
        return report;
    }

    private static void panicThreadLoop() {
        PanicRehearsal.run();
        while (true) {
            boolean orphan = false;
            if (!STATE.compareAndSet(POSTED, RUNNING)) {
                orphan = orphanedBug() && STATE.compareAndSet(IDLE, RUNNING);
                if (!orphan) {
                    Pause.nanos(Panic.class, ORPHAN_NANOS);
                    continue;
                }
                Console.raw("faultline: the thread that raised the BUG ran out of stack before it could post the panic;"
                        + " the panic thread runs it\n");
            }
            PanicGate.setRunner(Thread.currentThread());
            Thread owner = PanicGate.owner();
            Report report = runSequence(owner);
            RunPolicy policy = RunPolicy.process();
            if (policy.testMode()) {
                if (orphan) {
                    // Nobody waits for a PanicError: the BUG escaped its thread as an Error. Let the next panic start.
                    reset();
                    continue;
                }
                finishedReport = report;
                STATE.set(DONE);
                LockSupport.unpark(owner);
                continue;
            }
            try {
                PanicExit.exit(policy, requestReason, false);
            } catch (Throwable e) {
                PanicExit.halt(policy.panicExitCode());
            }
        }
    }

    /** A BUG claimed longer than {@link #ORPHAN_NANOS} ago and never posted. */
    private static boolean orphanedBug() {
        Thread owner = bugOwner;
        return owner != null && owner == PanicGate.owner() && System.nanoTime() - bugClaimedNanos > ORPHAN_NANOS;
    }

    private static void throwForTest(String reason, Report report) {
        Console.line("---[ end Faultline panic - test mode: throwing PanicError ]---");
        throw new PanicError(reason, report);
    }

    /** Test mode only: the panic is over, the next one may start. */
    private static void reset() {
        requestReason = null;
        requestCause = null;
        requestReport = null;
        finishedReport = null;
        bugOwner = null;
        bugSite = null;
        bugMessage = null;
        bugDump = null;
        bugClaimedNanos = 0;
        PanicGate.setRunner(null);
        STATE.set(IDLE);
        PanicGate.release();
        rearmReserve();
    }
}
