package dev.faultline.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.internal.ring.RingWriter;
import org.junit.jupiter.api.Test;

/**
 * The application's name lives in the header space version 1 reserved, with its own checksum:
 * it reads back, a ring written before it existed reads as one without a name, and damage to
 * it is reported, not shown.
 */
class RingHeaderAppTest {
    static final int CAPACITY = 64 * 1024;

    @Test
    void theApplicationsNameReadsBack() {
        RingWriter w = RingWriter.inMemory(CAPACITY, 42, 1_700_000_000_000L, "0123456789abcdef", "billing-api");
        RingScan scan = RingReader.read(w.snapshot(), "ring");
        assertEquals("billing-api", scan.app());
        assertTrue(scan.headerValid(), scan.problems().toString());
        assertEquals(RingFormat.VERSION, scan.version());
    }

    @Test
    void aRingWithoutTheFieldReadsAsIntactAndNamesNoApplication() {
        // What a writer from before the field left: zeros in the reserved space.
        RingWriter w = RingWriter.inMemory(CAPACITY, 42, 1_700_000_000_000L, "0123456789abcdef");
        w.append(System.Logger.Level.INFO, "l", "m");
        RingScan scan = RingReader.read(w.snapshot(), "ring");
        assertEquals("", scan.app());
        assertTrue(scan.intact(), scan.problems().toString());
        assertEquals(1, scan.records().size());
        assertFalse(scan.summary().contains(" app "), scan.summary());
    }

    @Test
    void aDamagedNameIsReportedAndNotShown() {
        RingWriter w = RingWriter.inMemory(CAPACITY, 42, 1_700_000_000_000L, "0123456789abcdef", "billing");
        byte[] bytes = w.snapshot();
        bytes[RingFormat.H_APP] ^= 0x01;
        RingScan scan = RingReader.read(bytes, "ring");
        assertEquals("", scan.app());
        assertFalse(scan.headerValid());
        assertTrue(scan.problems().toString().contains("application name checksum mismatch"), scan.problems().toString());
    }
}
