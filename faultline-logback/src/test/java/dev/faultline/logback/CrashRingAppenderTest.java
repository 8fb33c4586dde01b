package dev.faultline.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.faultline.Faultline;
import dev.faultline.Registration;
import dev.faultline.report.ReportTrace;
import dev.faultline.Site;
import dev.faultline.ring.RingRecord;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The real Logback, configured by logback-test.xml: events go into the ring, reports come out as events. */
class CrashRingAppenderTest {
    private static final Logger LOG = LoggerFactory.getLogger("app.orders");

    @Test
    void anEventWithMdcKeyValuesAndCausesLandsInTheRing() {
        String marker = "payment-" + System.nanoTime();
        MDC.put("request", "r-42");
        try {
            Exception root = new IllegalStateException("card declined");
            LOG.atError().addKeyValue("order", 7).setCause(new RuntimeException("payment failed", root))
                    .log("charging {} failed", marker);
        } finally {
            MDC.remove("request");
        }
        List<RingRecord> found = Rings.containing(marker);
        assertEquals(1, found.size(), found.toString());
        RingRecord r = found.get(0);
        assertTrue(r.isLogLine());
        assertEquals("ERROR", r.kind());
        assertEquals("app.orders", r.logger());
        assertEquals(Thread.currentThread().getName(), r.threadName());
        assertEquals(Thread.currentThread().getId(), r.threadId());
        assertEquals("charging " + marker + " failed", r.message());
        assertEquals(Map.of("request", "r-42", "order", "7"), r.keyValues());
        assertEquals("java.lang.RuntimeException: payment failed", r.throwable().get(0));
        assertTrue(r.throwable().contains("Caused by: java.lang.IllegalStateException: card declined"), r.throwable().toString());
        // The normal appender got the same event: the ring appender is beside it, not instead of it.
        assertTrue(Rings.list().list.stream().anyMatch(e -> e.getFormattedMessage().contains(marker)));
    }

    @Test
    void everyLevelIsKept() {
        String marker = "levels-" + System.nanoTime();
        LOG.debug("d {}", marker);
        LOG.info("i {}", marker);
        LOG.warn("w {}", marker);
        List<String> kinds = Rings.containing(marker).stream().map(RingRecord::kind).collect(Collectors.toList());
        assertEquals(List.of("DEBUG", "INFO", "WARNING"), kinds);
    }

    @Test
    void aReportIsLoggedUnderItsSiteWithLevelStackAndFields() {
        Site site = Faultline.site("orders.negative_total." + System.nanoTime());
        int before = Rings.list().list.size();
        assertTrue(site.warnOn(true, "total %s below zero", -5));
        Faultline.awaitPrinted(java.time.Duration.ofSeconds(10)); // reports reach the logs from the printer thread
        List<ILoggingEvent> out = Rings.list().list.subList(before, Rings.list().list.size()).stream()
                .filter(e -> e.getLoggerName().equals("faultline." + site.name())).collect(Collectors.toList());
        assertEquals(1, out.size(), "one event per report");
        ILoggingEvent e = out.get(0);
        assertEquals(ch.qos.logback.classic.Level.WARN, e.getLevel());
        assertTrue(e.getFormattedMessage().startsWith("WARNING: " + site.name() + " at "), e.getFormattedMessage());
        // The report's own message is in the event's message, after the headline: the log line says what went wrong.
        assertTrue(e.getFormattedMessage().endsWith(": total -5 below zero"), e.getFormattedMessage());
        Throwable t = ((ThrowableProxy) e.getThrowableProxy()).getThrowable();
        assertTrue(t instanceof ReportTrace, String.valueOf(t));
        assertTrue(t.getStackTrace().length > 0);
        assertEquals(getClass().getName(), ((ReportTrace) t).report().stack().get(0).getClassName());
        Map<String, Object> kv = e.getKeyValuePairs().stream().collect(Collectors.toMap(p -> p.key, p -> p.value));
        assertEquals("WARNING", kv.get("kind"));
        assertEquals(site.name(), kv.get("site"));
        assertEquals(Faultline.runId(), kv.get("run_id"));
        assertEquals(Thread.currentThread().getName(), kv.get("thread"));
        assertTrue(String.valueOf(kv.get("taint")).contains("W"), String.valueOf(kv.get("taint")));
        long seq = (Long) kv.get("sequence");
        // In the ring once: the report itself, not a second copy through the appender.
        List<RingRecord> inRing = Rings.records().stream().filter(r -> r.logger().equals(site.name())
                || r.logger().equals("faultline." + site.name())).collect(Collectors.toList());
        assertEquals(1, inRing.size(), inRing.toString());
        assertTrue(inRing.get(0).isReport());
        assertEquals(seq, ((ReportTrace) t).report().sequence());
    }

    @Test
    void aReportMessageWithANewlineStaysOneLineOfTheLog() {
        Site site = Faultline.site("orders.forged." + System.nanoTime());
        int before = Rings.list().list.size();
        site.warnOn(true, "user %s", "bob\nERROR fake line");
        Faultline.awaitPrinted(java.time.Duration.ofSeconds(10));
        ILoggingEvent e = Rings.list().list.subList(before, Rings.list().list.size()).stream()
                .filter(x -> x.getLoggerName().equals("faultline." + site.name())).findFirst().orElseThrow();
        assertTrue(e.getFormattedMessage().endsWith(": user bob\\nERROR fake line"), e.getFormattedMessage());
        assertTrue(e.getFormattedMessage().indexOf('\n') < 0, e.getFormattedMessage());
    }

    @Test
    void aLogCallInsideAListenerDoesNotRecurse() {
        Site outer = Faultline.site("listener.outer." + System.nanoTime());
        Site inner = Faultline.site("listener.inner." + System.nanoTime());
        Logger fromListener = LoggerFactory.getLogger("app.listener");
        Registration reg = Faultline.addListener(report -> {
            fromListener.info("listener saw {}", report.site());
            // A check that fires inside a listener, which logs again: neither may loop.
            inner.warnOn(true, "inside the listener");
        });
        try {
            outer.warnOn(true);
            Faultline.awaitPrinted(java.time.Duration.ofSeconds(10)); // listeners run on the printer thread
        } finally {
            reg.close();
        }
        assertEquals(1, Rings.containing("listener saw " + outer.name()).size());
        long outbound = Rings.list().list.stream().filter(e -> e.getLoggerName().equals("faultline." + outer.name())).count();
        assertEquals(1, outbound);
        assertTrue(Rings.records().stream().anyMatch(r -> r.isReport() && r.logger().equals(inner.name())),
                "the inner report is in the ring");
    }
}
