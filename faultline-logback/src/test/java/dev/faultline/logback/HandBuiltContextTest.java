package dev.faultline.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;

/**
 * A Logback context built in code without an MDC adapter (Logback 1.5 then fails every event in
 * every appender that reads the MDC): the ring appender still keeps the line.
 */
class HandBuiltContextTest {
    @Test
    void aLineWhoseMdcCannotBeReadIsStillKept() {
        LoggerContext ctx = new LoggerContext();
        ctx.start();
        CrashRingAppender ring = new CrashRingAppender();
        ring.setContext(ctx);
        ring.setReports(false);
        ring.setAnnounceRecovered(false);
        ring.start();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(ring);
        String marker = "hand-built-" + System.nanoTime();
        ctx.getLogger("app.hand").info("line {}", marker);
        ctx.stop();
        assertEquals(1, Rings.containing(marker).size());
    }
}
