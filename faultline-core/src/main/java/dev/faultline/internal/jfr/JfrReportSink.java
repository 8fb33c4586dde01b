package dev.faultline.internal.jfr;

import dev.faultline.report.Report;
import dev.faultline.report.Taint;
import dev.faultline.internal.runtime.Taints;
import dev.faultline.internal.runtime.Counters;
import dev.faultline.internal.runtime.ReportSink;
import dev.faultline.internal.text.FrameText;
import java.util.Set;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/** Reports as JFR events. Loaded only through {@link JfrReports}, when {@code jdk.jfr} is present. */
final class JfrReportSink implements ReportSink {
    private JfrReportSink() {}

    static ReportSink start() {
        // Registering the periodic event initialises JFR's metadata; wait until a recorder
        // exists, so a process that never records pays nothing (called at once if one does).
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                FlightRecorder.addPeriodicEvent(StatisticsEvent.class, JfrReportSink::statistics);
            }
        });
        // Load and register the event class now, on a healthy heap: the first event object
        // makes JFR instrument its class, which initialises JDK module machinery; on a full heap
        // that initialisation fails and leaves a JDK class unusable for the rest of the process.
        new ReportEvent().isEnabled();
        return new JfrReportSink();
    }

    /** Zero cost without a recording: an event that is not enabled is dropped before any work. */
    @Override
    public void write(Report r) {
        ReportEvent e = new ReportEvent();
        if (!e.isEnabled()) {
            return;
        }
        e.kind = r.kind().name();
        e.site = r.site();
        e.signature = r.signature().hash();
        e.title = r.signature().title();
        e.message = r.message();
        e.taint = letters(r.taints());
        e.sequence = r.sequence();
        e.thread = r.threadName();
        StringBuilder b = new StringBuilder(64 * r.stack().size());
        for (StackTraceElement f : r.stack()) {
            b.append(FrameText.of(f)).append('\n');
        }
        e.stack = b.toString();
        e.commit();
    }

    @Override
    public void force() {
        // Events live in JFR's buffers; nothing of ours to force.
    }

    private static void statistics() {
        StatisticsEvent e = new StatisticsEvent();
        e.warnCount = Counters.warnCount();
        e.oopsCount = Counters.oopsCount();
        e.taint = letters(Taints.taints());
        e.commit();
    }

    private static String letters(Set<Taint> taints) {
        StringBuilder b = new StringBuilder(taints.size());
        for (Taint t : taints) {
            b.append(t.letter());
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "JFR events";
    }
}
