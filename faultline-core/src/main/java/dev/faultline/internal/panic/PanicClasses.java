package dev.faultline.internal.panic;

import dev.faultline.internal.config.Settings;
import dev.faultline.internal.runtime.PanicGate;

/**
 * Loads and initialises, at boot, every class the panic path and the firing path need. A class first initialised
 * at the bottom of a stack overflow or on a full heap fails its initialiser and stays unusable
 * for the life of the process; loading them while the process is healthy rules that out.
 */
final class PanicClasses {
    private static final String[] NAMES = {
        "dev.faultline.report.Report", "dev.faultline.report.ReportKind", "dev.faultline.report.Taint", "dev.faultline.PanicError",
        "dev.faultline.report.ReportText", "dev.faultline.report.ReportJson", "dev.faultline.internal.text.Escape",
        "dev.faultline.internal.text.LenientFormat", "dev.faultline.internal.runtime.StackCapture",
        "dev.faultline.internal.console.Console",
        "dev.faultline.internal.panic.PanicSequence", "dev.faultline.internal.panic.PanicExit", "dev.faultline.internal.panic.DumpRun",
        "dev.faultline.internal.panic.DumperTable", "dev.faultline.internal.panic.DumperTable$Entry",
        "dev.faultline.internal.panic.DumperTable$Notifier", "dev.faultline.internal.panic.DumperTable$RunOrder",
        "dev.faultline.internal.panic.PanicSequence$Emit", "dev.faultline.internal.panic.PanicSequence$Notify",
        "dev.faultline.internal.panic.PanicSequence$ForceSinks", "dev.faultline.internal.panic.DumpRun$Dump",
        "dev.faultline.internal.panic.TimeBox$Step", "dev.faultline.internal.panic.TimeBox", "dev.faultline.internal.panic.PanicConsole",
        "dev.faultline.internal.panic.PanicConsole$WriteAll", "dev.faultline.internal.panic.PanicSequence$FlushSuppressed",
        "dev.faultline.internal.panic.DumpRunContext",
        "dev.faultline.internal.runtime.Core$PanicConsole", "dev.faultline.internal.runtime.Printer",
        "dev.faultline.internal.runtime.Printer$Entry", "dev.faultline.internal.runtime.Listeners", "dev.faultline.report.ReportSchema", "dev.faultline.report.FlatJson",
        "dev.faultline.report.StackFrames",
        "dev.faultline.internal.clock.Pause",
        "dev.faultline.internal.panic.TimeBox$Job", "dev.faultline.internal.panic.TimeBox$Worker",
        "dev.faultline.internal.panic.CrashFiles", "dev.faultline.internal.panic.OopsHandler",
        "dev.faultline.panic.DumpContext", "dev.faultline.panic.DumpReason", "dev.faultline.panic.DumperWeight",
        // The firing path's own classes: a firing must not be the first to initialise them either.
        "dev.faultline.Suppressions", "dev.faultline.internal.clock.Jiffies", "dev.faultline.internal.clock.SystemTicker",
        "dev.faultline.internal.ratelimit.RateLimiter", "dev.faultline.internal.ratelimit.RateLimiter$Window",
        "dev.faultline.internal.runtime.CallerSites", "dev.faultline.internal.runtime.DumpGuard",
        "dev.faultline.internal.runtime.Counters", "dev.faultline.internal.runtime.Taints",
        "dev.faultline.internal.runtime.RunPolicy", "dev.faultline.internal.runtime.SiteDirectory",
        "dev.faultline.internal.runtime.Reports",
        "dev.faultline.report.Signature", "dev.faultline.internal.signature.SignatureRule",
        "java.lang.StackTraceElement", "java.time.Instant", "java.util.EnumSet",
        // A BUG's first steps (claiming the panic) must fit in the little stack left at the bottom of an overflow.
        "dev.faultline.internal.panic.Escalation", "dev.faultline.internal.runtime.PanicGate",
        "dev.faultline.internal.runtime.DumpGuard$BugInDump",
    };

    private PanicClasses() {}

    static void preload() {
        ClassLoader loader = PanicClasses.class.getClassLoader();
        for (String name : NAMES) {
            try {
                Class.forName(name, true, loader);
            } catch (Throwable e) {
                Settings.problem("cannot preload " + name + " for the panic path: " + e);
            }
        }
        try {
            PanicGate.linkClaim();
        } catch (Throwable e) {
            Settings.problem("cannot prepare the panic claim: " + e);
        }
    }
}
