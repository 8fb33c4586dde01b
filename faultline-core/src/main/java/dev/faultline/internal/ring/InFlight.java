package dev.faultline.internal.ring;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The ring regions being written right now, so that a writer never writes over bytes that an
 * older, stalled writer is still filling.
 *
 * <p>A thread can be descheduled between claiming its space and finishing its frame for as
 * long as the ring takes to wrap around once or many times. Without this, it would wake and
 * copy its old frame over a newer, committed record. Each writer publishes its region (ring
 * offset and size) in a slot before it writes. A writer whose region overlaps one still being
 * written — which, since claims within one lap never overlap, is from an earlier lap — gives
 * up its record (as the kernel's printk ring buffer drops the newest record rather than tear
 * an older one). A writer that finds the tail already a lap past its claim gives up too.
 * Publishing the slot then reading the tail, against claiming the tail then reading the
 * slots, is the Dekker pattern with volatile accesses: of two such writers, at least one sees
 * the other.
 *
 * <p>A writer that finds no free slot must not write at all: unseen, it could be overtaken a
 * lap later and tear the newer record. There are slots for {@link #SLOTS} writers at the same
 * instant — threads descheduled mid-record count too — and a scan looks only at the slots ever
 * taken, so its cost follows the most writers seen at once, not the number of slots.
 */
final class InFlight {
    /** Writers at the same instant; one more is refused. */
    static final int SLOTS = 256;
    /** Longs per slot: one 64-byte cache line each, so writers do not invalidate each other's slot. */
    private static final int STRIDE = 8;
    static final int NONE = -1;

    private final AtomicLongArray slots = new AtomicLongArray(SLOTS * STRIDE);
    /** One more than the highest slot ever taken; raised before the writer reads the tail. */
    private final AtomicInteger used = new AtomicInteger();

    /**
     * Publishes the write of {@code frame} bytes at ring offset {@code offset} in a free slot,
     * trying slot {@code hint} first (a writer's last slot keeps its cache line to itself);
     * returns the slot or {@link #NONE} when every slot is taken.
     */
    int enter(int offset, int frame, int hint) {
        long value = (long) offset << 32 | frame; // never 0: a frame has a header
        for (int i = 0; i < SLOTS; i++) {
            int slot = (hint + i) & (SLOTS - 1);
            int at = slot * STRIDE;
            if (slots.get(at) == 0 && slots.compareAndSet(at, 0, value)) {
                for (int u = used.get(); u <= slot && !used.compareAndSet(u, slot + 1); u = used.get()) {
                    // raced with another writer raising it; read again
                }
                return slot;
            }
        }
        return NONE;
    }

    /** Frees the slot taken by {@link #enter}; after the frame is committed or abandoned. */
    void exit(int slot) {
        if (slot != NONE) {
            slots.setRelease(slot * STRIDE, 0); // a writer seeing the old value only gives up conservatively
        }
    }

    /**
     * True when another write in progress covers any of the bytes at ring offset {@code offset}
     * to {@code offset + frame}. Claims within one lap never overlap, so such a write is from
     * an earlier lap — however many laps earlier — and still owns those bytes.
     */
    boolean overlapsAnother(int offset, int frame, int self) {
        int n = used.get();
        for (int slot = 0; slot < n; slot++) {
            if (slot == self) {
                continue;
            }
            long v = slots.get(slot * STRIDE);
            if (v == 0) {
                continue;
            }
            int o = (int) (v >>> 32);
            int f = (int) v;
            if (offset < o + f && o < offset + frame) {
                return true;
            }
        }
        return false;
    }
}
