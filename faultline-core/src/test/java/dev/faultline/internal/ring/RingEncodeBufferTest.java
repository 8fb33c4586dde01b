package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import org.junit.jupiter.api.Test;

/** One large record must not pin a large encode buffer on its thread for the thread's life. */
class RingEncodeBufferTest {
    @Test
    void theEncodeBufferShrinksBackAfterALargeRecord() {
        RingWriter w = RingWriter.inMemory(1 << 20, 1, 0, "0123456789abcdef");
        w.append(Level.INFO, "big", "y".repeat(60_000));
        assertTrue(w.scratchBytes() <= RingWriter.KEEP_FRAME_BYTES, w.scratchBytes() + " bytes kept");
        w.append(Level.INFO, "small", "a small record");
        assertTrue(w.scratchBytes() <= RingWriter.KEEP_FRAME_BYTES, w.scratchBytes() + " bytes kept");
    }
}
