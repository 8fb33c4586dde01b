package dev.faultline.internal.panic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The JDK-style "Exception in thread" output Faultline prints for a dying thread is one block:
 * another thread writing to the same stream all the while (as the printer thread does with the
 * oops report) never lands between the heading and the stack trace.
 */
class JdkDefaultOutputTest {
    @Test
    void anotherWriterNeverSplitsTheHeadingFromTheTrace() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicBoolean stop = new AtomicBoolean();
        Thread other = new Thread(() -> {
            while (!stop.get()) {
                err.print('#');
            }
        }, "other-writer");
        other.start();
        Thread dying = new Thread(() -> { }, "worker");
        IllegalStateException failure = new IllegalStateException("wrapper");
        int trials = 5000;
        try {
            for (int i = 0; i < trials; i++) {
                OopsHandler.jdkDefault(dying, failure, err);
            }
        } finally {
            stop.set(true);
            other.join();
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        String heading = "Exception in thread \"worker\" ";
        int whole = 0;
        for (int at = out.indexOf(heading); at >= 0; at = out.indexOf(heading, at + 1)) {
            if (out.startsWith(heading + "java.lang.IllegalStateException: wrapper", at)) {
                whole++;
            }
        }
        assertEquals(trials, whole, "headings followed directly by their exception");
        System.out.println("JdkDefaultOutputTest: " + trials + " of " + trials + " headings directly followed by their trace");
    }
}
