package dev.faultline.logback;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The ring appender allocates nothing per line of its own: a line through Logback into the ring
 * costs the same bytes as a line into an appender that only reads what every encoder reads
 * (the formatted message, the MDC, the key-values) and stores nothing.
 */
class SteadyStateAllocationTest {
    /** Reads the event as any appender would, keeps nothing. */
    static final class Reader extends UnsynchronizedAppenderBase<ILoggingEvent> {
        long sink;

        @Override
        protected void append(ILoggingEvent e) {
            sink += e.getFormattedMessage().length() + e.getMDCPropertyMap().size()
                    + (e.getKeyValuePairs() == null ? 0 : e.getKeyValuePairs().size());
        }
    }

    static long bytesPerLine(Appender<ILoggingEvent> appender) {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new LogbackMDCAdapter());
        ctx.start();
        appender.setContext(ctx);
        appender.start();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        ch.qos.logback.classic.Logger log = ctx.getLogger("app.steady");
        Integer id = 123_456;
        Integer ms = 42;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 50_000; i++) {
            log.info("order {} accepted in {} ms", id, ms);
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 20_000; i++) {
            log.info("order {} accepted in {} ms", id, ms);
        }
        long perLine = (mx.getThreadAllocatedBytes(tid) - before) / 20_000;
        ctx.stop();
        return perLine;
    }

    /**
     * A huge line costs the logging thread what the ring frame it lands in costs: it is cut to the
     * frame before it is escaped. It was escaped whole first (a 50 MB line: 400 ms and 128 MiB).
     */
    @Test
    void aHugeLineCostsAFrameNotTheLine() {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new LogbackMDCAdapter());
        ctx.start();
        CrashRingAppender ring = new CrashRingAppender();
        ring.setReports(false);
        ring.setAnnounceRecovered(false);
        ring.setContext(ctx);
        ring.start();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(ring);
        ch.qos.logback.classic.Logger log = ctx.getLogger("app.huge");
        log.info("warm up");
        String huge = "x".repeat(16 << 20);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        log.info(huge);
        long bytes = mx.getThreadAllocatedBytes(tid) - before;
        ctx.stop();
        System.out.println("a " + huge.length() + "-character line into the ring through Logback: " + bytes
                + " bytes allocated on the logging thread");
        assertTrue(bytes < 1 << 20, bytes + " bytes allocated for one line");
    }

    @Test
    void theRingAppenderAddsNoBytesPerLine() {
        CrashRingAppender ring = new CrashRingAppender();
        ring.setReports(false);
        ring.setAnnounceRecovered(false);
        long reader = bytesPerLine(new Reader());
        long withRing = bytesPerLine(ring);
        System.out.println("bytes per line through Logback: " + withRing + " into the ring, " + reader
                + " into an appender that only reads the event");
        assertTrue(withRing <= reader + 1, withRing + " vs " + reader);
    }
}
