package dev.faultline.internal.jfr;

import dev.faultline.internal.runtime.ReportSink;

/**
 * The door to JFR that is safe without it: refers to no {@code jdk.jfr} type, and loads the
 * classes that do only when the {@code jdk.jfr} module is in the boot layer. A runtime image
 * without it (or core on the module path without {@code --add-modules jdk.jfr}) gets no events,
 * and nothing else changes.
 */
public final class JfrReports {
    private JfrReports() {}

    /**
     * One {@code dev.faultline.PreviousRun} event per run recovered at start, with why it ended
     * (seen by a recording started with the JVM, {@code -XX:StartFlightRecording}). Never throws.
     */
    public static void previousRuns(java.util.List<dev.faultline.ring.RecoveredRun> runs) {
        try {
            if (!runs.isEmpty() && ModuleLayer.boot().findModule("jdk.jfr").isPresent()) {
                PreviousRunEvent.commitAll(runs);
            }
        } catch (Throwable e) {
            // An extra, never a reason to fail boot.
        }
    }

    /**
     * The sink that turns every emitted report into a {@code dev.faultline.Report} event, with
     * the periodic statistics event armed for when a recording starts; null when JFR is not
     * available. Never throws.
     */
    public static ReportSink boot() {
        try {
            if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
                return null;
            }
            return JfrReportSink.start();
        } catch (Throwable e) {
            // No JFR (or a JFR that refuses us): events are an extra, never a reason to fail boot.
            return null;
        }
    }
}
