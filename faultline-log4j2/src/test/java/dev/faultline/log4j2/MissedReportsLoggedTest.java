package dev.faultline.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.Registration;
import dev.faultline.Site;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.message.MapMessage;
import org.junit.jupiter.api.Test;

/**
 * The Log4j2 bridge never loses a report silently: while another listener holds Faultline's
 * listeners' thread, 2000 reports overflow its queue; every report is then either logged under
 * its site or counted in the bridge's WARN event on the logger {@code faultline}.
 */
class MissedReportsLoggedTest {
    static final int BURST = 2000;

    @Test
    void everyReportIsLoggedOrCountedAsMissedInTheLog() throws Exception {
        LogManager.getLogger("app"); // Log4j2 configured: the ring appender has installed the bridge
        Site site = Faultline.site("missed.burst." + System.nanoTime());
        assertTrue(Faultline.awaitPrinted(Duration.ofSeconds(30)));
        int before = CaptureAppender.EVENTS.size();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Registration hold = Faultline.addListener(r -> {
            holding.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            site.warnOn(true, "the first: the holding listener takes it and holds on");
            assertTrue(holding.await(60, TimeUnit.SECONDS));
            for (int i = 0; i < BURST; i++) {
                site.warnOn(true, "burst {}", i);
            }
        } finally {
            release.countDown();
        }
        assertTrue(Faultline.awaitPrinted(Duration.ofSeconds(60)));
        hold.close();

        List<LogEvent> events = List.copyOf(CaptureAppender.EVENTS.subList(before, CaptureAppender.EVENTS.size()));
        long logged = events.stream().filter(e -> e.getLoggerName().equals("faultline." + site.name())).count();
        List<LogEvent> missedEvents = events.stream().filter(e -> e.getLoggerName().equals("faultline"))
                .collect(Collectors.toList());
        long missed = 0;
        for (LogEvent e : missedEvents) {
            assertEquals(Level.WARN, e.getLevel());
            MapMessage<?, ?> m = (MapMessage<?, ?>) e.getMessage();
            assertTrue(m.get("message").matches("\\d+ Faultline reports? missed \\(listener .+ too slow: "
                    + "\\d+\\.\\d\\d ms a report\\); (all are|it is) in the crash ring"), m.get("message"));
            missed += Long.parseLong(m.get("missed"));
        }
        assertTrue(missed > 0, "the burst overflowed the listeners' queue: " + logged + " logged");
        assertEquals(BURST + 1, logged + missed, logged + " logged + " + missed + " said missed");
    }
}
