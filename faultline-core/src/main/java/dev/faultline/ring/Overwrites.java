package dev.faultline.ring;

import static dev.faultline.ring.RingFormat.*;

import java.io.IOException;

/**
 * Tells a bad frame that newer frames overwrote (torn) from one nothing explains (corrupt), as
 * {@link RingReader} describes. Asked about bad frames in offset order during one walk.
 *
 * <p>The question "does a newer frame start inside this one" looks at every 8-byte offset of a
 * frame's claimed extent, up to 64 KiB; asked of overlapping bad frames one after another it
 * would cost up to 8,192 times the ring. So each offset's answer is computed once, as it comes
 * into reach, and kept in a max-tree over the last 128 KiB: a query is then a descent of the tree.
 */
final class Overwrites {
    /** 8-byte slots kept: more than a frame's, so a query never reaches a slot reused for a later offset. */
    private final int slots;
    private static final long NONE = -1;
    /** A type word: a frame start, newer than anything. */
    private static final long MARKER = Long.MAX_VALUE;

    private final RingWindow window;
    private final int limit;
    private final int capacity;
    private final int maxFrame;
    private final long claimed;
    private final long newest;
    private final long furthest;
    /** What each slot's offset holds: NONE, MARKER, or the claim position a start tag there names. */
    private final long[] value;
    /** Max over ranges of slots: node 1 is the root, leaves at slots + slot. */
    private final long[] tree;
    /** Offsets below this have their value in the tree. */
    private int filledTo;
    /** Offsets examined for the question above (a measure of work for tests). */
    long offsetsExamined;

    /**
     * @param claimed  the end of the newest claim any header or start tag in the ring vouches for
     * @param newest   the newest sequence known from frame headers alone
     * @param furthest how far a start tag may name a claim (see {@link #tagPosition})
     */
    Overwrites(RingWindow window, int capacity, int maxFrame, long claimed, long newest, long furthest) {
        this.window = window;
        this.limit = window.limit();
        this.capacity = capacity;
        this.maxFrame = maxFrame;
        this.claimed = claimed;
        this.newest = newest;
        this.furthest = furthest;
        this.slots = FrameWalk.slotsFor(maxFrame);
        this.value = new long[slots];
        this.tree = new long[2 * slots];
        java.util.Arrays.fill(value, NONE);
        java.util.Arrays.fill(tree, NONE);
    }

    /**
     * The position a writer's start tag {@code tag} at ring offset {@code pos} names, or -1 when
     * it is no start tag: the sequence it carries (the low 32 bits, completed from
     * {@code newest}, the newest sequence known) does not belong at that offset or lies past
     * {@code furthest}. The length word beside it must be 0.
     */
    static long tagPosition(int tag, int pos, int capacity, long newest, long furthest) {
        long seq = newest + (tag - (int) newest); // the nearest sequence with these low 32 bits
        if (tag == 0 || seq < 1 || seq - 1 > Long.MAX_VALUE / ALIGNMENT) {
            return -1;
        }
        long position = (seq - 1) * ALIGNMENT;
        return position % capacity == pos && position <= furthest ? position : -1;
    }

    /**
     * How the bad frame at ring offset {@code pos} was overwritten by newer frames, or null when
     * nothing explains it. Its type word is intact, and so is its claimed length beside it (one
     * aligned word): a newer write that reached them would have replaced the type word.
     */
    String overwritten(int pos) throws IOException {
        window.require(pos, pos + FRAME_HEADER);
        // Its own position, from whichever of its two copies still fits its offset.
        long seq = window.getLong(pos + F_SEQUENCE);
        long position = window.getLong(pos + F_POSITION);
        long fromPosition = position >= 0 && position % capacity == pos ? position : -1;
        long fromSequence = seq >= 1 && seq - 1 <= Long.MAX_VALUE / ALIGNMENT
                && (seq - 1) * ALIGNMENT % capacity == pos ? (seq - 1) * ALIGNMENT : -1;
        // When the copies disagree, a newer frame starting 16 or 24 bytes in may have written over
        // either (with a 64 KiB ring, over just the high half of the position, which still fits).
        long known = fromPosition == fromSequence ? fromPosition : -1;
        int claim = window.getInt(pos + F_CLAIM);
        int len = window.getInt(pos + F_LENGTH);
        if (len >= FRAME_HEADER && len <= maxFrame) {
            claim = Math.min(claim, len); // both plausible yet different: damage; look no further than the frame
        }
        if (claim >= FRAME_HEADER && claim <= maxFrame) {
            // A frame start inside this one: a newer writer's start tag, or a type word.
            int end = (int) Math.min((long) pos + align(claim), limit);
            int from = pos + F_SEQUENCE;
            if (from < end) {
                fill(pos, end);
                int o = firstAbove(from, end, known);
                if (o >= 0) {
                    return "partly overwritten by a newer one starting at offset " + o;
                }
            }
        }
        long own = Math.max(fromPosition, fromSequence); // the newer, so damage is not excused by the older
        if (own >= 0 && claimed > own + capacity) {
            return "whose space newer records have claimed (a frame claimed a lap later reaches past its start)";
        }
        return null;
    }

