package dev.faultline.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.internal.ring.RingWriter;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * A huge log line costs the logging thread what the frame it lands in costs, not what the line
 * costs: the message is cut to the frame before it is escaped. It was escaped whole first (a
 * 50 MB line: 400 ms and 128 MiB on the logging thread).
 */
class HugeLogLineTest {
    /** 16 M characters, with characters that need escaping spread through it. */
    static final String HUGE = ("abc\\def\nghi" + "x".repeat(989)).repeat(16 * 1024);

    static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        r.run();
        return mx.getThreadAllocatedBytes(tid) - before;
    }

    @Test
    void aHugeLineThroughTheRingCostsAFrameNotTheLine() {
        RingWriter ring = RingWriter.inMemory(1 << 20, 77, 1_700_000_000_000L, "0123456789abcdef");
        LogLine line = new LogLine();
        ring.append(line.reset().logger("app.huge").message("warm up").keyValue("k", "v"));
        long bytes = allocatedBy(() -> ring.append(line.reset().logger("app.huge").message(HUGE).keyValue("k", "v")
                .throwable(new IllegalStateException("never reached"))));
        System.out.printf("a %d-character log line into the ring: %d bytes allocated on the logging thread%n",
                HUGE.length(), bytes);
        assertTrue(bytes < 1 << 20, bytes + " bytes allocated for one line");
        RingRecord r = RingReader.read(ring.snapshot(), "huge").records().get(1);
        String m = r.message();
        assertTrue(m.endsWith(" [truncated]"), m.substring(m.length() - 40));
        assertTrue(HUGE.startsWith(m.substring(0, m.length() - " [truncated]".length())), "a prefix of the message");
        assertTrue(m.length() > 60_000, "cut at the largest frame: " + m.length());
    }

    @Test
    void aHugeJulRecordCostsAFrameNotTheRecord() {
        CrashRingHandler handler = new CrashRingHandler();
        LogRecord warm = new LogRecord(Level.INFO, "warm up");
        handler.publish(warm);
        LogRecord record = new LogRecord(Level.INFO, HUGE);
        record.setLoggerName("app.jul.huge");
        long bytes = allocatedBy(() -> handler.publish(record));
        System.out.printf("a %d-character JUL record into the ring: %d bytes allocated on the logging thread%n",
                HUGE.length(), bytes);
        assertTrue(bytes < 1 << 20, bytes + " bytes allocated for one record");
    }

    @Test
    void aCutBodyIsTheSameAsTheWholeBodyCut() {
        LogLine line = new LogLine().reset().message("m\\".repeat(100)).keyValue("k=", "v\n".repeat(10))
                .throwable(new RuntimeException("boom"));
        StringBuilder whole = new StringBuilder();
        LogLineFormat.encode(line, whole);
        for (int max = 0; max < whole.length() + 5; max++) {
            StringBuilder cut = new StringBuilder();
            LogLineFormat.encode(line, cut, max);
            if (whole.length() <= max) {
                assertEquals(whole.toString(), cut.toString(), "max " + max);
            } else {
                assertTrue(cut.length() > max, "max " + max + ": a cut body is longer than the limit, so it shows");
                assertEquals(whole.substring(0, max + 1), cut.substring(0, max + 1), "max " + max);
            }
        }
    }
}
