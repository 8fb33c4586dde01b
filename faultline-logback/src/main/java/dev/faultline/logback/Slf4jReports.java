package dev.faultline.logback;

import dev.faultline.Faultline;
import dev.faultline.report.MissedReports;
import dev.faultline.Registration;
import dev.faultline.report.Report;
import dev.faultline.report.ReportListener;
import dev.faultline.report.ReportTrace;
import dev.faultline.report.Taint;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Faultline reports out into the application's logging, through the SLF4J 2 API (so any SLF4J
 * backend receives them; {@link CrashRingAppender} installs this when it starts). Each report is
 * one event:
 * <ul>
 *   <li>logger {@code faultline.<site>} (so levels and appenders can be set per site or for all
 *       of {@code faultline});</li>
 *   <li>level WARNING and STALL → WARN, BUG, PANIC, OOPS, DEADLOCK, HUNG and LOCKUP → ERROR, NOTICE → INFO;</li>
 *   <li>message the report's headline; the report's stack attached as the exception (a
 *       {@link ReportTrace}), so layouts, JSON encoders and shippers print and index it;</li>
 *   <li>key-value pairs {@code kind}, {@code site}, {@code sequence}, {@code taint} (the letters, e.g. {@code WD}; empty when not tainted),
 *       {@code run_id}, {@code pid}, {@code thread}, {@code thread_id}, and {@code suppressed}
 *       when the report carries a suppressed count;</li>
 *   <li>the marker {@link #MARKER} ({@code FAULTLINE_REPORT}), by which {@link CrashRingAppender}
 *       knows not to store the report a second time.</li>
 * </ul>
 * The event is logged by the thread that runs Faultline's listeners (see
 * {@link dev.faultline.report.ReportListener}); that may not be the thread that fired, so the firing
 * thread is always in {@code thread} and {@code thread_id}, and the report's time is its
 * own. A report raised while this thread is already logging a report (an appender that fires a
 * check) is not logged again: no recursion. A failure to log is swallowed: reports are in the
 * crash ring and on the console regardless. Leave {@code faultline.system_logger} off with this
 * installed, or every report is logged twice.
 *
 * <p>Reports this subscription missed because Faultline's listeners fell behind
 * ({@link ReportListener#onMissed}) are said in one WARN event on the logger {@code faultline}
 * ({@link #logMissed}), so the log says what it lacks.
 */
public final class Slf4jReports {
    /** The marker on every event this class logs. */
    public static final Marker MARKER = MarkerFactory.getMarker("FAULTLINE_REPORT");

    private static final ThreadLocal<boolean[]> LOGGING = ThreadLocal.withInitial(() -> new boolean[1]);
    private static Registration registration;
    /** Where loggers come from: the appender's Logback context, or SLF4J's factory; null until installed. */
    private static volatile ILoggerFactory factory;

    private Slf4jReports() {}

    /**
     * Subscribes to every report from now on, logging through SLF4J's {@code LoggerFactory};
     * idempotent (one subscription per process however often it is called). Never throws. The
     * one-liner for an application that configures its logging in code.
     */
    public static void install() {
        install(null);
    }

    /**
     * As {@link #install()}, taking loggers from {@code loggers} (null: SLF4J's
     * {@code LoggerFactory}). {@link CrashRingAppender} passes its Logback context, so a report
     * raised while SLF4J is still initialising is logged as a whole event, not replayed later as
     * text. A later call replaces the factory and keeps the one subscription.
     */
    public static synchronized void install(ILoggerFactory loggers) {
        factory = loggers;
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
            return "Slf4jReports";
        }
    }

    /**
     * Logs that reports were missed: WARN on the logger {@code faultline}, message
     * {@code 12 Faultline reports missed (listener com.acme.Audit too slow: 2.13 ms a report);
     * all are in the crash ring}, key-values {@code missed} and {@code in_crash_ring}. Never throws.
     */
    public static void logMissed(MissedReports missed) {
        boolean[] busy = LOGGING.get();
        if (busy[0]) {
            return;
        }
        busy[0] = true;
        try {
            ILoggerFactory f = factory;
            Logger logger = f == null ? LoggerFactory.getLogger("faultline") : f.getLogger("faultline");
            logger.atWarn().addKeyValue("missed", missed.count()).addKeyValue("in_crash_ring", missed.inCrashRing())
                    .log(missed.toString());
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
            ILoggerFactory f = factory;
            String name = "faultline." + report.site();
            Logger logger = f == null ? LoggerFactory.getLogger(name) : f.getLogger(name);
            Level level = level(report);
            if (!logger.isEnabledForLevel(level)) {
                return;
            }
            LoggingEventBuilder e = logger.makeLoggingEventBuilder(level)
                    .addMarker(MARKER)
                    .setCause(new ReportTrace(report))
                    .addKeyValue("kind", report.kind().name())
                    .addKeyValue("site", report.site())
                    .addKeyValue("sequence", report.sequence())
                    .addKeyValue("taint", Taint.letters(report.taints()))
                    .addKeyValue("run_id", report.runId())
                    .addKeyValue("pid", report.pid())
                    .addKeyValue("thread", report.threadName())
                    .addKeyValue("thread_id", report.threadId());
            if (report.suppressed() > 0) {
                e = e.addKeyValue("suppressed", report.suppressed());
            }
            e.log(report.summary());
        } catch (Throwable ignored) {
            // The report is in the ring and on the console already.
        } finally {
            busy[0] = false;
        }
    }

    /** The report kind's level ({@link dev.faultline.report.ReportKind#level()}) in SLF4J's words. */
    static Level level(Report report) {
        switch (report.kind().level()) {
            case WARNING: return Level.WARN;
            case INFO: return Level.INFO;
            default: return Level.ERROR;
        }
    }
}
