package dev.faultline.ring;

import static dev.faultline.ring.RingFormat.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.internal.ring.RingWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Rings laid out by hand, byte for byte, as the writer leaves them at the moment of a crash: an
 * old frame that newer laps have partly written over is torn, never corrupt — however it was
 * hit, and whether or not the frame that hit it is still there to be seen.
 */
class RingOverwriteTest {
    static final int CAP = 64 * 1024;
    static final String RUN = "0123456789abcdef";

    /** A ring's bytes, written frame by frame in the order the writer would have written them. */
    static final class Layout {
        final byte[] bytes = RingWriter.inMemory(CAP, 4242, 1_700_000_000_000L, RUN).snapshot();
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        static int at(long position) {
            return HEADER_LENGTH + (int) (position % CAP);
        }

        /** The writer's first store: length 0, and the start tag (the sequence's low 32 bits) where the CRC goes. */
        Layout firstStore(long position) {
            b.putInt(at(position) + F_LENGTH, 0).putInt(at(position) + F_CRC, (int) sequenceOf(position));
            return this;
        }

        /** The stores before the type word: length zeroed, then sequence, position and claimed length. */
        Layout identity(long position, int size) {
            int at = at(position);
            firstStore(position);
            b.putLong(at + F_SEQUENCE, sequenceOf(position));
            b.putLong(at + F_POSITION, position);
            b.putInt(at + F_CLAIM, size);
            return this;
        }

        /** Claimed and headed, body being copied: visible as claimed, never committed. */
        Layout claimed(long position, int size) {
            identity(position, size);
            b.putInt(at(position) + F_TYPE, type(SOURCE_LOG, 3));
            return this;
        }

        /** A committed frame of {@code size} bytes (a multiple of 8) whose message is all {@code fill}. */
        Layout frame(long position, int size, char fill) {
            int at = at(position);
            claimed(position, size);
            b.putLong(at + F_TIME, 1_700_000_000_000L + position);
            b.putLong(at + F_THREAD_ID, 7);
            b.putShort(at + F_THREAD_NAME_LENGTH, (short) 1);
            b.putShort(at + F_LOGGER_LENGTH, (short) 3);
            int message = size - FRAME_HEADER - 4;
            b.putInt(at + F_MESSAGE_LENGTH, message);
            b.put(at + FRAME_HEADER, (byte) 't');
            b.put(at + FRAME_HEADER + 1, (byte) 'l').put(at + FRAME_HEADER + 2, (byte) 'a').put(at + FRAME_HEADER + 3, (byte) 'y');
            for (int i = 0; i < message; i++) {
                b.put(at + FRAME_HEADER + 4 + i, (byte) fill);
            }
            b.putInt(at + F_CRC, frameCrc(new CRC32C(), runIdBytes(RUN), ByteBuffer.wrap(bytes), at, size));
            b.putInt(at + F_LENGTH, size);
            return this;
        }

        RingScan read() {
            return RingReader.read(bytes.clone(), "layout");
        }
    }

    static void assertTornNotCorrupt(RingScan scan, int torn, int valid) {
        String why = scan.summary() + " " + scan.problems();
        assertEquals(0, scan.corrupt(), why);
        assertEquals(torn, scan.torn(), why);
        assertEquals(valid, scan.records().size(), why);
        assertTrue(scan.intact(), why);
    }

    /**
     * The case: the newest frame of a lap ends 8 bytes into an old frame at the end of the
     * ring, so the old frame keeps its type word but its length is the newer frame's text
     * ("aaaa" = 1633771873). On the next lap that newer frame is itself overwritten and the lap
     * wraps before reaching the old one: nothing left starts inside the old frame.
     */
    @Test
    void aFrameWhoseLengthANewerFrameEndedOnIsTornEvenOnceThatFrameIsGone() {
        long x = CAP - 2000; // the old frame, lap 0
        Layout ring = new Layout().frame(x, 1600, 'o');
        ring.frame(CAP + x + 8 - 4000, 4000, 'a'); // lap 1: ends 8 bytes into it, then the lap wraps
        // While the newer frame is there, the reader takes it whole and steps past the old header.
        assertTornNotCorrupt(ring.read(), 0, 1);

        long lap2 = 2L * CAP; // lap 2 writes over the lap-1 frame's header, and wraps before x
        ring.frame(lap2, 16000, 'b').frame(lap2 + 16000, 16000, 'c').frame(lap2 + 32000, 16000, 'd')
                .frame(lap2 + 48000, 11000, 'e').frame(lap2 + 59000, 1000, 'f');
        RingScan scan = ring.read();
        assertTornNotCorrupt(scan, 1, 5);
        assertTrue(scan.problems().get(0).startsWith("offset " + x + ": "), scan.problems().toString());
    }

    /**
     * The frame that would have covered the old frame's start was abandoned (its writer was
     * overtaken, {@code append} returned -1), so the old type word survives, but the next frame
     * of that lap starts inside the old one — 16 or 24 bytes in, over its sequence and position.
     */
    @Test
    void aNewerFrameStartingInsideAnOldOneWhoseCoveringFrameWasAbandonedMakesItTorn() {
        for (int into : List.of(16, 24, 32, 200)) {
            long x = 8000;
            Layout ring = new Layout().frame(x, 2000, 'o');
            ring.frame(CAP, 7904, 'a'); // lap 1 up to the abandoned frame [7904, x + into)
            ring.frame(CAP + x + into, 400, 'n');
            assertTornNotCorrupt(ring.read(), 1, 2);
        }
    }

    /** The frame that started inside the old one is torn in its turn: the old one is still torn, not corrupt. */
    @Test
    void anOldFrameHitByAFrameThatWasHitInItsTurnIsTorn() {
        long x = 8000;
        Layout ring = new Layout().frame(x, 2000, 'o');
        ring.frame(CAP, 7904, 'a'); // lap 1; [7904, 8200) abandoned
        ring.frame(CAP + 8200, 3000, 'n'); // starts inside the old frame, ends past it
        ring.frame(2L * CAP + 10_400, 800, 'm'); // lap 2, [10400, 11200): starts inside the lap-1 frame only
        assertTornNotCorrupt(ring.read(), 2, 2);
    }

    /**
     * kill -9 lands just after a writer's first store (or its first few, before the type word),
     * inside an old frame whose covering frames were claimed but not yet written: the old frame's
     * checksum fails and the only trace of the writer is its start tag.
     */
    @Test
    void aWriterStoppedBeforeItsTypeWordInsideAnOldFrameMakesItTorn() {
        for (int into : List.of(16, 24, 200)) {
            long x = 8000;
            Layout first = new Layout().frame(x, 2000, 'o').frame(CAP, 7904, 'a');
            first.firstStore(CAP + x + into);
            assertTornNotCorrupt(first.read(), 1, 1);

            Layout more = new Layout().frame(x, 2000, 'o').frame(CAP, 7904, 'a');
            more.identity(CAP + x + into, 400);
            assertTornNotCorrupt(more.read(), 1, 1);
        }
    }
}
