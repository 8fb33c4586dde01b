package dev.faultline.ring;

import static dev.faultline.ring.RingFormat.*;

import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * One walk over part of a ring's data region in {@link RingFormat#ALIGNMENT} steps, as
 * {@link RingReader} describes it: a valid frame is taken whole and the walk goes on after it;
 * anything else is stepped over 8 bytes at a time. It reports, in offset order, what it finds at
 * every offset not inside a valid frame. Linear in the bytes walked, with bounded memory.
 *
 * <p>Why it is not a simple loop: frame headers may overlap (a torn frame holds the start of a
 * newer one; a crafted ring can hold a plausible header every 64 bytes, each claiming 64 KiB),
 * and checking each candidate's CRC over its own bytes would cost up to 8,192 times the ring.
 * Instead one running CRC passes over the bytes once, its value is taken where candidate frames
 * start and end, and each candidate's checksum follows from those two values
 * ({@link Crc32cMath}). Whether a candidate is valid is known only once the running CRC reaches
 * its end, so what lies after it is examined ahead and queued, and reported once everything
 * before it is settled — dropped, if a valid frame turned out to cover it.
 */
final class FrameWalk {
    /** What the walk finds, in offset order; offsets inside a valid frame are not reported. */
    interface Visitor {
        /** A frame start (its type word carries the marker); followed by one of the three calls below. */
        default void header(int pos) throws IOException {}

        /** A valid frame of {@code len} bytes. */
        default void frame(int pos, int len, int type) throws IOException {}

        /** A frame start with length 0: claimed, never committed. */
        default void unfinished(int pos) throws IOException {}

        /** A frame start that fails its checks; {@link #problem(int, boolean)} says why. */
        default void bad(int pos, boolean checksum) throws IOException {}

        /** No frame start, but a length word of 0 beside a non-zero word: maybe a writer's start tag. */
        default void tag(int pos, int tag) throws IOException {}
    }

    private static final byte TAG = 0;
    private static final byte UNFINISHED = 1;
    private static final byte BAD = 2;
    private static final byte CANDIDATE = 3;

    private static final byte WAITING = 0;  // its start not reached by the running CRC yet
    private static final byte OPEN = 1;     // start taken, end not reached
    private static final byte CLOSED = 2;   // both taken
    private static final byte GONE = 3;     // left the queue before its end was reached

    /** Room for the events examined and not yet reported: a frame's length ahead of the oldest, at most. */
    private final int queue;
    private final int mask;

    private final RingWindow window;
    private final int limit;
    private final int capacity;
    private final int maxFrame;
    private final byte[] salt;
    private final int saltCrc;
    private final Crc32cMath math;
    private final CRC32C crc = new CRC32C();

    // The queue of examined offsets, by event number (slot = number & mask).
    private final int[] ePos;
    private final byte[] eKind;
    private final int[] eArg;
    private final int[] eType;
    private final int[] eExpect;
    private final int[] eStartCrc;
    private final int[] eEndCrc;
    private final byte[] eCrcState;
    private int head;
    private int tail;

    // Candidates in examination order, for the running CRC's start points.
    private final int[] starts;
    private int startsHead;
    private int startsTail;

    // Candidates whose start was taken, by end offset. Ends mostly come in order (frames of one
    // size, or back to back): those go to a FIFO; the others to a binary min-heap of (end, event).
    private final int[] fifoEnd;
    private final int[] fifoEvent;
    private int fifoHead;
    private int fifoTail;
    private final int[] heapEnd;
    private final int[] heapEvent;
    private int heapSize;

    /** Candidates whose running-CRC end is still needed. */
    private int open;
    private boolean running;
    private int runAt;
    private int scan;
    private int stop;
    private int covered;

    /** Bytes fed to the CRC over this walk's life (a measure of work that does not depend on the clock). */
    long crcBytes;

    FrameWalk(RingWindow window, int capacity, int maxFrame, byte[] salt) {
        this.window = window;
        this.limit = window.limit();
        this.capacity = capacity;
        this.maxFrame = maxFrame;
        this.salt = salt;
        CRC32C c = new CRC32C();
        c.update(salt, 0, salt.length);
        this.saltCrc = (int) c.getValue();
        this.math = new Crc32cMath();
        queue = slotsFor(maxFrame);
        mask = queue - 1;
        ePos = new int[queue];
        eKind = new byte[queue];
        eArg = new int[queue];
        eType = new int[queue];
        eExpect = new int[queue];
        eStartCrc = new int[queue];
        eEndCrc = new int[queue];
        eCrcState = new byte[queue];
        starts = new int[queue];
        fifoEnd = new int[queue];
        fifoEvent = new int[queue];
        heapEnd = new int[queue];
        heapEvent = new int[queue];
    }

