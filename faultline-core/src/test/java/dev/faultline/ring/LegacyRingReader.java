package dev.faultline.ring;

import static dev.faultline.ring.RingFormat.*;

import dev.faultline.internal.ring.Liveness;
import dev.faultline.internal.text.Escape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The reader as it was before it streamed: the whole ring in the heap, every candidate frame's
 * CRC over its own bytes, every bad frame's extent scanned. Kept as the oracle the streaming
 * {@link RingReader} is compared with (same records, same counts, same problems); quadratic on
 * crafted rings and 1 GiB of heap for a 1 GiB ring, so for small test rings only.
 *
 * <p>Reads a crash ring from any bytes at all — a ring left by a killed process, a truncated copy,
 * random garbage — and never throws. It returns only frames that pass every check, in sequence
 * order across wrap-around, and accounts for what it skipped ({@link RingScan}).
 *
 * <p>The scan walks the data region in {@link RingFormat#ALIGNMENT} steps. A valid frame is
 * taken whole and the scan jumps past it; anything else is stepped over 8 bytes at a time, so
 * one bad frame cannot hide the good frames after it.
 *
 * <p>A frame that fails its checks is <b>torn</b> when the writer's protocol explains it, and
 * <b>corrupt</b> only when nothing does:
 * <ul>
 *   <li>its length is 0: claimed, never committed;</li>
 *   <li>a newer frame starts inside it: a start tag naming a newer claim, or a type word, at a
 *       frame start within its claimed extent (from its first store on, a writer leaves one of
 *       the two at its frame start, see {@link RingFormat});</li>
 *   <li>its space has been claimed again: a frame header or start tag in the ring, committed or
 *       not, names a claim a lap or more after it that reaches past its start. This covers an old frame whose length
 *       a newer frame ended on, even when that newer frame has since been overwritten in turn.</li>
 * </ul>
 * Damage to a frame whose space no newer claim has reached is corrupt. In the ring of a run that
 * is still running ({@link RingScan#live()}) frames change while they are read, so none is
 * judged corrupt.
 */
final class LegacyRingReader {
    private static final int MAX_PROBLEMS = 20;
    /** Bytes fed to the CRC by this reader, all reads together (the cost the streaming reader bounds). */
    static final java.util.concurrent.atomic.AtomicLong CRC_BYTES = new java.util.concurrent.atomic.AtomicLong();

    private LegacyRingReader() {}

    /**
     * Reads the ring file {@code file}; an unreadable file gives a scan that says why. The ring of
     * a run that is still running is read as {@link RingScan#live() live} (see {@link Liveness}).
     *
     * <p>Not for a ring this process holds: closing a channel drops every lock the process
     * holds on the file (POSIX), and the lock is how other processes know the run is alive.
     */
    public static RingScan read(Path file) {
        String source = String.valueOf(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, source, true, Liveness.probe(ch));
        } catch (IOException | RuntimeException e) {
            return notARing(source, "cannot read: " + e);
        }
    }

    /** Reads a ring from an open channel, from offset 0, leaving the channel open. */
    public static RingScan read(FileChannel ch, String source) {
        return read(ch, source, false, Liveness.Lock.FREE);
    }

    /**
     * {@code ownerCheck}: judge whether the ring's run is still running (a ring file read by
     * another process); {@code lock}: what a probe of the file's lock found.
     */
    private static RingScan read(FileChannel ch, String source, boolean ownerCheck, Liveness.Lock lock) {
        try {
            long size = ch.size();
            long want = Math.min(size, (long) HEADER_LENGTH + MAX_CAPACITY);
            // Read into the heap rather than map: a file truncated under a mapping kills the reader with SIGBUS.
            ByteBuffer b = ByteBuffer.allocate((int) want);
            while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
                // keep reading
            }
            return read(b.array(), b.position(), source, ownerCheck, lock);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            return notARing(source, "cannot read: " + e);
        }
    }

    /** Reads a ring from {@code bytes}. */
    public static RingScan read(byte[] bytes, String source) {
        return read(bytes, bytes.length, source, false, Liveness.Lock.FREE);
    }

    private static RingScan read(byte[] bytes, int length, String source, boolean ownerCheck, Liveness.Lock lock) {
        try {
            return scan(ByteBuffer.wrap(bytes, 0, length).slice().order(ByteOrder.LITTLE_ENDIAN), source, ownerCheck,
                    lock);
        } catch (RuntimeException e) {
            // Defensive: the scan checks every bound first, so this means a bug in the reader, not bad input.
            return notARing(source, "reader failed: " + e);
        }
    }

    private static RingScan notARing(String source, String why) {
        return new RingScan(source, false, false, 0, 0, 0, 0, "", "", false, 0, false, List.of(), 0, null, null, null,
                0, false, 0, 0, List.of(Escape.text(why)));
    }

    /** A frame that failed its checks; classified once the whole region has been walked. */
    private static final class Bad {
        final int offset;
        final String why;

        Bad(int offset, String why) {
            this.offset = offset;
            this.why = why;
        }
    }

    private static RingScan scan(ByteBuffer b, String source, boolean ownerCheck, Liveness.Lock lock) {
        int size = b.limit();
        if (size < HEADER_LENGTH) {
            return notARing(source, "only " + size + " bytes, shorter than the " + HEADER_LENGTH + "-byte header");
        }
        long magic = b.getLong(H_MAGIC);
        if (magic != MAGIC) {
            return notARing(source, "wrong magic 0x" + Long.toHexString(magic));
        }
        List<String> problems = new ArrayList<>();
        boolean headerValid = true;
        int version = b.getInt(H_VERSION);
        int headerLength = b.getInt(H_HEADER_LENGTH);
        int capacity = b.getInt(H_CAPACITY);
        long pid = b.getLong(H_PID);
        long start = b.getLong(H_START);
        byte[] salt = new byte[RUN_ID_BYTES];
        b.get(H_RUN_ID, salt);
        String runId = runIdText(salt);
        boolean clean = b.getInt(H_CLEAN) == CLEAN;
        long end = b.getLong(H_END);
        String app = appText(b);
        boolean live = ownerCheck && !clean
                && Liveness.judge(b, lock, ProcessHandle.current().pid()) != Liveness.Verdict.ENDED;
        if (version != VERSION) {
            problems.add("format version " + version + " is not supported (this reader knows " + VERSION + ")");
            return new RingScan(source, true, false, version, capacity, pid, start, runId, "", clean, end, live,
                    List.of(), 0, null, null, null, 0, false, 0, 0, problems);
        }
        if (headerCrc(b) != b.getInt(H_CRC)) {
            headerValid = false;
            problems.add("header checksum mismatch: pid, start time or run id may be wrong");
        }
        if (app == null) {
            headerValid = false;
            problems.add("application name checksum mismatch: the name is not shown");
            app = "";
        }
        if (headerLength != HEADER_LENGTH) {
            headerValid = false;
            problems.add("header length " + headerLength + " is not " + HEADER_LENGTH);
        }
        int available = (size - HEADER_LENGTH) & -ALIGNMENT;
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || capacity % ALIGNMENT != 0) {
            headerValid = false;
            problems.add("capacity " + capacity + " is out of range; scanning the " + available + " bytes present");
            capacity = Math.max(available, ALIGNMENT);
        }
        if (available < capacity) {
            problems.add("truncated: " + available + " of " + capacity + " data bytes present");
        }
        int limit = Math.min(available, capacity);

        List<RingRecord> records = new ArrayList<>();
        List<Bad> bad = new ArrayList<>();
        // The end of the newest claim any frame header in the ring vouches for (see claimEnd).
        long claimed = 0;
        // Offsets of possible start tags: a zero length word with something where the CRC goes.
        List<Integer> tagged = new ArrayList<>();
        int torn = 0;
        int maxFrame = maxFrame(Math.max(capacity, MIN_CAPACITY));
        CRC32C crc = new CRC32C();
        ByteBuffer view = b.duplicate();
        int pos = 0;
        while (pos + FRAME_HEADER <= limit) {
            int at = HEADER_LENGTH + pos;
            int type = b.getInt(at + F_TYPE);
            if ((type & TYPE_MARKER_MASK) != TYPE_MARKER) {
                if (b.getInt(at + F_LENGTH) == 0 && b.getInt(at + F_CRC) != 0 && tagged.size() < 100_000) {
                    tagged.add(pos);
                }
                pos += ALIGNMENT;
                continue;
            }
            claimed = Math.max(claimed, claimEnd(b, at, pos, capacity, maxFrame));
            int len = b.getInt(at + F_LENGTH);
            if (len == 0) {
                torn++;
                note(problems, "offset " + pos + (live ? ": frame being written" : ": frame claimed but never committed"
                        + " (writer stopped mid-record)"));
                pos += ALIGNMENT;
                continue;
            }
            String why = check(b, at, pos, len, limit, capacity, maxFrame, salt, crc, view);
            if (why != null) {
                bad.add(new Bad(pos, why));
                pos += ALIGNMENT;
                continue;
            }
            records.add(decode(b, at, type));
            pos += align(len);
        }
        // A writer stopped before its type word still names its claim by its start tag. Writers in
        // flight are within a lap or two of the newest header; a "tag" further on is chance.
        long newest = sequenceOf(claimed);
        long furthest = claimed + 2L * capacity;
        for (int o : tagged) {
            long tag = tagPosition(b, o, capacity, newest, furthest);
            if (tag >= 0) {
                claimed = Math.max(claimed, tag + ALIGNMENT);
            }
        }
        int corrupt = 0;
        for (Bad x : bad) {
            String how = overwritten(b, x.offset, limit, capacity, maxFrame, claimed, newest, furthest);
            if (how != null) {
                torn++;
                note(problems, "offset " + x.offset + ": older frame " + how + " (" + x.why + ")");
            } else if (live) {
                torn++;
                note(problems, "offset " + x.offset + ": frame changed while it was read; the run is still writing ("
                        + x.why + ")");
            } else {
                corrupt++;
                note(problems, "offset " + x.offset + ": corrupt frame (" + x.why + ")");
            }
        }
        if (problems.size() > MAX_PROBLEMS) {
            int more = problems.size() - MAX_PROBLEMS;
            problems = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
            problems.add("... and " + more + " more");
        }
        records.sort(Comparator.comparingLong(RingRecord::sequence));
        RingRecord lastReport = null;
        RingRecord panicReport = null;
        RingRecord panicLine = null;
        long lastTime = 0;
        for (RingRecord r : records) {
            lastReport = r.isReport() ? r : lastReport;
            // As the reader before it streamed found them in its records: the last BUG or PANIC
            // report, the first "not syncing" line.
            panicReport = r.isReport() && (r.kind().equals("BUG") || r.kind().equals("PANIC")) ? r : panicReport;
            if (panicLine == null && r.kind().equals("PANIC_LINE") && r.message().startsWith(PANIC_LINE_PREFIX)) {
                panicLine = r;
            }
            lastTime = Math.max(lastTime, r.timeMillis());
        }
        return new RingScan(source, true, headerValid, version, capacity, pid, start, runId, app, clean, end, live,
                records, records.size(), lastReport, panicReport, panicLine, lastTime, available < capacity, torn,
                corrupt, problems);
    }

    private static void note(List<String> problems, String line) {
        // Bounded, yet enough to say exactly how many more there were in any sane ring.
        if (problems.size() <= 10_000) {
            problems.add(line);
        }
    }

    /**
     * Where the frame header at {@code at} (ring offset {@code pos}) says the writers had claimed
     * up to: its position plus its claimed length, or 0 when its sequence, position and offset do
     * not agree or its claimed length is impossible. Committed or not, valid or not: a header
     * whose numbers agree was written by a writer that claimed that space.
     */
    private static long claimEnd(ByteBuffer b, int at, int pos, int capacity, int maxFrame) {
        long position = b.getLong(at + F_POSITION);
        int claim = b.getInt(at + F_CLAIM);
        if (position < 0 || position % capacity != pos || b.getLong(at + F_SEQUENCE) != sequenceOf(position)
                || claim < FRAME_HEADER || claim > maxFrame) {
            return 0;
        }
        return position + align(claim);
    }

    /**
     * The position a writer's start tag at ring offset {@code pos} names, or -1 when the word
     * there is no start tag: its length is not 0, or the sequence it carries (the low 32 bits,
     * completed from {@code newest}, the newest sequence known) does not belong at that offset or
     * lies past {@code furthest}.
     */
    private static long tagPosition(ByteBuffer b, int pos, int capacity, long newest, long furthest) {
        int at = HEADER_LENGTH + pos;
        if (b.getInt(at + F_LENGTH) != 0) {
            return -1;
        }
        int tag = b.getInt(at + F_CRC);
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
    private static String overwritten(ByteBuffer b, int pos, int limit, int capacity, int maxFrame, long claimed,
                                      long newest, long furthest) {
        int at = HEADER_LENGTH + pos;
        // Its own position, from whichever of its two copies still fits its offset.
        long seq = b.getLong(at + F_SEQUENCE);
        long position = b.getLong(at + F_POSITION);
        long fromPosition = position >= 0 && position % capacity == pos ? position : -1;
        long fromSequence = seq >= 1 && seq - 1 <= Long.MAX_VALUE / ALIGNMENT
                && (seq - 1) * ALIGNMENT % capacity == pos ? (seq - 1) * ALIGNMENT : -1;
        // When the copies disagree, a newer frame starting 16 or 24 bytes in may have written over
        // either (with a 64 KiB ring, over just the high half of the position, which still fits).
        long known = fromPosition == fromSequence ? fromPosition : -1;
        int claim = b.getInt(at + F_CLAIM);
        int len = b.getInt(at + F_LENGTH);
        if (len >= FRAME_HEADER && len <= maxFrame) {
            claim = Math.min(claim, len); // both plausible yet different: damage; look no further than the frame
        }
        if (claim >= FRAME_HEADER && claim <= maxFrame) {
            // A frame start inside this one: a newer writer's start tag, or a type word.
            int end = (int) Math.min((long) pos + align(claim), limit);
            for (int o = pos + F_SEQUENCE; o < end; o += ALIGNMENT) {
                if (tagPosition(b, o, capacity, newest, furthest) > known
                        || o + F_TYPE + 4 <= limit && (b.getInt(HEADER_LENGTH + o + F_TYPE) & TYPE_MARKER_MASK) == TYPE_MARKER) {
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

    /** Null when the frame at {@code at} is valid, else why not. */
    private static String check(ByteBuffer b, int at, int pos, int len, int limit, int capacity, int maxFrame,
                                byte[] salt, CRC32C crc, ByteBuffer view) {
        if (len < FRAME_HEADER) {
            return "length " + len + " is shorter than a frame header";
        }
        if (len > maxFrame) {
            return "length " + len + " exceeds the largest frame " + maxFrame;
        }
        if ((long) pos + align(len) > limit) {
            return "length " + len + " runs past the end of the data";
        }
        int claim = b.getInt(at + F_CLAIM);
        if (claim != len) {
            return "committed length " + len + " differs from claimed length " + claim;
        }
        int nameLen = b.getShort(at + F_THREAD_NAME_LENGTH) & 0xFFFF;
        int loggerLen = b.getShort(at + F_LOGGER_LENGTH) & 0xFFFF;
        int msgLen = b.getInt(at + F_MESSAGE_LENGTH);
        if (msgLen < 0 || (long) FRAME_HEADER + nameLen + loggerLen + msgLen != len) {
            return "field lengths do not add up to " + len;
        }
        long position = b.getLong(at + F_POSITION);
        if (position < 0 || position % capacity != pos) {
            return "position " + position + " does not belong at offset " + pos;
        }
        if (b.getLong(at + F_SEQUENCE) != sequenceOf(position)) {
            return "sequence does not match position " + position;
        }
        CRC_BYTES.addAndGet(len - F_TYPE);
        if (frameCrc(crc, salt, view.clear(), at, len) != b.getInt(at + F_CRC)) {
            return "checksum mismatch";
        }
        return null;
    }

    private static RingRecord decode(ByteBuffer b, int at, int type) {
        int nameLen = b.getShort(at + F_THREAD_NAME_LENGTH) & 0xFFFF;
        int loggerLen = b.getShort(at + F_LOGGER_LENGTH) & 0xFFFF;
        int msgLen = b.getInt(at + F_MESSAGE_LENGTH);
        int p = at + FRAME_HEADER;
        String name = utf8(b, p, nameLen);
        String logger = utf8(b, p + nameLen, loggerLen);
        String message = utf8(b, p + nameLen + loggerLen, msgLen);
        return new RingRecord(b.getLong(at + F_SEQUENCE), b.getLong(at + F_POSITION), b.getLong(at + F_TIME),
                b.getLong(at + F_THREAD_ID), name, type >> 8 & 0xFF, type & 0xFF, logger, message);
    }

    private static String utf8(ByteBuffer b, int at, int len) {
        byte[] bytes = new byte[len];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String runIdText(byte[] id) {
        StringBuilder s = new StringBuilder(RUN_ID_BYTES);
        for (byte c : id) {
            if (c == 0) {
                break;
            }
            s.append((char) (c & 0xFF));
        }
        return Escape.text(s.toString());
    }
}
