package dev.faultline.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.internal.ring.RingWriter;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An application log line goes into the ring whole and comes back with its level, logger, thread, pairs and throwable. */
class LogLineRecordTest {
    static RingWriter ring() {
        return RingWriter.inMemory(64 * 1024, 4242, 1_700_000_000_000L, "00112233aabbccdd");
    }

    static RingRecord only(RingWriter w) {
        RingScan scan = RingReader.read(w.snapshot(), "mem");
        assertTrue(scan.intact(), scan.problems().toString());
        assertEquals(1, scan.records().size());
        return scan.records().get(0);
    }

    @Test
    void everyFieldComesBack() {
        RingWriter w = ring();
        IllegalStateException root = new IllegalStateException("disk full");
        RuntimeException top = new RuntimeException("order 7 failed", new java.io.IOException("write", root));
        LogLine line = new LogLine().reset().level(Level.ERROR).logger("app.Orders").thread("worker-3", 77)
                .time(1_700_000_123_456L).message("order 7 failed").keyValue("user", "alice")
                .keyValue("request=id", "r-1").throwable(top);
        long seq = w.append(line);
        assertTrue(seq > 0);
        RingRecord r = only(w);
        assertTrue(r.isLogLine());
        assertFalse(r.isReport());
        assertEquals("ERROR", r.kind());
        assertEquals("app.Orders", r.logger());
        assertEquals("worker-3", r.threadName());
        assertEquals(77, r.threadId());
        assertEquals(1_700_000_123_456L, r.timeMillis());
        assertEquals("order 7 failed", r.message());
        assertEquals(Map.of("user", "alice", "request=id", "r-1"), r.keyValues());
        List<String> ex = r.throwable();
        assertEquals("java.lang.RuntimeException: order 7 failed", ex.get(0));
        assertTrue(ex.get(1).startsWith("\tat dev.faultline.ring.LogLineRecordTest.everyFieldComesBack("), ex.get(1));
        assertTrue(ex.contains("Caused by: java.io.IOException: write"), ex.toString());
        assertTrue(ex.contains("Caused by: java.lang.IllegalStateException: disk full"), ex.toString());
        assertTrue(ex.stream().anyMatch(l -> l.matches("\\t\\.\\.\\. \\d+ more")), "frames past the first 8 are counted");
        String text = r.toText();
        assertTrue(text.contains("[worker-3] ERROR app.Orders: order 7 failed {user=alice, request=id=r-1}"), text);
        assertTrue(text.contains("\n  Caused by: java.lang.IllegalStateException: disk full"), text);
        assertTrue(r.toJson().contains("\"kv\":{\"user\":\"alice\",\"request=id\":\"r-1\"}"), r.toJson());
    }

    @Test
    void newlinesInFieldsCannotForgePairsOrFrames() {
        RingWriter w = ring();
        w.append(new LogLine().reset().message("hi\nkv admin=true\nex Fake: x").keyValue("k\nkv x", "v\\n\r")
                .throwable(new Exception("two\nlines\nat evil")));
        RingRecord r = only(w);
        assertEquals("hi\nkv admin=true\nex Fake: x", r.message());
        assertEquals(Map.of("k\nkv x", "v\\n\r"), r.keyValues());
        assertEquals("java.lang.Exception: two\nlines\nat evil", r.throwable().get(0));
        assertFalse(r.toText().contains("\nkv"), r.toText());
        assertEquals(1, r.toText().lines().filter(l -> !l.startsWith("  ")).count(), r.toText());
    }

    @Test
    void pairsAndCausesAreBounded() {
        RingWriter w = ring();
        LogLine line = new LogLine().reset().message("m");
        for (int i = 0; i < LogLine.MAX_KEY_VALUES + 5; i++) {
            line.keyValue("k" + i, "x".repeat(1000));
        }
        Throwable t = new Exception("e0");
        for (int i = 1; i < 20; i++) {
            t = new Exception("e" + i, t);
        }
        // A cause cycle must not loop.
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        line.throwable(t);
        w.append(line);
        RingRecord r = only(w);
        assertEquals(LogLine.MAX_KEY_VALUES, r.keyValues().size());
        assertEquals(LogLine.MAX_KEY_VALUE_CHARS, r.keyValues().get("k0").length());
        assertTrue(r.toText().contains("+5 more}"), r.toText());
        assertEquals(1 + LogLineFormat.MAX_CAUSES, r.throwable().stream().filter(l -> !l.startsWith("\t")).count());
        assertTrue(r.throwable().get(r.throwable().size() - 1).endsWith("15 more causes"), r.throwable().toString());

        RingWriter w2 = ring();
        w2.append(new LogLine().reset().message("cycle").throwable(a));
        assertEquals(2, only(w2).throwable().stream().filter(l -> !l.startsWith("\t")).count());
    }

    @Test
    void aHugeMessageIsCutAndTheRecordStaysValid() {
        RingWriter w = ring();
        w.append(new LogLine().reset().message("y".repeat(100_000)).keyValue("k", "v"));
        RingRecord r = only(w);
        assertTrue(r.message().endsWith("[truncated]"), r.message().substring(r.message().length() - 20));
    }

    @Test
    void steadyStateAppendAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        RingWriter w = ring();
        LogLine line = new LogLine();
        StringBuilder msg = new StringBuilder("order 7 accepted in 12 ms");
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++) {
            w.append(line.reset().level(Level.INFO).logger("app.Orders").message(msg).keyValue("user", "alice"));
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            w.append(line.reset().level(Level.INFO).logger("app.Orders").message(msg).keyValue("user", "alice"));
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // A few hundred bytes of noise (the MXBean call itself) at most, not bytes per line.
        assertTrue(allocated < 10_000, allocated + " bytes allocated by 10,000 appends");
    }

    @Test
    void anOffOrNullLineWritesNothing() {
        assertEquals(-1, ring().append((LogLine) null));
    }
}
