package dev.faultline.internal.runtime;

import dev.faultline.Report;
import dev.faultline.ReportKind;

/** Sends reports to the JDK's {@link System.Logger}, from where logging bridges take them. */
final class SystemLoggerSink {
    private static volatile System.Logger logger;

    private SystemLoggerSink() {}

    static void log(Report r) {
        System.Logger l = logger;
        if (l == null) {
            l = System.getLogger("dev.faultline");
            logger = l;
        }
        System.Logger.Level level = r.kind() == ReportKind.WARNING || r.kind() == ReportKind.NOTICE
                || r.kind() == ReportKind.STALL ? System.Logger.Level.WARNING : System.Logger.Level.ERROR;
        l.log(level, r.toText());
    }
}
