package dev.faultline.log4j2;

import dev.faultline.Faultline;
import dev.faultline.ring.CrashRing;
import dev.faultline.ring.LogLine;
import java.io.Serializable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.StringBuilderFormattable;
import org.apache.logging.log4j.util.TriConsumer;

/**
 * A Log4j2 appender plugin that writes every event it receives into Faultline's crash ring, so
 * the application's last lines survive {@code kill -9}: the line is in the page cache when
 * {@code append} returns. A flight recorder beside the usual appenders. One line in
 * {@code log4j2.xml}:
 * <pre>
 *   &lt;Appenders&gt; ... &lt;CrashRing name="ring"/&gt; &lt;/Appenders&gt;
 *   &lt;Root level="info"&gt;&lt;AppenderRef ref="file"/&gt;&lt;AppenderRef ref="ring"/&gt;&lt;/Root&gt;
 * </pre>
 *
 * <p>Each event becomes one ring record ({@link CrashRing#append(LogLine)}): level (FATAL and
 * ERROR as ERROR, WARN as WARNING, INFO, DEBUG, TRACE), logger, thread name and id, time, the
 * formatted message, the context data (ThreadContext map; at most {@link LogLine#MAX_KEY_VALUES}
 * pairs) and the throwable (class, message, first frames, causes). Garbage-free where Log4j2 is:
 * a plain message ({@code SimpleMessage}, {@code ReusableSimpleMessage}: a {@code CharSequence})
 * is read in place, a message that can format itself into a {@code StringBuilder} is formatted
 * into a reused one, and the context data is visited without an iterator. A message longer than
 * the ring's largest record costs no more than that record: only what fits is read and escaped. Synchronous, lock-free, never blocks;
 * never throws into Log4j2 (with the default {@code ignoreExceptions="true"} a failure goes to
 * Log4j2's status logger).
 *
 * <p>Started, it also connects the other direction unless told not to: every Faultline report
 * is logged through Log4j2 ({@link Log4j2Reports}, attribute {@code reports}, default true),
 * and once this appender is part of the running configuration, each earlier run that crashed or
 * was killed is announced as one ERROR event ({@link RecoveredRunLog}; attribute
 * {@code announceRecovered}, default true; {@code replayLines} N replays its last N records).
 * Events carrying the {@code FAULTLINE_REPORT} marker are not written again: their report is in
 * the ring already.
 */
@Plugin(name = "CrashRing", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class CrashRingAppender extends AbstractAppender {
    private static final ThreadLocal<Filler> FILLERS = ThreadLocal.withInitial(Filler::new);

    private final CrashRing ring;
    private final boolean reports;
    private final boolean announceRecovered;
    private final int replayLines;

    private CrashRingAppender(String name, Filter filter, boolean ignoreExceptions, boolean reports,
                              boolean announceRecovered, int replayLines) {
        super(name, filter, (Layout<? extends Serializable>) null, ignoreExceptions, Property.EMPTY_ARRAY);
        this.ring = Faultline.ring();
        this.reports = reports;
        this.announceRecovered = announceRecovered;
        this.replayLines = Math.max(0, Math.min(replayLines, 1000));
    }

    /** The plugin factory behind {@code <CrashRing name="..." reports="true" announceRecovered="true" replayLines="0"/>}. */
    @PluginFactory
    public static CrashRingAppender createAppender(
            @PluginAttribute("name") String name,
            @PluginElement("Filter") Filter filter,
            @PluginAttribute(value = "ignoreExceptions", defaultBoolean = true) boolean ignoreExceptions,
            @PluginAttribute(value = "reports", defaultBoolean = true) boolean reports,
            @PluginAttribute(value = "announceRecovered", defaultBoolean = true) boolean announceRecovered,
            @PluginAttribute(value = "replayLines", defaultInt = 0) int replayLines) {
        return new CrashRingAppender(name == null ? "CrashRing" : name, filter, ignoreExceptions, reports,
                announceRecovered, replayLines);
    }

    @Override
    public void start() {
        super.start();
        if (reports) {
            Log4j2Reports.install();
        }
        if (announceRecovered) {
            RecoveredRunLog.announceOnceConfigured(this, replayLines);
        }
    }

    @Override
    public void append(LogEvent event) {
        Marker m = event.getMarker();
        if (m != null && m.isInstanceOf(Log4j2Reports.MARKER)) {
            return;
        }
        Filler f = FILLERS.get();
        if (f.busy) {
            // A message's formatting logged again on this thread, into another ring appender.
            f = new Filler();
        }
        f.busy = true;
        try {
            LogLine line = f.line.reset()
                    .level(level(event.getLevel()))
                    .logger(event.getLoggerName())
                    .thread(event.getThreadName(), event.getThreadId())
                    .time(event.getTimeMillis())
                    .throwable(event.getThrown());
            Message msg = event.getMessage();
            if (msg instanceof CharSequence) {
                // A plain message (SimpleMessage, the garbage-free ReusableSimpleMessage): read in
                // place, so a huge one costs no copy; the ring reads no more of it than fits a frame.
                line.message((CharSequence) msg);
            } else if (msg instanceof StringBuilderFormattable) {
                StringBuilder sb = f.text;
                sb.setLength(0);
                ((StringBuilderFormattable) msg).formatTo(sb);
                line.message(sb);
            } else if (msg != null) {
                line.message(msg.getFormattedMessage());
            }
            event.getContextData().forEach(f, line);
            ring.append(line);
        } catch (Throwable e) {
            error("crash ring append failed", event, e);
        } finally {
            f.line.reset();
            if (f.text.capacity() > 64 * 1024) {
                f.text.setLength(0);
                f.text.trimToSize();
            }
            f.busy = false;
        }
    }

    /** The ring's level for a Log4j2 level (custom levels by their intLevel). */
    static System.Logger.Level level(Level level) {
        int v = level == null ? Level.INFO.intLevel() : level.intLevel();
        if (v <= Level.ERROR.intLevel()) {
            return System.Logger.Level.ERROR;
        }
        if (v <= Level.WARN.intLevel()) {
            return System.Logger.Level.WARNING;
        }
        if (v <= Level.INFO.intLevel()) {
            return System.Logger.Level.INFO;
        }
        if (v <= Level.DEBUG.intLevel()) {
            return System.Logger.Level.DEBUG;
        }
        return System.Logger.Level.TRACE;
    }

    /** Per-thread line, message buffer and context-data visitor: nothing allocated per event. */
    private static final class Filler implements TriConsumer<String, Object, LogLine> {
        final LogLine line = new LogLine();
        final StringBuilder text = new StringBuilder(256);
        boolean busy;

        @Override
        public void accept(String key, Object value, LogLine line) {
            line.keyValue(key, value instanceof CharSequence ? (CharSequence) value : String.valueOf(value));
        }
    }
}
