package dev.faultline.internal.runtime;

import dev.faultline.report.MissedReports;
import dev.faultline.report.Report;
import dev.faultline.report.ReportListener;

/**
 * Sends reports to the JDK's {@link System.Logger} {@code dev.faultline}, from where logging
 * bridges take them: one of the asynchronous listeners while {@code faultline.system_logger} is on.
 */
final class SystemLoggerSink {
    private static volatile System.Logger logger;

    private SystemLoggerSink() {}

    private static System.Logger logger() {
        System.Logger l = logger;
        if (l == null) {
            l = System.getLogger("dev.faultline");
            logger = l;
        }
        return l;
    }

    static void log(Report r) {
        logger().log(r.kind().level(), r.toText());
    }

    /** The listener: every report logged; reports it missed said in one WARNING. */
    static final class Listener implements ReportListener {
        @Override
        public void onReport(Report report) {
            log(report);
        }

        @Override
        public void onMissed(MissedReports missed) {
            logger().log(System.Logger.Level.WARNING, "faultline: " + missed + "; not logged here");
        }

        @Override
        public String toString() {
            return "System.Logger (faultline.system_logger)";
        }
    }
}