    /** A power of two above the 8-byte offsets in a frame's length and then some. */
    static int slotsFor(int maxFrame) {
        return Integer.highestOneBit((maxFrame >>> 3) + 64) << 1;
    }

    RingWindow window() {
        return window;
    }

    /**
     * Walks the offsets [from, to) ({@code from} aligned) that have room for a frame header, as
     * if nothing came before {@code from}. Exceptions from the visitor end the walk.
     */
    void walk(int from, int to, Visitor v) throws IOException {
        head = tail = 0;
        startsHead = startsTail = 0;
        heapSize = 0;
        fifoHead = fifoTail = 0;
        open = 0;
        running = false;
        scan = from;
        covered = from;
        stop = Math.min(to, limit - FRAME_HEADER + 1);
        window.restart(from, (int) Math.min(limit, (long) to + maxFrame + 2L * FRAME_HEADER));
        for (;;) {
            while (head != tail) {
                int i = head & mask;
                if (eKind[i] == CANDIDATE && eCrcState[i] != GONE && ePos[i] >= covered && !resolved(i)) {
                    break;
                }
                head++;
                leave(i);
                if (ePos[i] >= covered) {
                    report(i, v);
                }
            }
            if (head != tail) {
                int i = head & mask;
                int end = ePos[i] + eArg[i];
                scanTo(end);
                runTo(end);
            } else if (scan < stop) {
                examine(scan);
                scan += ALIGNMENT;
            } else {
                return;
            }
        }
    }

    private boolean resolved(int i) {
        return eCrcState[i] == CLOSED;
    }

    /** An event leaves the queue: its CRC end, if still awaited, is no longer needed. */
    private void leave(int i) {
        if (eKind[i] == CANDIDATE) {
            if (eCrcState[i] == OPEN) {
                open--;
                if (open == 0) {
                    running = false;
                }
            }
            if (eCrcState[i] != CLOSED) {
                eCrcState[i] = GONE;
            }
        }
    }

    private void report(int i, Visitor v) throws IOException {
        int pos = ePos[i];
        switch (eKind[i]) {
            case TAG:
                v.tag(pos, eArg[i]);
                break;
            case UNFINISHED:
                v.header(pos);
                v.unfinished(pos);
                break;
            case BAD:
                v.header(pos);
                v.bad(pos, false);
                break;
            default: {
                v.header(pos);
                int len = eArg[i];
                int crcValue = math.rangeAfter(saltCrc, eStartCrc[i], eEndCrc[i], len - F_TYPE);
                if (crcValue == eExpect[i]) {
                    covered = pos + align(len);
                    v.frame(pos, len, eType[i]);
                } else {
                    v.bad(pos, true);
                }
            }
        }
    }

    /** The lowest offset any queued event or the running CRC still needs. */
    private int floor() {
        return head != tail ? ePos[head & mask] : scan;
    }

    private void scanTo(int end) throws IOException {
        int until = Math.min(end, stop);
        while (scan < until) {
            examine(scan);
            scan += ALIGNMENT;
        }
    }

    private void examine(int pos) throws IOException {
        window.require(floor(), pos + FRAME_HEADER);
        int type = window.getInt(pos + F_TYPE);
        int len = window.getInt(pos + F_LENGTH);
        if ((type & TYPE_MARKER_MASK) != TYPE_MARKER) {
            int tag = window.getInt(pos + F_CRC);
            if (len == 0 && tag != 0) {
                enqueue(pos, TAG, tag);
            }
            return;
        }
        if (len == 0) {
            enqueue(pos, UNFINISHED, 0);
        } else if (problem(pos, len) != null) {
            enqueue(pos, BAD, len);
        } else {
            int i = enqueue(pos, CANDIDATE, len);
            eType[i] = type;
            eExpect[i] = window.getInt(pos + F_CRC);
            eCrcState[i] = WAITING;
            starts[startsTail++ & mask] = tail - 1;
        }
    }

    private int enqueue(int pos, byte kind, int arg) {
        if (tail - head >= queue) {
            throw new IllegalStateException("frame walk queue overflow at offset " + pos);
        }
        int i = tail++ & mask;
        ePos[i] = pos;
        eKind[i] = kind;
        eArg[i] = arg;
        return i;
    }

