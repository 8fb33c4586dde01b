package dev.faultline.ring;

import dev.faultline.Faultline;
import dev.faultline.report.ReportTrace;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * A {@code java.util.logging} handler that writes every record it accepts into this process's
 * crash ring ({@link CrashRing#append(LogLine)}), so the last lines survive {@code kill -9}.
 * For applications that log through JUL and for libraries that do (the JDK's own
 * {@code System.Logger} included, unless a bridge sends it elsewhere).
 *
 * <p>Install it beside the usual handlers, e.g. in {@code logging.properties}:
 * <pre>
 *   handlers = java.util.logging.ConsoleHandler, dev.faultline.ring.CrashRingHandler
 *   dev.faultline.ring.CrashRingHandler.level = FINE
 * </pre>
 * or in code: {@code Logger.getLogger("").addHandler(new CrashRingHandler())}. Its level
 * defaults to {@code ALL} (what reaches it is stored): the loggers' levels decide.
 *
 * <p>Levels map to {@link System.Logger.Level}: SEVERE → ERROR, WARNING → WARNING, INFO and
 * CONFIG → INFO, FINE → DEBUG, FINER and FINEST → TRACE. The message is formatted as
 * {@link java.util.logging.Formatter#formatMessage} does (resource bundle, {@code {0}}
 * parameters); the thrown exception is summarised. The source class and method are not
 * recorded: JUL would walk the stack to infer them for every record, and the logger names the
 * place. A record whose thrown is a {@link dev.faultline.report.ReportTrace} is a Faultline report
 * logged through {@code System.Logger} ({@code faultline.system_logger=1}), already in the
 * ring: it is skipped, so each report is stored once.
 * {@code publish} runs on the logging thread, synchronously, and never throws; a failure
 * goes to this handler's {@link ErrorManager} once. {@code flush} and {@code close} do
 * nothing: the ring needs neither.
 */
public class CrashRingHandler extends Handler {
    private static final ThreadLocal<LogLine> LINES = ThreadLocal.withInitial(LogLine::new);
    /** Set while this thread is inside publish: booting the ring may itself log through JUL. */
    private static final ThreadLocal<boolean[]> BUSY = ThreadLocal.withInitial(() -> new boolean[1]);
    private final SimpleFormatter formatter = new SimpleFormatter();

    /** A handler at level {@code ALL}, or at {@code dev.faultline.ring.CrashRingHandler.level} when the LogManager configures it. */
    public CrashRingHandler() {
        Level level = Level.ALL;
        try {
            String configured = LogManager.getLogManager().getProperty(getClass().getName() + ".level");
            if (configured != null) {
                level = Level.parse(configured.trim());
            }
        } catch (RuntimeException e) {
            reportError("bad level for " + getClass().getName() + ": " + e.getMessage(), e, ErrorManager.GENERIC_FAILURE);
        }
        setLevel(level);
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        if (record.getThrown() instanceof ReportTrace) {
            return; // a report logged through System.Logger (faultline.system_logger): in the ring already
        }
        boolean[] busy = BUSY.get();
        if (busy[0]) {
            return;
        }
        busy[0] = true;
        try {
            Thread t = Thread.currentThread();
            long tid = record.getLongThreadID();
            LogLine line = LINES.get().reset()
                    .level(level(record.getLevel()))
                    .logger(record.getLoggerName())
                    .thread(tid == t.getId() ? t.getName() : "tid " + tid, tid)
                    .time(record.getMillis())
                    .message(formatter.formatMessage(record))
                    .throwable(record.getThrown());
            Faultline.ring().append(line);
            line.reset();
        } catch (Throwable e) {
            reportError("crash ring append failed", e instanceof Exception ? (Exception) e : new Exception(e),
                    ErrorManager.WRITE_FAILURE);
        } finally {
            busy[0] = false;
        }
    }

    /** The ring level of a JUL level, as described in the class comment. */
    public static System.Logger.Level level(Level level) {
        int v = level == null ? Level.INFO.intValue() : level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return System.Logger.Level.ERROR;
        }
        if (v >= Level.WARNING.intValue()) {
            return System.Logger.Level.WARNING;
        }
        if (v >= Level.CONFIG.intValue()) {
            return System.Logger.Level.INFO;
        }
        if (v >= Level.FINE.intValue()) {
            return System.Logger.Level.DEBUG;
        }
        return System.Logger.Level.TRACE;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
