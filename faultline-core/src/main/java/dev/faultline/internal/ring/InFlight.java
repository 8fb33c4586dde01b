package dev.faultline.internal.ring;

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
 */
final class InFlight {
    /** Slots for writers at the same instant; more than this many write without the protection. */
    static final int SLOTS = 16;
    /** Longs per slot: one 64-byte cache line each, so writers do not invalidate each other's slot. */
    private static final int STRIDE = 8;
    static final int NONE = -1;

    private final AtomicLongArray slots = new AtomicLongArray(SLOTS * STRIDE);

    /**
     * Publishes the write of {@code frame} bytes at ring offset {@code offset} in a free slot,
     * trying {@code hint} first; returns the slot or {@link #NONE}.
     */
    int enter(int offset, int frame, int hint) {
        long value = (long) offset << 32 | frame; // never 0: a frame has a header
        for (int i = 0; i < SLOTS; i++) {
            int slot = ((hint + i) & (SLOTS - 1)) * STRIDE;
            if (slots.get(slot) == 0 && slots.compareAndSet(slot, 0, value)) {
                return slot;
            }
        }
        return NONE;
    }

    /** Frees the slot taken by {@link #enter}; after the frame is committed or abandoned. */
    void exit(int slot) {
        if (slot != NONE) {
            slots.setRelease(slot, 0); // a writer seeing the old value only gives up conservatively
        }
    }

    /**
     * True when another write in progress covers any of the bytes at ring offset {@code offset}
     * to {@code offset + frame}. Claims within one lap never overlap, so such a write is from
     * an earlier lap — however many laps earlier — and still owns those bytes.
     */
    boolean overlapsAnother(int offset, int frame, int self) {
        for (int i = 0; i < SLOTS; i++) {
            int slot = i * STRIDE;
            if (slot == self) {
                continue;
            }
            long v = slots.get(slot);
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