    /** Advances the running CRC to {@code target}, taking its value at every candidate's start and end on the way. */
    private void runTo(int target) throws IOException {
        for (;;) {
            int nextStart = Integer.MAX_VALUE;
            while (startsHead != startsTail) {
                int e = starts[startsHead & mask];
                int i = e & mask;
                if (e - head >= 0 && eCrcState[i] == WAITING) {
                    nextStart = ePos[i] + F_TYPE;
                    break;
                }
                startsHead++; // it left the queue before the running CRC reached it
            }
            int nextEnd = Math.min(heapSize > 0 ? heapEnd[0] : Integer.MAX_VALUE,
                    fifoHead != fifoTail ? fifoEnd[fifoHead & mask] : Integer.MAX_VALUE);
            int p = Math.min(nextStart, nextEnd);
            if (p > target) {
                return;
            }
            if (!running) {
                // Nothing open: start afresh with the salt, so a lone frame's CRC is the running CRC itself.
                crc.reset();
                crc.update(salt, 0, salt.length);
                runAt = p;
                running = true;
            } else if (p > runAt) {
                window.require(floor(), p);
                window.update(crc, runAt, p);
                crcBytes += p - runAt;
                runAt = p;
            }
            int value = (int) crc.getValue();
            if (nextStart == p) {
                int e = starts[startsHead++ & mask];
                int i = e & mask;
                eStartCrc[i] = value;
                eCrcState[i] = OPEN;
                open++;
                int end = ePos[i] + eArg[i];
                if (fifoHead == fifoTail || fifoEnd[(fifoTail - 1) & mask] <= end) {
                    fifoEnd[fifoTail & mask] = end;
                    fifoEvent[fifoTail++ & mask] = e;
                } else {
                    heapPush(end, e);
                }
            }
            while (fifoHead != fifoTail && fifoEnd[fifoHead & mask] == p) {
                close(fifoEvent[fifoHead++ & mask], value);
            }
            while (heapSize > 0 && heapEnd[0] == p) {
                int e = heapEvent[0];
                heapPop();
                close(e, value);
            }
            if (open == 0) {
                running = false;
            }
        }
    }

    /** The running CRC reached the end of event {@code e}'s frame: its checksum can be told, if it still matters. */
    private void close(int e, int value) {
        int i = e & mask;
        if (e - head >= 0 && e - tail < 0 && eCrcState[i] == OPEN) {
            eEndCrc[i] = value;
            eCrcState[i] = CLOSED;
            open--;
        }
    }

    private void heapPush(int end, int event) {
        int k = heapSize++;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (heapEnd[parent] <= end) {
                break;
            }
            heapEnd[k] = heapEnd[parent];
            heapEvent[k] = heapEvent[parent];
            k = parent;
        }
        heapEnd[k] = end;
        heapEvent[k] = event;
    }

    private void heapPop() {
        int n = --heapSize;
        int end = heapEnd[n];
        int event = heapEvent[n];
        int k = 0;
        for (;;) {
            int c = 2 * k + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && heapEnd[c + 1] < heapEnd[c]) {
                c++;
            }
            if (end <= heapEnd[c]) {
                break;
            }
            heapEnd[k] = heapEnd[c];
            heapEvent[k] = heapEvent[c];
            k = c;
        }
        if (n > 0) {
            heapEnd[k] = end;
            heapEvent[k] = event;
        }
    }

    /**
     * Why the frame start at {@code pos} with committed length {@code len} fails the checks that
     * need no CRC, or null when it passes them. Its header bytes must be in the window.
     */
    String problem(int pos, int len) {
        if (len < FRAME_HEADER) {
            return "length " + len + " is shorter than a frame header";
        }
        if (len > maxFrame) {
            return "length " + len + " exceeds the largest frame " + maxFrame;
        }
        if ((long) pos + align(len) > limit) {
            return "length " + len + " runs past the end of the data";
        }
        int claim = window.getInt(pos + F_CLAIM);
        if (claim != len) {
            return "committed length " + len + " differs from claimed length " + claim;
        }
        int nameLen = window.getUnsignedShort(pos + F_THREAD_NAME_LENGTH);
        int loggerLen = window.getUnsignedShort(pos + F_LOGGER_LENGTH);
        int msgLen = window.getInt(pos + F_MESSAGE_LENGTH);
        if (msgLen < 0 || (long) FRAME_HEADER + nameLen + loggerLen + msgLen != len) {
            return "field lengths do not add up to " + len;
        }
        long position = window.getLong(pos + F_POSITION);
        if (position < 0 || position % capacity != pos) {
            return "position " + position + " does not belong at offset " + pos;
        }
        if (window.getLong(pos + F_SEQUENCE) != sequenceOf(position)) {
            return "sequence does not match position " + position;
        }
        return null;
    }

    /** Why the frame start at {@code pos}, reported {@link Visitor#bad}, failed. */
    String problem(int pos, boolean checksum) {
        return checksum ? "checksum mismatch" : problem(pos, window.getInt(pos + F_LENGTH));
    }
}