    /** Brings the values of offsets [.., end) into the tree; {@code floor} is the bad frame's offset. */
    private void fill(int floor, int end) throws IOException {
        int from = Math.max(filledTo, floor + F_SEQUENCE);
        if (from >= end) {
            return;
        }
        window.require(floor, Math.min(end + ALIGNMENT, limit));
        for (int o = from; o < end; o += ALIGNMENT) {
            long v;
            if (o + F_TYPE + 4 <= limit && (window.getInt(o + F_TYPE) & TYPE_MARKER_MASK) == TYPE_MARKER) {
                v = MARKER;
            } else if (window.getInt(o + F_LENGTH) == 0) {
                v = tagPosition(window.getInt(o + F_CRC), o, capacity, newest, furthest);
            } else {
                v = NONE;
            }
            set((o >>> 3) & (slots - 1), v);
        }
        offsetsExamined += (end - from) >>> 3;
        filledTo = end;
    }

    private void set(int slot, long v) {
        if (value[slot] == v) {
            return;
        }
        value[slot] = v;
        int n = slots + slot;
        tree[n] = v;
        for (n >>>= 1; n >= 1; n >>>= 1) {
            long m = Math.max(tree[2 * n], tree[2 * n + 1]);
            if (tree[n] == m) {
                break;
            }
            tree[n] = m;
        }
    }

    /** The first offset in [from, end) whose value exceeds {@code known}, or -1. The range spans under slots slots. */
    private int firstAbove(int from, int end, long known) {
        // Usually a frame start is near: look at the first few slots before asking the tree.
        int near = Math.min(end, from + 16 * ALIGNMENT);
        for (int o = from; o < near; o += ALIGNMENT) {
            if (value[(o >>> 3) & (slots - 1)] > known) {
                return o;
            }
        }
        if (near >= end) {
            return -1;
        }
        from = near;
        int first = (from >>> 3) & (slots - 1);
        int count = (end - from + ALIGNMENT - 1) >>> 3;
        int lastExclusive = first + count;
        if (lastExclusive <= slots) {
            int s = first(1, 0, slots, first, lastExclusive, known);
            return s < 0 ? -1 : from + ((s - first) << 3);
        }
        int s = first(1, 0, slots, first, slots, known);
        if (s >= 0) {
            return from + ((s - first) << 3);
        }
        s = first(1, 0, slots, 0, lastExclusive - slots, known);
        return s < 0 ? -1 : from + ((slots - first + s) << 3);
    }

    /** The first slot in [lo, hi) under node {@code n} (covering [nodeLo, nodeHi)) with a value above {@code known}. */
    private int first(int n, int nodeLo, int nodeHi, int lo, int hi, long known) {
        if (hi <= nodeLo || nodeHi <= lo || tree[n] <= known) {
            return -1;
        }
        if (nodeHi - nodeLo == 1) {
            return nodeLo;
        }
        int mid = (nodeLo + nodeHi) >>> 1;
        int s = first(2 * n, nodeLo, mid, lo, hi, known);
        return s >= 0 ? s : first(2 * n + 1, mid, nodeHi, lo, hi, known);
    }
}
