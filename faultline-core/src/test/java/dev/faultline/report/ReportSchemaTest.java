package dev.faultline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.internal.ring.RingWriter;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One schema: Report.toJson, the ring's report records and their JSON agree field for field. */
class ReportSchemaTest {
    static Report sample(String message) {
        return Report.builder(ReportKind.BUG).sequence(42).site("ledger.neg").location("com.acme.Ledger.post(Ledger.java:42)")
                .message(message).thread("worker \"1\"", 17).time(Instant.parse("2026-11-21T08:09:43.611Z"))
                .stack(List.of(new StackTraceElement("com.acme.Ledger", "post", "Ledger.java", 42),
                        new StackTraceElement(null, "java.base", "17", "java.lang.Thread", "run", "Thread.java", 833),
                        new StackTraceElement("app", null, null, "com.acme.Main", "main", null, -2),
                        new StackTraceElement("com.acme.Gen", "x", null, -1)))
                .taints(EnumSet.of(Taint.WARNED, Taint.RELAXED)).process(99, "0123456789abcdef").dump("Dump{a=1}")
                .suppressed(3, Instant.parse("2026-11-21T08:00:00Z")).build();
    }

    @Test
    void aReportReadsBackFromItsJsonToTheSameTextAndJson() {
        Report r = sample("line one\nline \u202e two caf\u00e9 \uD83D\uDE00 \ud800");
        Report back = Report.fromJson(r.toJson());
        assertEquals(r.toJson(), back.toJson());
        assertEquals(r.toText(), back.toText());
        assertEquals(r.stack(), back.stack());
        assertEquals(r.taints(), back.taints());
        assertEquals(3, back.suppressed());
    }

    @Test
    void theBoundedJsonIsWholeJsonWithinItsBound() {
        Report r = sample("m".repeat(50_000));
        String json = r.toJson(2000);
        assertTrue(json.getBytes(StandardCharsets.UTF_8).length <= 2000, json.length() + " chars");
        Report back = Report.fromJson(json);
        assertTrue(back.message().contains(" chars cut]"), back.message());
        assertEquals("ledger.neg", back.site());
    }

    @Test
    void malformedJsonIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Report.fromJson("{\"seq\":1,"));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Report.fromJson("{\"seq\":\"one\"}"));
        assertTrue(e.getMessage().contains("'seq'"), e.getMessage());
    }

    @Test
    void theRingStoresTheReportStructuredAndShowsItInTheSameSchema() {
        RingWriter w = RingWriter.inMemory(64 * 1024, 99, 0, "0123456789abcdef");
        Report r = sample("stored");
        assertTrue(w.append(r) > 0);
        RingRecord rec = RingReader.read(w.snapshot(), "test").records().get(0);
        assertEquals(r.toJson(), rec.payload());
        assertNotNull(rec.report());
        assertEquals(r.toJson(), rec.report().toJson());
        assertEquals(r.toText(), rec.message() + "\n");
        assertTrue(rec.toJson().contains(",\"report\":" + r.toJson() + "}"), rec.toJson());
        assertTrue(rec.toJson().contains("\"thread_id\":17"), rec.toJson());
        assertEquals("BUG: ledger.neg at com.acme.Ledger.post(Ledger.java:42)", rec.firstLine());
    }

    @Test
    void aReportLargerThanTheFrameIsStoredCutButWhole() {
        RingWriter w = RingWriter.inMemory(64 * 1024, 99, 0, "0123456789abcdef");
        assertTrue(w.append(sample("z".repeat(40_000))) > 0);
        RingRecord rec = RingReader.read(w.snapshot(), "test").records().get(0);
        assertNotNull(rec.report(), rec.payload().substring(0, 100));
        assertTrue(rec.report().message().endsWith(" chars cut]"));
    }
}
