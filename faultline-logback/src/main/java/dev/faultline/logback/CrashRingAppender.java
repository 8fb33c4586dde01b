package dev.faultline.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import dev.faultline.Faultline;
import dev.faultline.ring.CrashRing;
import dev.faultline.ring.LogLine;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A Logback appender that writes every event it receives into Faultline's crash ring, so the
 * application's last lines survive {@code kill -9}, the OOM killer and {@code halt}: the line
 * is in the page cache when {@code append} returns. A flight recorder beside the usual
 * appenders, not a replacement for them. One line in {@code logback.xml}:
 * <pre>
 *   &lt;appender name="RING" class="dev.faultline.logback.CrashRingAppender"/&gt;
 *   &lt;root level="INFO"&gt;&lt;appender-ref ref="FILE"/&gt;&lt;appender-ref ref="RING"/&gt;&lt;/root&gt;
 * </pre>
 *
 * <p>Each event becomes one ring record ({@link CrashRing#append(LogLine)}): level (TRACE,
 * DEBUG, INFO, WARN as WARNING, ERROR), logger, thread, timestamp, the formatted message, the
 * MDC and the SLF4J 2 key-value pairs (at most {@link LogLine#MAX_KEY_VALUES} in all, MDC first),
 * and the throwable (class, message, first frames, causes). Synchronous and lock-free: it never
 * blocks the logging thread and never throws into Logback (a failed append is dropped; Logback's
 * own status reports an unexpected failure once). Allocation-free in the steady state for
 * events without a throwable, beyond what Logback itself does.
 *
 * <p>Started, it also connects the other direction unless told not to: every Faultline report
 * is logged through SLF4J ({@link Slf4jReports}, property {@code reports}, default true), and
 * once the configuration has ended, each earlier run that crashed or was killed is announced
 * as one ERROR event ({@link RecoveredRunLog}, property {@code announceRecovered}, default
 * true; {@code replayLines} N also replays its last N ring records at INFO). Events that
 * Faultline logs itself about reports are not written again: the report is in the ring
 * already.
 *
 * <p>These options are nested elements, as for every Logback appender:
 * {@code <appender name="RING" class="dev.faultline.logback.CrashRingAppender"><replayLines>3</replayLines></appender>}.
 * Logback ignores attributes other than {@code name} and {@code class} without a word; this
 * appender finds them in the configuration file when it starts and adds a WARN status for each,
 * which Logback prints with the configuration's status.
 *
 * <p>When it starts and whenever a configuration ends, it also marks every logger's cached
 * appender array stale, now and up to 10 s later ({@link AppenderListHeal}): Logback can
 * otherwise keep skipping an appender attached while other threads were logging (this one or
 * any other) until that logger's appenders change again.
 */
public class CrashRingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final ThreadLocal<Filler> FILLERS = ThreadLocal.withInitial(Filler::new);

    private boolean reports = true;
    private boolean announceRecovered = true;
    private int replayLines;
    private CrashRing ring;
    private ConfigurationEventListener configurationListener;

    /** Whether Faultline reports are logged through SLF4J (default true). */
    public void setReports(boolean reports) {
        this.reports = reports;
    }

    /** Whether earlier crashed or killed runs are announced at start (default true). */
    public void setAnnounceRecovered(boolean announceRecovered) {
        this.announceRecovered = announceRecovered;
    }

    /** How many of each recovered run's last ring records to replay at INFO (default 0, at most 1000). */
    public void setReplayLines(int replayLines) {
        this.replayLines = Math.max(0, Math.min(replayLines, 1000));
    }

    @Override
    public void start() {
        ring = Faultline.ring();
        super.start();
        for (String ignored : IgnoredAttributes.find(getContext(), getName(), getClass().getName())) {
            addWarn(ignored); // Logback prints its status when a configuration warns
        }
        if (reports) {
            Slf4jReports.install(getContext() instanceof ILoggerFactory ? (ILoggerFactory) getContext() : null);
        }
        LoggerContext loggers = getContext() instanceof LoggerContext ? (LoggerContext) getContext() : null;
        // Attached after this returns, while other threads may be logging: see AppenderListHeal.
        AppenderListHeal.now(loggers);
        if (getContext() != null) {
            ConfigurationEventListener l = new ConfigurationEventListener() {
                @Override
                public void listen(ConfigurationEvent e) {
                    if (e.getEventType() == ConfigurationEvent.EventType.CONFIGURATION_ENDED_SUCCESSFULLY
                            || e.getEventType() == ConfigurationEvent.EventType.CONFIGURATION_ENDED_WITH_XML_PARSING_ERRORS) {
                        getContext().removeConfigurationEventListener(this);
                        AppenderListHeal.now(loggers);
                        if (announceRecovered) {
                            // Announce once the whole configuration is in place, so the event reaches every appender.
                            RecoveredRunLog.announceOnce(
                                    getContext() instanceof ILoggerFactory ? (ILoggerFactory) getContext() : null, replayLines);
                        }
                    }
                }
            };
            configurationListener = l;
            getContext().addConfigurationEventListener(l);
        }
    }

    @Override
    public void stop() {
        super.stop();
        if (configurationListener != null && getContext() != null) {
            getContext().removeConfigurationEventListener(configurationListener);
            configurationListener = null;
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        try {
            if (isFaultlinesOwn(event)) {
                return;
            }
            Filler f = FILLERS.get();
            if (f.busy) {
                // An argument's toString() logged again on this thread, into another ring appender.
                f = new Filler();
            }
            f.busy = true;
            try {
                fill(f, event);
                ring.append(f.line);
            } finally {
                f.line.reset();
                f.busy = false;
            }
        } catch (Throwable e) {
            // Never into Logback's caller; the ring's own append never throws, so this is a bug here.
            addError("crash ring append failed", e);
        }
    }

    private static void fill(Filler f, ILoggingEvent event) {
            LogLine line = f.line.reset();
            String threadName = event.getThreadName();
            Thread current = Thread.currentThread();
            line.level(level(event.getLevel()))
                    .logger(event.getLoggerName())
                    // The logging thread's id is known only when this runs on it (no async appender in between).
                    .thread(threadName, threadName != null && threadName.equals(current.getName()) ? current.getId() : 0)
                    .time(event.getTimeStamp())
                    .message(event.getFormattedMessage());
            Map<String, String> mdc;
            try {
                mdc = event.getMDCPropertyMap();
            } catch (RuntimeException e) {
                // A context without an MDC adapter (Logback 1.5 set up by hand): keep the line anyway.
                mdc = null;
            }
            if (mdc != null && !mdc.isEmpty()) {
                mdc.forEach(f);
            }
            List<KeyValuePair> kvs = event.getKeyValuePairs();
            if (kvs != null) {
                for (int i = 0, n = kvs.size(); i < n; i++) {
                    KeyValuePair kv = kvs.get(i);
                    line.keyValue(kv.key, kv.value instanceof CharSequence ? (CharSequence) kv.value : String.valueOf(kv.value));
                }
            }
            IThrowableProxy tp = event.getThrowableProxy();
            if (tp instanceof ThrowableProxy) {
                line.throwable(((ThrowableProxy) tp).getThrowable());
            } else if (tp != null) {
                // A deserialised event: the proxy is all there is.
                line.keyValue("exception", tp.getClassName() + ": " + tp.getMessage());
            }
    }

    /** Events Faultline itself logs about its reports carry a marker; their report is in the ring already. */
    private static boolean isFaultlinesOwn(ILoggingEvent event) {
        List<Marker> markers = event.getMarkerList();
        if (markers == null) {
            return false;
        }
        for (int i = 0, n = markers.size(); i < n; i++) {
            if (markers.get(i) == Slf4jReports.MARKER) {
                return true;
            }
        }
        return false;
    }

    /** The ring's level for a Logback level. */
    static System.Logger.Level level(Level level) {
        if (level == null) {
            return System.Logger.Level.INFO;
        }
        switch (level.toInt()) {
            case Level.ERROR_INT: return System.Logger.Level.ERROR;
            case Level.WARN_INT: return System.Logger.Level.WARNING;
            case Level.INFO_INT: return System.Logger.Level.INFO;
            case Level.DEBUG_INT: return System.Logger.Level.DEBUG;
            default: return System.Logger.Level.TRACE;
        }
    }

    /** Per-thread line and MDC visitor, so an event costs no allocation here. */
    private static final class Filler implements BiConsumer<String, String> {
        final LogLine line = new LogLine();
        boolean busy;

        @Override
        public void accept(String key, String value) {
            line.keyValue(key, value);
        }
    }
}
