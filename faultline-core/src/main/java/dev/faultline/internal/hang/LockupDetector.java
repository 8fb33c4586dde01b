package dev.faultline.internal.hang;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Signature;
import dev.faultline.report.Taint;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.runtime.Reports;
import dev.faultline.internal.runtime.Taints;
import dev.faultline.internal.signature.SignatureRule;
import java.util.Arrays;
import java.util.List;

/**
 * Soft lockups (kernel {@code watchdog.c}): on every check, each live watchdog whose beat has
 * not changed and is not idle for longer than its timeout is reported as a LOCKUP, once; the
 * first change after that (or the thread going idle, ending, or the watchdog being closed) is
 * announced by a NOTICE saying how long it was stuck. Times are on the checker's clock, which
 * leaves out the time the checker itself could not run (see {@link HangChecker}): a stall of
 * the whole JVM is one STALL, not also a LOCKUP of every loop.
 *
 * <p>Accuracy: the checker looks four times per timeout, so a lockup is reported between 1 and
 * 1.25 timeouts after the last touch, and "stuck for" is exact to a quarter of the timeout.
 *
 * <p>The report's call trace is the thread's stack at that moment and its location the innermost
 * application frame of it. Its signature is the watchdog's alone ({@code LOCKUP in NAME}): a loop
 * that spins is caught wherever it happens to be, in one callee or another, and a signature
 * over that sample would split one stuck loop into as many rows as there are places to catch it
 * in. The watchdog names the loop; the stack in each report says where it was.
 */
final class LockupDetector {
    /** Optional: the lock a stuck thread waits for, with its owner (null without java.management). */
    private final LockOwners owners;

    LockupDetector(LockOwners owners) {
        this.owners = owners;
    }

    /** Looks at every watchdog now ({@code now} on the checker's clock). */
    void check(long now, boolean enabled) {
        for (WatchdogEntry w : Watchdogs.snapshot()) {
            if (w.closed() || !w.thread.isAlive()) {
                if (w.stuck) {
                    allClear(w, now, w.closed() ? "was closed" : "its thread ended");
                }
                Watchdogs.remove(w);
                continue;
            }
            long beat = w.beat();
            if (!w.seen || !enabled) {
                // First look, or checking is off: the timeout runs from now.
                w.seen = true;
                w.lastBeat = beat;
                w.progressAt = now;
                w.stuck = false;
                continue;
            }
            if (beat != w.lastBeat) {
                w.lastBeat = beat;
                if (w.stuck) {
                    allClear(w, now, (beat & 1) == 1 ? "went idle" : "made progress again");
                }
                w.progressAt = now;
                continue;
            }
            if ((beat & 1) == 1) {
                w.progressAt = now; // idle: not stuck, however long
                continue;
            }
            if (!w.stuck && now - w.progressAt > w.timeoutNanos) {
                w.stuck = true;
                report(w, now - w.progressAt);
            }
        }
    }

    private void report(WatchdogEntry w, long stuckNanos) {
        Thread t = w.thread;
        StackTraceElement[] frames = t.getStackTrace();
        Thread.State state = t.getState();
        StringBuilder m = new StringBuilder(160).append("watchdog ").append(w.name).append(": thread \"")
                .append(t.getName()).append("\" #").append(t.getId()).append(" stuck for ")
                .append(HangDurations.seconds(stuckNanos)).append(" (timeout ").append(HangDurations.seconds(w.timeoutNanos))
                .append("), ").append(state);
        String dump = null;
        if (owners != null && (state == Thread.State.BLOCKED || state == Thread.State.WAITING
                || state == Thread.State.TIMED_WAITING)) {
            LockOwners.Wait wait = owners.waitOf(t.getId());
            if (wait != null) {
                m.append(", ").append(wait.summary);
                dump = wait.dump;
            }
        }
        Report r = Reports.newReport(ReportKind.LOCKUP, w.name, m.toString(), dump, t, frames,
                SignatureRule.firstKept(Arrays.asList(frames)), Signature.of(ReportKind.LOCKUP, w.name, List.of()));
        Taints.taint(Taint.SOFTLOCKUP);
        HangReports.emit(r, HangSettings.softlockupPanic(), "softlockup: watchdog " + w.name + " stuck ("
                + Keys.SOFTLOCKUP_PANIC.property() + "=1)");
    }

    private static void allClear(WatchdogEntry w, long now, String how) {
        w.stuck = false;
        String line = "watchdog " + w.name + ": thread \"" + w.thread.getName() + "\" #" + w.thread.getId() + " " + how
                + " after being stuck for " + HangDurations.seconds(now - w.progressAt);
        HangReports.notice(Reports.newReport(ReportKind.NOTICE, w.name, line, null, w.thread, null));
    }
}
