package dev.faultline.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM with Logback configured by logback-test.xml. {@code crash N}: logs N numbered lines
 * and halts without a clean shutdown, as a killed process would. {@code announce}: starts (the
 * appender announces the recovered runs) and prints every event its list appender received.
 */
public final class RecoveredRunChildMain {
    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("app.child");
        if (args[0].equals("crash")) {
            int n = Integer.parseInt(args[1]);
            for (int i = 1; i <= n; i++) {
                log.info("last words {}", i);
            }
            Runtime.getRuntime().halt(137);
        }
        log.info("started");
        for (ILoggingEvent e : Rings.list().list) {
            System.out.println("EVENT " + e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
                    + " " + e.getKeyValuePairs());
        }
    }
}
