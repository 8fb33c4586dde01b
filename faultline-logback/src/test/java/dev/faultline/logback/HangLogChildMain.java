package dev.faultline.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.faultline.Faultline;
import dev.faultline.report.ReportKind;
import dev.faultline.fixtures.HangMain;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * A child JVM with Logback configured by logback-test.xml (the ring appender installs the report
 * bridge): a hung task and a watchdog loop that gets stuck and recovers; prints every event the
 * list appender received from a {@code faultline.*} logger, with the first frame of its exception.
 */
public final class HangLogChildMain {
    public static void main(String[] args) throws Exception {
        LoggerFactory.getLogger("app.child").info("started");
        HangMain.hungMonitor();
        HangMain.lockup();
        long end = System.nanoTime() + 60_000_000_000L;
        while ((Faultline.hangCount(ReportKind.HUNG) == 0 || Faultline.hangCount(ReportKind.LOCKUP) == 0)
                && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        Thread.sleep(5000); // the loop recovers: the NOTICE
        Faultline.awaitPrinted(Duration.ofSeconds(10));
        for (ILoggingEvent e : Rings.list().list) {
            if (e.getLoggerName().startsWith("faultline.")) {
                IThrowableProxy t = e.getThrowableProxy();
                System.out.println("EVENT " + e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
                        + " | " + (t == null || t.getStackTraceElementProxyArray().length == 0 ? "-"
                        : t.getStackTraceElementProxyArray()[0].getSTEAsString()) + " | " + e.getKeyValuePairs());
            }
        }
        System.exit(0);
    }
}
