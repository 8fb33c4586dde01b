package dev.faultline.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.Registration;
import dev.faultline.report.ReportTrace;
import dev.faultline.Site;
import dev.faultline.ring.RingRecord;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.MapMessage;
import org.junit.jupiter.api.Test;

/** The real Log4j2, configured by log4j2-test.xml with the CrashRing plugin beside a plain appender. */
class CrashRingAppenderTest {
    private static final Logger LOG = LogManager.getLogger("app.orders");

    @Test
    void anEventWithContextDataAndCausesLandsInTheRing() {
        String marker = "payment-" + System.nanoTime();
        ThreadContext.put("request", "r-42");
        try {
            LOG.error("charging {} failed", marker, new RuntimeException("payment failed", new IllegalStateException("card declined")));
        } finally {
            ThreadContext.remove("request");
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
        assertEquals(Map.of("request", "r-42"), r.keyValues());
        assertEquals("java.lang.RuntimeException: payment failed", r.throwable().get(0));
        assertTrue(r.throwable().contains("Caused by: java.lang.IllegalStateException: card declined"), r.throwable().toString());
        assertTrue(CaptureAppender.EVENTS.stream().anyMatch(e -> e.getMessage().getFormattedMessage().contains(marker)));
    }

    @Test
    void aReportIsLoggedUnderItsSiteAsAMapMessageWithTheStack() {
        Site site = Faultline.site("orders.negative_total." + System.nanoTime());
        assertTrue(site.warnOn(true, "total %s below zero", -5));
        Faultline.awaitPrinted(java.time.Duration.ofSeconds(10)); // reports reach the logs from the printer thread
        List<LogEvent> out = CaptureAppender.EVENTS.stream()
                .filter(e -> e.getLoggerName().equals("faultline." + site.name())).collect(Collectors.toList());
        assertEquals(1, out.size());
        LogEvent e = out.get(0);
        assertEquals(org.apache.logging.log4j.Level.WARN, e.getLevel());
        assertTrue(e.getThrown() instanceof ReportTrace, String.valueOf(e.getThrown()));
        assertTrue(e.getMarker().isInstanceOf(Log4j2Reports.MARKER));
        MapMessage<?, ?> m = (MapMessage<?, ?>) e.getMessage();
        assertEquals("WARNING", m.get("kind"));
        assertEquals(site.name(), m.get("site"));
        assertEquals(Faultline.runId(), m.get("run_id"));
        assertEquals(Thread.currentThread().getName(), m.get("thread"));
        assertEquals(e.getThrown() instanceof ReportTrace ? lettersOf((ReportTrace) e.getThrown()) : "?", m.get("taint"));
        assertTrue(m.get("message").startsWith("WARNING: " + site.name() + " at "), m.get("message"));
        assertTrue(m.get("message").endsWith(": total -5 below zero"), m.get("message"));
        // A plain %m reads as the sentence; the fields stay for layouts that ask for them.
        PatternLayout plain = PatternLayout.newBuilder().withPattern("%p %c %m%n").build();
        assertEquals("WARN faultline." + site.name() + " " + m.get("message") + System.lineSeparator(),
                plain.toSerializable(e.toImmutable()).split("\\R", 2)[0] + System.lineSeparator());
        assertEquals(m.get("message"), e.getMessage().getFormattedMessage());
        PatternLayout fields = PatternLayout.newBuilder().withPattern("%K{kind} %K{site} %m{JSON}").build();
        String structured = fields.toSerializable(e);
        assertTrue(structured.startsWith("WARNING " + site.name() + " {"), structured);
        assertTrue(structured.contains("\"run_id\":\"" + Faultline.runId() + "\""), structured);
        List<RingRecord> inRing = Rings.records().stream().filter(r -> r.logger().equals(site.name())
                || r.logger().equals("faultline." + site.name())).collect(Collectors.toList());
        assertEquals(1, inRing.size(), inRing.toString());
        assertTrue(inRing.get(0).isReport());
    }

    private static String lettersOf(ReportTrace t) {
        StringBuilder b = new StringBuilder();
        t.report().taints().forEach(x -> b.append(x.letter()));
        return b.toString();
    }

    @Test
    void aLogCallInsideAListenerDoesNotRecurse() {
        Site outer = Faultline.site("listener.outer." + System.nanoTime());
        Site inner = Faultline.site("listener.inner." + System.nanoTime());
        Logger fromListener = LogManager.getLogger("app.listener");
        Registration reg = Faultline.addListener(report -> {
            fromListener.info("listener saw {}", report.site());
            inner.warnOn(true, "inside the listener");
        });
        try {
            outer.warnOn(true);
            Faultline.awaitPrinted(java.time.Duration.ofSeconds(10)); // listeners run on the printer thread
        } finally {
            reg.close();
        }
        assertEquals(1, Rings.containing("listener saw " + outer.name()).size());
        assertEquals(1, CaptureAppender.EVENTS.stream().filter(e -> e.getLoggerName().equals("faultline." + outer.name())).count());
    }

    @Test
    void reconfigurationWhileAppending() throws Exception {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        String tag = "reconf-" + System.nanoTime();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong[] logged = new AtomicLong[4];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            AtomicLong n = logged[t] = new AtomicLong();
            Logger log = LogManager.getLogger("app.reconf." + t);
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        log.info("{} t{} n{}", tag, id, n.incrementAndGet());
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (int i = 0; i < 10; i++) {
            ctx.reconfigure();
            Thread.sleep(10);
        }
        stop.set(true);
        for (Thread th : threads) {
            th.join(30_000);
        }
        assertEquals(null, failure.get());
        List<RingRecord> mine = Rings.containing(tag);
        for (int t = 0; t < 4; t++) {
            String last = tag + " t" + t + " n" + logged[t].get();
            assertTrue(mine.stream().anyMatch(r -> r.message().equals(last)), "missing " + last);
        }
    }

    @Test
    void steadyStateIsGarbageFreeWhereLog4j2Is() {
        // Only the ring appender: the capture appender copies events, on purpose.
        org.apache.logging.log4j.core.Logger core = (org.apache.logging.log4j.core.Logger) LogManager.getLogger("app.gc");
        core.setAdditive(false);
        core.addAppender(((LoggerContext) LogManager.getContext(false)).getConfiguration().getAppender("ring"));
        long withRing = allocatedPerLine(core);
        // The same logger with a Null appender: what Log4j2 itself allocates per line.
        org.apache.logging.log4j.core.Logger bare = (org.apache.logging.log4j.core.Logger) LogManager.getLogger("app.gc.bare");
        bare.setAdditive(false);
        org.apache.logging.log4j.core.appender.NullAppender nul = org.apache.logging.log4j.core.appender.NullAppender.createAppender("null");
        nul.start();
        bare.addAppender(nul);
        long without = allocatedPerLine(bare);
        System.out.println("bytes per line through Log4j2: " + withRing + " with the ring appender, " + without + " with a Null appender");
        assertTrue(withRing <= without + 1, withRing + " vs " + without);
    }

    private static long allocatedPerLine(org.apache.logging.log4j.core.Logger core) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String arg = "alice";
        for (int i = 0; i < 20_000; i++) {
            core.info("order accepted for {}", arg);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            core.info("order accepted for {}", arg);
        }
        return (mx.getThreadAllocatedBytes(tid) - before) / 10_000;
    }
}
