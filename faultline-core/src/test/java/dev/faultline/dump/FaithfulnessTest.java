package dev.faultline.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Copy, re-read, compare, with bounded retries: objects that change on every read never settle,
 * and the dump says so, naming what moved; objects that hold still are faithful.
 */
class FaithfulnessTest {
    /**
     * Generous time bounds: these tests are about settling, not about slow calls, and on a
     * loaded machine a foreign collection's size() on a dump thread can take longer than the
     * default 50 ms (a timed-out read is not compared, so it would look settled).
     */
    static final DumpLimits PATIENT = DumpLimits.DEFAULTS.withCallTimeout(Duration.ofSeconds(20))
            .withTotalTimeout(Duration.ofSeconds(60));

    /** A foreign list whose size grows every time it is asked: it can never be read twice alike. */
    static final class Growing extends AbstractList<Integer> {
        final AtomicInteger size = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public int size() {
            return size.incrementAndGet();
        }

        @Override
        public java.util.Iterator<Integer> iterator() {
            reads.incrementAndGet(); // one per copy the dump takes
            return super.iterator();
        }

        @Override
        public Integer get(int index) {
            return index;
        }
    }

    static final class Owner {
        final String name = "queue";
        final Growing items = new Growing();
    }

    @Test
    void anObjectThatHoldsStillIsFaithful() {
        Snapshot s = Snapshots.dump(new Owner().name);
        assertTrue(s.faithful());
        assertEquals(List.of(), s.movedFields());
    }

    @Test
    void aCollectionThatNeverSettlesIsMarkedNotFaithfulWithWhatMoved() {
        Growing g = new Growing();
        Snapshot s = Snapshots.dump(g, PATIENT);
        assertFalse(s.faithful());
        assertEquals(List.of("size"), s.movedFields());
        assertTrue(s.text().startsWith("[not faithful: size kept changing] "), s.text());
        assertEquals(5, g.reads.get(), "one read, then the default 3 retries after the first comparison: 5 reads");
    }

    @Test
    void movedFieldsAreNamedByTheirPathFromTheDumpedObject() {
        Snapshot s = Snapshots.dump(new Owner(), PATIENT);
        assertFalse(s.faithful());
        assertEquals(List.of("items.size"), s.movedFields());
        assertTrue(s.text().contains("name=\"queue\", items="), s.text());
    }

    @Test
    void retriesAreBounded() {
        Growing g = new Growing();
        Snapshots.dump(g, PATIENT.withRetries(0));
        assertEquals(2, g.reads.get(), "no retries: two reads, one comparison");
        Growing h = new Growing();
        Snapshots.dump(h, PATIENT.withRetries(10));
        assertEquals(12, h.reads.get());
    }

    @Test
    void aToStringThatChangesEveryCallIsNotFaithful() {
        AtomicInteger n = new AtomicInteger();
        Object ticking = new Object() {
            @Override
            public String toString() {
                return "tick " + n.incrementAndGet();
            }
        };
        Snapshot s = Snapshots.dump(new AtomicReference<>(ticking));
        assertFalse(s.faithful());
        assertEquals(List.of("toString()"), s.movedFields());
        assertTrue(s.text().endsWith("toString \"tick 5\""), "the last copy read is shown: " + s.text());
    }

    @Test
    void aRecordIsFaithfulAndShowsItsComponents() {
        record Point(int x, int y) {}
        Snapshot s = Snapshots.dump(new Point(1, 2));
        assertTrue(s.faithful());
        assertTrue(s.text().matches(".*Point@[0-9a-f]+\\{x=1, y=2\\}"), s.text());
    }
}
