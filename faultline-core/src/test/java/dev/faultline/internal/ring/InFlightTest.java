package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A writer never writes over a region another writer is still filling — whichever lap that
 * writer claimed it in — and regions side by side never hold each other up.
 */
class InFlightTest {
    @Test
    void aRegionStillBeingWrittenBlocksEveryOverlappingWriterUntilItIsDone() {
        InFlight f = new InFlight();
        int stalled = f.enter(1000, 168, 0);
        int newer = f.enter(1100, 168, 0);
        assertNotEquals(stalled, newer);
        assertTrue(f.overlapsAnother(1100, 168, newer), "overlaps the stalled writer's tail");
        assertTrue(f.overlapsAnother(900, 168, InFlight.NONE), "overlaps its head");
        f.exit(stalled);
        assertFalse(f.overlapsAnother(1100, 168, newer));
    }

    @Test
    void neighboursDoNotBlockEachOtherAndAWriterIgnoresItsOwnSlot() {
        InFlight f = new InFlight();
        int a = f.enter(0, 168, 3);
        int b = f.enter(168, 168, 3);
        assertFalse(f.overlapsAnother(0, 168, a));
        assertFalse(f.overlapsAnother(168, 168, b));
        assertFalse(f.overlapsAnother(336, 168, InFlight.NONE));
    }

    @Test
    void sixtyFourWritersAtOnceAreEachSeenByAWriterALapLater() {
        InFlight f = new InFlight();
        int[] slots = new int[64];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = f.enter(i * 1000, 168, i);
            assertNotEquals(InFlight.NONE, slots[i], "writer " + i + " has no slot: it would write unprotected");
        }
        for (int i = 0; i < slots.length; i++) {
            assertTrue(f.overlapsAnother(i * 1000 + 100, 168, InFlight.NONE), "writer " + i + " is invisible");
        }
        for (int slot : slots) {
            f.exit(slot);
        }
        assertFalse(f.overlapsAnother(0, 64_000, InFlight.NONE));
    }

    @Test
    void whenEverySlotIsTakenTheWriteIsRefusedRatherThanUnprotected() throws Exception {
        RingWriter w = RingWriter.inMemory(64 * 1024, 1, 1, "ffffffffffffffff");
        java.lang.reflect.Field field = RingWriter.class.getDeclaredField("inFlight");
        field.setAccessible(true);
        InFlight f = (InFlight) field.get(w);
        int taken = 0;
        while (f.enter(60_000, 8, 0) != InFlight.NONE) { // stalled writers, holding every slot
            taken++;
        }
        assertTrue(taken >= 64, "room for at least 64 writers at once, got " + taken);
        byte[] before = w.snapshot();
        assertEquals(-1, w.append(System.Logger.Level.INFO, "refused", "no slot, no write"));
        assertArrayEquals(before, w.snapshot(), "nothing written without protection");
    }
}
