package dev.faultline.internal.panic;

import dev.faultline.internal.runtime.RunPolicy;
import dev.faultline.report.Report;
import dev.faultline.report.Taint;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.Taints;
import dev.faultline.internal.runtime.Counters;
import dev.faultline.internal.runtime.DumpGuard;
import dev.faultline.internal.runtime.PanicGate;

/**
 * What a fired check leads to once it reports: a warning is emitted, counted and may panic
 * (kernel {@code __warn} then {@code check_panic_on_warn}); a BUG always panics.
 */
public final class Escalation {
    private Escalation() {}

    /**
     * A warning report that was not suppressed: emit, taint {@code W}, count, then the policy
     * decides whether it panics. Warnings fired inside dump code never get here: a site's
     * firing path counts them as suppressed before it spends a once flag or a rate-limit grant.
     */
    public static void warn(Report r) {
        Core.emit(r);
        Taints.taint(Taint.WARNED);
        long count = Counters.countWarning();
        checkPanicOnWarn(r, count);
    }

    private static void checkPanicOnWarn(Report r, long count) {
        if (PanicGate.inProgress()) {
            // Kernel clears panic_on_warn on entry to panic: a WARN on the panic path cannot recurse.
            return;
        }
        RunPolicy policy = RunPolicy.process();
        if (policy.panicOnWarn()) {
            Panic.panic("panic_on_warn set (faultline.panic_on_warn=1) after warning #" + r.sequence(), r);
        }
        int limit = policy.warnLimit();
        if (limit > 0 && count >= limit) {
            Panic.panic("warned too often (faultline.warn_limit is " + limit + ")", r);
        }
    }

    /**
     * The first step of a BUG, before it is counted and its message formatted: claims the
     * panic, so that a stack overflow or a full heap from here on still ends in the panic
     * (see {@link Panic#claimBug(String)}). Inside dump code it does nothing ({@link #bug}
     * then refuses the BUG). {@code site} may be null when the calling line is not known yet.
     */
    public static void claimBug(String site) {
        if (!DumpGuard.active()) {
            Panic.claimBug(site);
        }
    }

    /**
     * A BUG: report and panic. Returns only in test mode, by throwing {@link dev.faultline.PanicError}.
     * Inside dump code ({@link DumpGuard}) it is counted as suppressed and throws
     * {@link DumpGuard.BugInDump}, which the dump catches: no report, no panic.
     */
    public static void bug(String site, String message, String dump) {
        bug(site, message, dump, null);
    }

    /** As {@link #bug(String, String, String)}, for a check of debug domain {@code domain} (null: a plain site). */
    public static void bug(String site, String message, String dump, String domain) {
        if (DumpGuard.active()) {
            DumpGuard.countSuppressed(); // fired inside a dump: no panic, but do not run on past the BUG
            throw new DumpGuard.BugInDump(site);
        }
        // Claim the panic before building the report: see Panic.bug.
        Panic.bug(site, message, dump, domain);
    }
}
