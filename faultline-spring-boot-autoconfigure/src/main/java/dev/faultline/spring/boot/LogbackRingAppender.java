package dev.faultline.spring.boot;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import dev.faultline.logback.CrashRingAppender;
import dev.faultline.logback.RecoveredRunLog;
import java.util.Iterator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Attaches a {@link CrashRingAppender} named {@value #NAME} to Logback's root logger, after Boot
 * has configured logging (this is a bean, created while the context refreshes). Starting the
 * appender subscribes Faultline's reports to SLF4J ({@code dev.faultline.logback.Slf4jReports}),
 * so every report is logged under {@code faultline.SITE}; and since the appender comes after the
 * logging configuration ended, this announces the earlier crashed runs itself
 * ({@link RecoveredRunLog#announceOnce}). Nothing is attached when the root logger has a
 * {@code CrashRingAppender} already (declared in {@code logback-spring.xml}) or when SLF4J's
 * backend is not Logback. A failure is logged; the application starts anyway.
 *
 * <p>The appender is deliberately not detached when the context closes: the lines beans log
 * while they are destroyed are a service's last moments, the ones a flight recorder is for. It
 * stays until Boot stops or re-initialises Logback (its logging shutdown, or a new context in
 * the same JVM, which attaches its own).
 */
public class LogbackRingAppender {
    /** The appender's name on the root logger. */
    public static final String NAME = "FAULTLINE_RING";
    private static final Log LOG = LogFactory.getLog(LogbackRingAppender.class);

    private final CrashRingAppender attached;

    /** Attaches the appender (see the class comment); {@code replayLines} as {@link CrashRingAppender#setReplayLines}. */
    public LogbackRingAppender(int replayLines) {
        CrashRingAppender appender = null;
        try {
            ILoggerFactory factory = LoggerFactory.getILoggerFactory();
            if (!(factory instanceof LoggerContext)) {
                LOG.info("Faultline: SLF4J's backend is not Logback (" + factory.getClass().getName()
                        + "); the crash-ring appender is not attached");
            } else {
                LoggerContext context = (LoggerContext) factory;
                Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
                if (!hasRingAppender(root)) {
                    appender = new CrashRingAppender();
                    appender.setName(NAME);
                    appender.setContext(context);
                    appender.setAnnounceRecovered(false); // configuration has ended: announced below
                    appender.start();
                    root.addAppender(appender);
                }
                RecoveredRunLog.announceOnce(context, Math.max(0, Math.min(replayLines, 1000)));
            }
        } catch (Throwable e) {
            LOG.error("Faultline: could not attach the crash-ring appender to Logback's root logger", e);
            appender = null;
        }
        this.attached = appender;
    }

    /** True when SLF4J's backend is Logback (a LoggerContext); false when it is not, or on any failure. */
    static boolean logbackIsTheBackend() {
        try {
            return LoggerFactory.getILoggerFactory() instanceof LoggerContext;
        } catch (Throwable e) {
            return false;
        }
    }

    /** True when this bean attached an appender (false when one was there already, or on failure). */
    public boolean attached() {
        return attached != null;
    }

    private static boolean hasRingAppender(Logger root) {
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof CrashRingAppender) {
                return true;
            }
        }
        return false;
    }
}
