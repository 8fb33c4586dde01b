package dev.faultline.internal.ring;

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
    void whenEverySlotIsTakenTheWriterGoesOnWithoutOne() {
        InFlight f = new InFlight();
        for (int i = 0; i < InFlight.SLOTS; i++) {
            assertNotEquals(InFlight.NONE, f.enter(i * 200, 168, i));
        }
        assertEquals(InFlight.NONE, f.enter(50_000, 168, 0));
        f.exit(InFlight.NONE); // harmless
    }
}
