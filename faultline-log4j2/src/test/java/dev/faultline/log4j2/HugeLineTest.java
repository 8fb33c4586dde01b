package dev.faultline.log4j2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ReusableSimpleMessage;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/**
 * A huge plain message costs the logging thread what the ring frame it lands in costs: it is read
 * in place and cut to the frame before it is escaped. It was copied into a builder and escaped
 * whole first (a 50 MB line: 400 ms and 128 MiB on the logging thread).
 */
class HugeLineTest {
    static final String HUGE = "x".repeat(16 << 20);

    static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        r.run();
        return mx.getThreadAllocatedBytes(tid) - before;
    }

    static LogEvent event(Message m) {
        return Log4jLogEvent.newBuilder().setLoggerName("app.huge").setLevel(Level.INFO).setMessage(m).build();
    }

    @Test
    void aHugePlainMessageCostsAFrameNotTheMessage() {
        CrashRingAppender ring = CrashRingAppender.createAppender("huge", null, true, false, false, 0);
        ring.start();
        ring.append(event(new SimpleMessage("warm up")));
        ReusableSimpleMessage reusable = new ReusableSimpleMessage();
        reusable.set(HUGE);
        for (Message m : new Message[] {new SimpleMessage(HUGE), reusable}) {
            LogEvent e = event(m);
            long bytes = allocatedBy(() -> ring.append(e));
            System.out.printf("a %d-character %s into the ring through Log4j2: %d bytes allocated on the logging"
                    + " thread%n", HUGE.length(), m.getClass().getSimpleName(), bytes);
            assertTrue(bytes < 1 << 20, m.getClass().getSimpleName() + ": " + bytes + " bytes allocated for one line");
        }
        ring.stop();
    }
}
