package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Taint;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A report too large for a frame of the crash ring is cut as a report, never as text: message,
 * dump and the deepest frames go first, what was cut is said, and the stored record reads back
 * as the same report (same app, same signature, same every other field).
 */
class CutReportTest {
    private static Report big(String message, int frames) {
        List<StackTraceElement> stack = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            stack.add(new StackTraceElement("com.acme.layer" + i + ".Service", "call" + i, "Service.java", 10 + i));
        }
        return Report.builder(ReportKind.WARNING).sequence(9).site("ledger.big").location("com.acme.Ledger.post(Ledger.java:42)")
                .message(message).thread("worker-1", 31).time(Instant.parse("2026-01-02T03:04:05.678Z")).stack(stack)
                .taints(EnumSet.of(Taint.WARNED)).process(4242, "abcdef0123456789").app("ledger-svc")
                .dump("{balance=-3}").domain("ledger").suppressed(5, Instant.parse("2026-01-02T03:00:00Z")).build();
    }

    private static RingRecord roundTrip(Report r) {
        RingWriter w = RingWriter.inMemory(64 * 1024, 4242, 0, "abcdef0123456789", "ledger-svc");
        assertTrue(w.append(r) > 0, "appended");
        List<RingRecord> records = RingReader.read(w.snapshot(), "test").records();
        assertEquals(1, records.size());
        return records.get(0);
    }

    @Test
    void aLongNonAsciiMessageIsStoredAsACutReport() {
        Report r = big("\u00e9\u4e2d".repeat(4096), 40); // 8,192 non-ASCII characters, 20 KiB of UTF-8
        RingRecord rec = roundTrip(r);
        Report back = rec.report();
        assertNotNull(back, "stored as a report, readable as one: " + rec.payload().substring(0, 200));
        assertTrue(back.message().endsWith(" chars cut]"), back.message().substring(Math.max(0, back.message().length() - 40)));
        assertTrue(back.message().length() < r.message().length());
        assertEquals(r.app(), back.app());
        assertEquals(r.signature(), back.signature(), "signed from the whole stack, as the uncut report");
        assertEquals(r.signature(), rec.signature());
        assertEquals(r.site(), back.site());
        assertEquals(r.domain(), back.domain());
        assertEquals(r.suppressed(), back.suppressed());
        assertEquals(r.suppressedSince(), back.suppressedSince());
        assertEquals(r.taints(), back.taints());
        assertEquals(r.time(), back.time());
        assertEquals(r.threadName(), back.threadName());
        assertEquals(r.pid(), back.pid());
        assertEquals(r.runId(), back.runId());
        assertEquals(r.location(), back.location());
        assertEquals(r.stack().subList(0, back.stack().size()), back.stack(), "the innermost frames are kept");
    }

    @Test
    void aDeepStackLosesItsOutermostFramesAndKeepsEveryOtherField() {
        Report r = big("short", 2000);
        RingRecord rec = roundTrip(r);
        Report back = rec.report();
        assertNotNull(back, "stored as a report");
        assertTrue(back.stack().size() < r.stack().size());
        assertEquals(r.stack().subList(0, back.stack().size()), back.stack());
        assertEquals(r.app(), back.app());
        assertEquals(r.signature(), back.signature());
        assertEquals("short", back.message());
    }

    @Test
    void aReportThatFitsIsStoredWhole() {
        Report r = big("fits", 5);
        Report back = roundTrip(r).report();
        assertEquals(r.toJson(), back.toJson());
    }
}
