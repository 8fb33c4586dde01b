package dev.faultline.internal;

/**
 * Loads and initialises, at boot, every class the panic path and the firing path need. A class first initialised
 * at the bottom of a stack overflow or on a full heap fails its initialiser and stays unusable
 * for the life of the process; loading them while the process is healthy rules that out.
 */
final class PanicClasses {
    private static final String[] NAMES = {
        "dev.faultline.Report", "dev.faultline.ReportKind", "dev.faultline.Taint", "dev.faultline.PanicError",
        "dev.faultline.internal.ReportText", "dev.faultline.internal.ReportJson", "dev.faultline.internal.Escape",
        "dev.faultline.internal.LenientFormat", "dev.faultline.internal.StackCapture",
        "dev.faultline.internal.Console",
        "dev.faultline.internal.PanicSequence", "dev.faultline.internal.PanicExit", "dev.faultline.internal.DumpRun",
        "dev.faultline.internal.DumperTable", "dev.faultline.internal.DumperTable$Entry",
        "dev.faultline.internal.DumperTable$Notifier", "dev.faultline.internal.DumperTable$RunOrder",
        "dev.faultline.internal.PanicSequence$Emit", "dev.faultline.internal.PanicSequence$Notify",
        "dev.faultline.internal.PanicSequence$ForceSinks", "dev.faultline.internal.DumpRun$Dump",
        "dev.faultline.internal.TimeBox$Step", "dev.faultline.internal.TimeBox", "dev.faultline.internal.TimeBox$Say",
        "dev.faultline.internal.Pause",
        "dev.faultline.internal.TimeBox$Job", "dev.faultline.internal.TimeBox$Worker",
        "dev.faultline.internal.CrashFiles", "dev.faultline.internal.OopsHandler",
        "dev.faultline.panic.DumpContext", "dev.faultline.panic.DumpReason", "dev.faultline.panic.DumperWeight",
        // The firing path's own classes: a firing must not be the first to initialise them either.
        "dev.faultline.Suppressions", "dev.faultline.internal.Jiffies", "dev.faultline.internal.SystemTicker",
        "dev.faultline.internal.RateLimiter", "dev.faultline.internal.RateLimiter$Window",
        "dev.faultline.internal.CallerSites", "dev.faultline.internal.DumpGuard",
        "java.lang.StackTraceElement", "java.time.Instant", "java.util.EnumSet",
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
    }
}
