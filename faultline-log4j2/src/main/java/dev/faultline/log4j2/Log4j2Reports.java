package dev.faultline.log4j2;

import dev.faultline.Faultline;
import dev.faultline.report.MissedReports;
import dev.faultline.Registration;
import dev.faultline.report.Report;
import dev.faultline.report.ReportListener;
import dev.faultline.report.ReportTrace;
import dev.faultline.report.Taint;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.message.StringMapMessage;

/**
 * Faultline reports out into Log4j2 ({@link CrashRingAppender} installs this when it starts).
 * Each report is one event:
 * <ul>
 *   <li>logger {@code faultline.<site>};</li>
 *   <li>level WARNING and STALL → WARN, BUG, PANIC, OOPS, DEADLOCK, HUNG and LOCKUP → ERROR, NOTICE → INFO;</li>
 *   <li>a {@link SentenceMapMessage} (a {@code MapMessage}: JSON layouts render its fields as
 *       fields) with {@code message} (the report's {@link Report#summary() summary}: its headline
 *       and its own message, e.g. {@code WARNING: orders.total at Shop.pay(Shop.java:12): total -5
 *       below zero}), {@code kind}, {@code site}, {@code sequence}, {@code taint} (letters, e.g.
 *       {@code WD}; empty when not tainted), {@code run_id}, {@code pid}, {@code thread},
 *       {@code thread_id}, and {@code suppressed} when the report carries a suppressed count; a
 *       plain {@code %m} prints the sentence alone, {@code %m{JSON}} or {@code %K{kind}} the fields;</li>
 *   <li>the report's stack attached as the exception (a {@link ReportTrace});</li>
 *   <li>the marker {@link #MARKER} ({@code FAULTLINE_REPORT}), by which the ring appender knows
 *       not to store the report a second time.</li>
 * </ul>
 * Logged by the thread that runs Faultline's listeners (see {@link dev.faultline.report.ReportListener});
 * the firing thread is always in {@code thread} and {@code thread_id}. A report raised while this
 * thread is already logging one is not logged again: no recursion. A failure to log is
 * swallowed: the report is in the crash ring and on the console regardless. Leave
 * {@code faultline.system_logger} off with this installed, or every report is logged twice.
 *
 * <p>Reports this subscription missed because Faultline's listeners fell behind
 * ({@link ReportListener#onMissed}) are said in one WARN event on the logger {@code faultline}
 * ({@link #logMissed}), so the log says what it lacks.
 */
public final class Log4j2Reports {
    /** The marker on every event this class logs. */
    public static final Marker MARKER = MarkerManager.getMarker("FAULTLINE_REPORT");

    private static final ThreadLocal<boolean[]> LOGGING = ThreadLocal.withInitial(() -> new boolean[1]);
    private static Registration registration;

    private Log4j2Reports() {}

    /** Subscribes to every report from now on; idempotent (one subscription per process). Never throws. */
    public static synchronized void install() {
        if (registration == null) {
            try {
                registration = Faultline.addListener(new Listener());
            } catch (Throwable e) {
                registration = null;
            }
        }
    }

    /** Ends the subscription, if any; idempotent. */
    public static synchronized void uninstall() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }

    /** The subscription: every report logged, missed reports said. */
    private static final class Listener implements ReportListener {
        @Override
        public void onReport(Report report) {
            log(report);
        }

        @Override
        public void onMissed(MissedReports missed) {
            logMissed(missed);
        }

        @Override
        public String toString() {
            return "Log4j2Reports";
        }
    }

    /**
     * Logs that reports were missed: WARN on the logger {@code faultline}, a
     * {@link SentenceMapMessage} with {@code message} ({@code 12 Faultline reports missed (listener
     * com.acme.Audit too slow: 2.13 ms a report); all are in the crash ring}), {@code missed} and
     * {@code in_crash_ring}. Never throws.
     */
    public static void logMissed(MissedReports missed) {
        boolean[] busy = LOGGING.get();
        if (busy[0]) {
            return;
        }
        busy[0] = true;
        try {
            LogManager.getLogger("faultline").log(Level.WARN, new SentenceMapMessage(missed.toString())
                    .with("missed", missed.count())
                    .with("in_crash_ring", missed.inCrashRing()));
        } catch (Throwable ignored) {
            // The drop line is on the console and in the crash ring regardless.
        } finally {
            busy[0] = false;
        }
    }

    /** Logs {@code report} as described in the class comment. */
    public static void log(Report report) {
        boolean[] busy = LOGGING.get();
        if (busy[0]) {
            return;
        }
        busy[0] = true;
        try {
            Logger logger = LogManager.getLogger("faultline." + report.site());
            Level level = level(report);
            if (!logger.isEnabled(level, MARKER)) {
                return;
            }
            StringMapMessage m = new SentenceMapMessage(report.summary())
                    .with("kind", report.kind().name())
                    .with("site", report.site())
                    .with("sequence", report.sequence())
                    .with("taint", Taint.letters(report.taints()))
                    .with("run_id", report.runId())
                    .with("pid", report.pid())
                    .with("thread", report.threadName())
                    .with("thread_id", report.threadId());
            if (report.suppressed() > 0) {
                m.with("suppressed", report.suppressed());
            }
            logger.log(level, MARKER, m, new ReportTrace(report));
        } catch (Throwable ignored) {
            // The report is in the ring and on the console already.
        } finally {
            busy[0] = false;
        }
    }

    /** The report kind's level ({@link dev.faultline.report.ReportKind#level()}) in Log4j2's words. */
    static Level level(Report report) {
        switch (report.kind().level()) {
            case WARNING: return Level.WARN;
            case INFO: return Level.INFO;
            default: return Level.ERROR;
        }
    }
}
