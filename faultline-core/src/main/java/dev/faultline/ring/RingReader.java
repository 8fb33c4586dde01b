package dev.faultline.ring;

import static dev.faultline.ring.RingFormat.*;

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
 * Reads a crash ring from any bytes at all — a ring left by a killed process, a truncated copy,
 * random garbage — and never throws. It returns only frames that pass every check, in sequence
 * order across wrap-around, and accounts for what it skipped ({@link RingScan}).
 *
 * <p>The scan walks the data region in {@link RingFormat#ALIGNMENT} steps. A valid frame is
 * taken whole and the scan jumps past it; anything else is stepped over 8 bytes at a time, so
 * one bad frame cannot hide the good frames after it.
 */
public final class RingReader {
    private static final int MAX_PROBLEMS = 20;

    private RingReader() {}

    /**
     * Reads the ring file {@code file}; an unreadable file gives a scan that says why.
     *
     * <p>Not for a ring this process has open: closing a channel drops every lock the process
     * holds on the file (POSIX), and the lock is how other processes know the run is alive.
     */
    public static RingScan read(Path file) {
        String source = String.valueOf(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, source);
        } catch (IOException | RuntimeException e) {
            return notARing(source, "cannot read: " + e);
        }
    }

    /** Reads a ring from an open channel, from offset 0, leaving the channel open. */
    public static RingScan read(FileChannel ch, String source) {
        try {
            long size = ch.size();
            long want = Math.min(size, (long) HEADER_LENGTH + MAX_CAPACITY);
            // Read into the heap rather than map: a file truncated under a mapping kills the reader with SIGBUS.
            ByteBuffer b = ByteBuffer.allocate((int) want);
            while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
                // keep reading
            }
            return read(b.array(), b.position(), source);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            return notARing(source, "cannot read: " + e);
        }
    }

    /** Reads a ring from {@code bytes}. */
    public static RingScan read(byte[] bytes, String source) {
        return read(bytes, bytes.length, source);
    }

    private static RingScan read(byte[] bytes, int length, String source) {
        try {
            return scan(ByteBuffer.wrap(bytes, 0, length).slice().order(ByteOrder.LITTLE_ENDIAN), source);
        } catch (RuntimeException e) {
            // Defensive: the scan checks every bound first, so this means a bug in the reader, not bad input.
            return notARing(source, "reader failed: " + e);
        }
    }

    private static RingScan notARing(String source, String why) {
        return new RingScan(source, false, false, 0, 0, 0, 0, "", "", false, 0, List.of(), 0, 0,
                List.of(Escape.text(why)));
    }

    /** A frame that failed its checks; classified once the whole region has been walked. */
    private static final class Bad {
        final int offset;
        final int extent;
        final long position;
        final String why;

        Bad(int offset, int extent, long position, String why) {
            this.offset = offset;
            this.extent = extent;
            this.position = position;
            this.why = why;
        }
    }

    private static RingScan scan(ByteBuffer b, String source) {
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
        if (version != VERSION) {
            problems.add("format version " + version + " is not supported (this reader knows " + VERSION + ")");
            return new RingScan(source, true, false, version, capacity, pid, start, runId, "", clean, end, List.of(), 0, 0,
                    problems);
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
        // Offsets and positions of every frame start seen (valid or claimed), to recognise overwrites.
        List<long[]> starts = new ArrayList<>();
        int torn = 0;
        int maxFrame = maxFrame(Math.max(capacity, MIN_CAPACITY));
        CRC32C crc = new CRC32C();
        ByteBuffer view = b.duplicate();
        int pos = 0;
        while (pos + FRAME_HEADER <= limit) {
            int at = HEADER_LENGTH + pos;
            int type = b.getInt(at + F_TYPE);
            if ((type & TYPE_MARKER_MASK) != TYPE_MARKER) {
                pos += ALIGNMENT;
                continue;
            }
            int len = b.getInt(at + F_LENGTH);
            long position = b.getLong(at + F_POSITION);
            if (len == 0) {
                torn++;
                starts.add(new long[] {pos, position});
                note(problems, "offset " + pos + ": frame claimed but never committed (writer stopped mid-record)");
                pos += ALIGNMENT;
                continue;
            }
            String why = check(b, at, pos, len, limit, capacity, maxFrame, salt, crc, view);
            if (why != null) {
                int extent = len > 0 ? Math.min(len, limit - pos) : 0;
                bad.add(new Bad(pos, extent, position, why));
                pos += ALIGNMENT;
                continue;
            }
            records.add(decode(b, at, type));
            starts.add(new long[] {pos, position});
            pos += align(len);
        }
        int corrupt = 0;
        for (Bad x : bad) {
            if (overwritten(x, starts, capacity)) {
                torn++;
                note(problems, "offset " + x.offset + ": older frame partly overwritten by a newer one (" + x.why + ")");
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
        return new RingScan(source, true, headerValid, version, capacity, pid, start, runId, app, clean, end, records, torn,
                corrupt, problems);
    }

    private static void note(List<String> problems, String line) {
        // Bounded, yet enough to say exactly how many more there were in any sane ring.
        if (problems.size() <= 10_000) {
            problems.add(line);
        }
    }

    /** A newer frame, a lap or more later, starts inside the bad frame: a crash-time overwrite, not damage. */
    private static boolean overwritten(Bad x, List<long[]> starts, int capacity) {
        for (long[] s : starts) {
            if (s[0] > x.offset && s[0] < (long) x.offset + x.extent && s[1] - x.position >= capacity) {
                return true;
            }
        }
        return false;
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
