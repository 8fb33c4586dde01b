package dev.faultline.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.faultline.Faultline;
import dev.faultline.Registration;
import dev.faultline.Site;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The SLF4J bridge never loses a report silently: while another listener holds Faultline's
 * listeners' thread, 2000 reports overflow its queue; every report is then either logged under
 * its site or counted in the bridge's WARN event on the logger {@code faultline}.
 */
class MissedReportsLoggedTest {
    static final int BURST = 2000;

    @Test
    void everyReportIsLoggedOrCountedAsMissedInTheLog() throws Exception {
        Rings.context(); // Logback configured: the ring appender has installed the bridge
        Site site = Faultline.site("missed.burst." + System.nanoTime());
        assertTrue(Faultline.awaitPrinted(Duration.ofSeconds(30)));
        int before = Rings.list().list.size();
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

        List<ILoggingEvent> events = List.copyOf(Rings.list().list.subList(before, Rings.list().list.size()));
        long logged = events.stream().filter(e -> e.getLoggerName().equals("faultline." + site.name())).count();
        List<ILoggingEvent> missedEvents = events.stream().filter(e -> e.getLoggerName().equals("faultline"))
                .collect(Collectors.toList());
        long missed = 0;
        for (ILoggingEvent e : missedEvents) {
            assertEquals(Level.WARN, e.getLevel());
            assertTrue(e.getFormattedMessage().matches("\\d+ Faultline reports? missed \\(listener .+ too slow: "
                    + "\\d+\\.\\d\\d ms a report\\); (all are|it is) in the crash ring"), e.getFormattedMessage());
            missed += (Long) e.getKeyValuePairs().stream().filter(p -> p.key.equals("missed")).findFirst().orElseThrow().value;
        }
        assertTrue(missed > 0, "the burst overflowed the listeners' queue: " + logged + " logged");
        assertEquals(BURST + 1, logged + missed, logged + " logged + " + missed + " said missed");
    }
}
