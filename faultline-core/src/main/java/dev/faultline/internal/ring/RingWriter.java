package dev.faultline.internal.ring;

import static dev.faultline.ring.RingFormat.*;

import dev.faultline.report.Report;
import dev.faultline.internal.console.Console;
import dev.faultline.ring.CrashRing;
import dev.faultline.ring.LogLine;
import dev.faultline.ring.LogLineFormat;
import dev.faultline.ring.RingFormat;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * Writes frames into a ring buffer (see {@link RingFormat}): lock-free for any number of
 * threads, overwriting the oldest frames when it wraps around.
 *
 * <p>Space is claimed by a compare-and-set on a logical tail, so two writers never share bytes;
 * each then fills its frame and commits it by writing the length last, with release
 * semantics. A process killed at any instant leaves every committed frame whole and every
 * other frame detectably unfinished.
 */
public final class RingWriter implements CrashRing {
    /** Release int stores into the ring (frames are 8-byte aligned, so atomic modes work). */
    private static final VarHandle INT = java.lang.invoke.MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private static final String TRUNCATED = " [truncated]";
    private static final int INITIAL_FRAME_BYTES = 512;
    /** Largest encode buffer a thread keeps between appends: a report with a deep stack fits; a thread dump does not. */
    static final int KEEP_FRAME_BYTES = 16 * 1024;
    private static final int TRUNCATED_BYTES = TRUNCATED.length();

    private final ByteBuffer ring;
    private final MappedByteBuffer mapped;
    private final Path file;
    private final int capacity;
    private final int maxFrame;
    private final byte[] salt;
    private final AtomicLong tail = new AtomicLong();
    private final InFlight inFlight = new InFlight();
    private final ThreadLocal<Scratch> scratch;
    private volatile String lastFailure;
    private static final String REFUSED = "refused: more writers at once than in-flight slots, or a whole lap of"
            + " newer records claimed its space while it was being written";

    /**
     * Per-thread workspace: the frame is built here, checksummed, then copied into the ring in
     * one bulk write — far cheaper than byte-by-byte writes into the mapping.
     */
    private static final class Scratch {
        final CRC32C crc = new CRC32C();
        /** The in-flight slot this thread took last: taking it again keeps its cache line to this thread. */
        int slotHint;
        byte[] frame = new byte[INITIAL_FRAME_BYTES];
        ByteBuffer fields = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);

        /**
         * The last thread name and logger seen, kept encoded: usually the same ones come again,
         * and a new one is encoded into the same array, so nothing is allocated either way.
         */
        String name;
        final byte[] nameBytes = new byte[MAX_NAME_BYTES];
        int nameLength;
        String logger;
        final byte[] loggerBytes = new byte[MAX_NAME_BYTES];
        int loggerLength;

        /**
         * A log line's body (LogLineFormat) or a report's JSON is rendered here first, then
         * encoded like any message. Busy while in use: a throwable's getMessage() that logs
         * again must not render into the buffer being filled, so that nested record gets a
         * buffer of its own.
         */
        final StringBuilder body = new StringBuilder(1024);
        boolean bodyBusy;
        /** Encodes messages in bulk: a report's JSON is thousands of mostly ASCII characters. */
        final BulkUtf8 utf8 = new BulkUtf8(1024);

        /** An empty builder to render into: the thread's own, or a fresh one when that is busy. */
        StringBuilder takeBody() {
            if (bodyBusy) {
                return new StringBuilder(1024);
            }
            bodyBusy = true;
            body.setLength(0);
            return body;
        }

        /** Ends the use of a builder from {@link #takeBody()}. */
        void giveBack(StringBuilder taken) {
            if (taken != body) {
                return;
            }
            bodyBusy = false;
            if (body.capacity() > 64 * 1024) {
                // One huge line or report must not pin a huge buffer to the thread for ever.
                body.setLength(0);
                body.trimToSize();
            }
        }

        void name(String s) {
            if (s != name) {
                nameLength = Utf8.prefixBytes(s, MAX_NAME_BYTES);
                Utf8.encode(nameBytes, 0, s, nameLength);
                name = s;
            }
        }

        void logger(String s) {
            if (s != logger) {
                loggerLength = Utf8.prefixBytes(s, MAX_NAME_BYTES);
                Utf8.encode(loggerBytes, 0, s, loggerLength);
                logger = s;
            }
        }

        byte[] frame(int size) {
            if (frame.length < size) {
                frame = new byte[Math.max(size, frame.length * 2)];
                fields = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
            }
            return frame;
        }

        /**
         * After a large record, gives the big array back: one thread dump or long message must
         * not pin up to 64 KiB for the rest of every thread's life. Small records (the common
         * case) keep their array, so steady appends still allocate nothing.
         */
        void shrink() {
            if (frame.length > KEEP_FRAME_BYTES) {
                frame = new byte[INITIAL_FRAME_BYTES];
                fields = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
                utf8.forget(); // it wraps the big array too
            }
        }
    }

    /**
     * Writes a fresh header for this run into {@code ring} (which must hold
     * {@code HEADER_LENGTH + capacity} bytes, data region zeroed) and returns a writer on it.
     *
     * @param mapped the same buffer when it maps a file ({@link #force()} flushes it), else null
     * @param file   the file behind it, for {@link #file()}, or null
     */
    public static RingWriter create(ByteBuffer ring, MappedByteBuffer mapped, Path file, int capacity,
                                    long pid, long startMillis, String runId) {
        return create(ring, mapped, file, capacity, pid, startMillis, runId, "");
    }

    /**
     * As above, with the application's name ({@code faultline.app}) in the header ("" for none),
     * and this process's origin word without {@link dev.faultline.ring.RingFormat#ORIGIN_LOCKED}:
     * the ring's file, if any, is not known to be locked.
     */
    public static RingWriter create(ByteBuffer ring, MappedByteBuffer mapped, Path file, int capacity,
                                    long pid, long startMillis, String runId, String app) {
        return create(ring, mapped, file, capacity, pid, startMillis, runId, app, Liveness.origin(false),
                Liveness.pidNamespace());
    }

    /**
     * As above, with the header's origin word and PID namespace ({@link Liveness}): how another
     * process can tell whether this run still runs.
     */
    public static RingWriter create(ByteBuffer ring, MappedByteBuffer mapped, Path file, int capacity,
                                    long pid, long startMillis, String runId, String app, int origin,
                                    int pidNamespace) {
        ByteBuffer b = ring.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(H_MAGIC, MAGIC);
        b.putInt(H_VERSION, VERSION);
        b.putInt(H_HEADER_LENGTH, HEADER_LENGTH);
        b.putInt(H_CAPACITY, capacity);
        b.putInt(H_ORIGIN, origin);
        b.putLong(H_PID, pid);
        b.putLong(H_START, startMillis);
        byte[] id = runIdBytes(runId);
        for (int i = 0; i < RUN_ID_BYTES; i++) {
            b.put(H_RUN_ID + i, id[i]);
        }
        b.putInt(H_CRC, headerCrc(b));
        b.putInt(H_CLEAN, 0);
        b.putLong(H_END, 0);
        if (app != null && !app.isEmpty()) {
            byte[] name = appBytes(app);
            for (int i = 0; i < APP_BYTES; i++) {
                b.put(H_APP + i, name[i]);
            }
            b.putInt(H_APP_CRC, appCrc(b));
        }
        b.putInt(H_PID_NAMESPACE, pidNamespace);
        return new RingWriter(b, mapped, file, capacity, id);
    }

    /** An in-memory ring of {@code capacity} bytes (direct memory, so the same atomic writes apply). */
    public static RingWriter inMemory(int capacity, long pid, long startMillis, String runId) {
        return inMemory(capacity, pid, startMillis, runId, "");
    }

    /** As above, with the application's name in the header. */
    public static RingWriter inMemory(int capacity, long pid, long startMillis, String runId, String app) {
        ByteBuffer b = ByteBuffer.allocateDirect(HEADER_LENGTH + capacity);
        return create(b, null, null, capacity, pid, startMillis, runId, app);
    }

    private RingWriter(ByteBuffer ring, MappedByteBuffer mapped, Path file, int capacity, byte[] salt) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || capacity % ALIGNMENT != 0) {
            throw new IllegalArgumentException("ring capacity " + capacity + " is not a multiple of " + ALIGNMENT
                    + " between " + MIN_CAPACITY + " and " + MAX_CAPACITY);
        }
        this.ring = ring;
        this.mapped = mapped;
        this.file = file;
        this.capacity = capacity;
        this.maxFrame = RingFormat.maxFrame(capacity);
        this.salt = salt;
        this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    @Override
    public long append(System.Logger.Level level, String logger, CharSequence message) {
        try {
            Thread t = Thread.currentThread();
            int code = (level == null ? System.Logger.Level.INFO : level).ordinal();
            return write(type(SOURCE_LOG, code), t.getName(), t.getId(), System.currentTimeMillis(), logger, message);
        } catch (Throwable e) {
            return -1;
        }
    }

    @Override
    public long append(LogLine line) {
        if (line == null) {
            return -1;
        }
        try {
            Scratch s = scratch.get();
            StringBuilder body = s.takeBody();
            try {
                // Cut first: the frame holds at most maxFrame bytes, so no more chars are read or escaped.
                LogLineFormat.encode(line, body, maxFrame);
                return write(type(SOURCE_LOG_LINE, line.level().ordinal()), line.threadName(), line.threadId(),
                        line.timeMillis(), line.logger(), body);
            } finally {
                s.giveBack(body);
            }
        } catch (Throwable e) {
            return -1;
        }
    }

    /**
     * Appends {@code report} as one structured frame: its site as the logger, its JSON (cut to
     * fit the frame, see {@link Report#toJson(int)}) as the message. Returns the sequence number,
     * or -1 when nothing was written; then {@link #lastFailure()} says why.
     */
    public long append(Report report) {
        try {
            String logger = report.site();
            int room = maxFrame - FRAME_HEADER - Math.min(MAX_NAME_BYTES, 3 * report.threadName().length())
                    - Math.min(MAX_NAME_BYTES, 3 * logger.length()) - TRUNCATED_BYTES;
            Scratch s = scratch.get();
            StringBuilder json = s.takeBody();
            long seq;
            try {
                // Rendered into the thread's own builder and encoded from there: no string per report.
                report.appendJson(json);
                // At most 3 bytes a char: most reports fit without counting their bytes first. One
                // that does not fit is cut as a report (message, dump, outer frames), never as text.
                CharSequence body = 3L * json.length() <= room || Utf8.fits(json, room)
                        ? json : report.toJson(room);
                seq = write(type(SOURCE_REPORT, report.kind().ordinal()), report.threadName(), report.threadId(),
                        report.time().toEpochMilli(), logger, body);
            } finally {
                s.giveBack(json);
            }
            if (seq < 0) {
                lastFailure = REFUSED;
            }
            return seq;
        } catch (Throwable e) {
            lastFailure = failure(e);
            return -1;
        }
    }

    /**
     * Appends one of Faultline's own records ({@link RingFormat#SOURCE_DUMP},
     * {@link RingFormat#SOURCE_FAULTLINE}) from the calling thread, now. Returns the sequence
     * number or -1 (see {@link #lastFailure()}). Never throws.
     */
    public long appendOwn(int source, int code, String logger, CharSequence message) {
        try {
            Thread t = Thread.currentThread();
            long seq = write(type(source, code), t.getName(), t.getId(), System.currentTimeMillis(), logger, message);
            if (seq < 0) {
                lastFailure = REFUSED;
            }
            return seq;
        } catch (Throwable e) {
            lastFailure = failure(e);
            return -1;
        }
    }

    /** Why the last {@link #append(Report)} or {@link #appendOwn} that returned -1 wrote nothing; null if none did. */
    public String lastFailure() {
        return lastFailure;
    }

    private static String failure(Throwable e) {
        // No string concatenation of the throwable: the heap may be full; its class name is enough.
        return e.getClass().getName();
    }

    private long write(int type, String threadName, long threadId, long timeMillis, String logger,
                       CharSequence message) {
        CharSequence msg = message == null ? "" : message;
        Scratch s = scratch.get();
        s.name(threadName == null ? "" : threadName);
        s.logger(logger == null ? "" : logger);
        int nameLength = s.nameLength;
        int loggerLength = s.loggerLength;
        int budget = maxFrame - FRAME_HEADER - nameLength - loggerLength;
        // One pass over the message, straight into the frame: a char is at most 3 bytes (a
        // surrogate pair 4 for 2 chars), and encoding past the budget means the message is cut.
        int room = (int) Math.min(budget + 4L, 3L * msg.length());
        int msgAt = FRAME_HEADER + nameLength + loggerLength;
        byte[] f = s.frame(msgAt + room + ALIGNMENT + TRUNCATED_BYTES);
        System.arraycopy(s.nameBytes, 0, f, FRAME_HEADER, nameLength);
        System.arraycopy(s.loggerBytes, 0, f, FRAME_HEADER + nameLength, loggerLength);
        int p = s.utf8.encodeUpTo(f, msgAt, msg, room);
        if (p - msgAt > budget) {
            // Cut at a character boundary so the stored text stays well-formed UTF-8, then mark it.
            p = msgAt + budget - TRUNCATED_BYTES;
            while (p > msgAt && (f[p] & 0xC0) == 0x80) {
                p--;
            }
            p = Utf8.encode(f, p, TRUNCATED, TRUNCATED_BYTES);
        }
        int length = p;
        int frame = align(length);
        for (; p < frame; p++) {
            f[p] = 0;
        }
        ByteBuffer fields = s.fields;
        fields.putInt(F_TYPE, type);
        fields.putInt(F_CLAIM, length);
        fields.putLong(F_TIME, timeMillis);
        fields.putLong(F_THREAD_ID, threadId);
        fields.putShort(F_THREAD_NAME_LENGTH, (short) nameLength);
        fields.putShort(F_LOGGER_LENGTH, (short) loggerLength);
        fields.putInt(F_MESSAGE_LENGTH, length - msgAt);

        long position = claim(frame);
        // Claim order and sequence order are one and the same: the number is the position.
        long seq = sequenceOf(position);
        fields.putLong(F_SEQUENCE, seq);
        fields.putLong(F_POSITION, position);
        CRC32C crc = s.crc;
        crc.reset();
        crc.update(salt, 0, salt.length);
        crc.update(f, F_TYPE, length - F_TYPE);

        int offset = (int) (position % capacity);
        int slot = inFlight.enter(offset, frame, s.slotHint);
        if (slot == InFlight.NONE) {
            // More writers at this instant than slots. Unseen, this one could be overtaken a lap
            // later and tear the newer record: refuse rather than write unprotected.
            s.shrink();
            return -1;
        }
        s.slotHint = slot;
        try {
            if (tail.get() > position + capacity) {
                // This thread stalled after its claim while a whole lap of newer records was
                // claimed: the space is theirs now, and writing would destroy one of them.
                return -1;
            }
            if (position >= capacity && inFlight.overlapsAnother(offset, frame, slot)) {
                // A writer from an earlier lap is still filling these bytes; it keeps them.
                return -1;
            }
            commit(HEADER_LENGTH + offset, f, frame, length, type, seq, position, (int) crc.getValue());
            return seq;
        } finally {
            inFlight.exit(slot);
            s.shrink();
        }
    }

    private void commit(int at, byte[] f, int frame, int length, int type, long seq, long position, int crc) {
        ByteBuffer b = ring;
        // Order matters to a reader after a crash (see RingFormat): uncommit whatever started
        // here and tag the start with the sequence (one store), then sequence and position, then
        // the type word, then the rest, the CRC, and last the length, with release semantics.
        // The store-store fences keep the compiler to that order (on x86 they cost nothing); the
        // final release orders everything before the commit.
        b.putLong(at + F_LENGTH, (seq & 0xFFFFFFFFL) << 32);
        VarHandle.storeStoreFence();
        b.putLong(at + F_SEQUENCE, seq);
        b.putLong(at + F_POSITION, position);
        b.putInt(at + F_CLAIM, length);
        VarHandle.storeStoreFence();
        b.putInt(at + F_TYPE, type);
        VarHandle.storeStoreFence();
        b.put(at + F_TIME, f, F_TIME, frame - F_TIME);
        b.putInt(at + F_CRC, crc);
        INT.setRelease(b, at + F_LENGTH, length);
    }

    /** Claims {@code frame} bytes; a frame never straddles the end of the data region. */
    private long claim(int frame) {
        while (true) {
            long t = tail.get();
            int offset = (int) (t % capacity);
            long start = offset + frame <= capacity ? t : t + (capacity - offset);
            if (tail.compareAndSet(t, start + frame)) {
                return start;
            }
        }
    }

    @Override
    public void force() {
        if (mapped == null) {
            return;
        }
        try {
            mapped.force();
        } catch (Throwable e) {
            Console.raw("faultline: could not force the crash ring " + file + " to disk: " + e + "\n");
        }
    }

    /** Records a clean shutdown at {@code endMillis} in the header and forces the ring to disk. */
    public void markClean(long endMillis) {
        ring.putLong(H_END, endMillis);
        INT.setRelease(ring, H_CLEAN, CLEAN);
        force();
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** Bytes of the calling thread's encode buffers (the frame, and any the encoder holds), kept between appends (for tests). */
    int scratchBytes() {
        Scratch s = scratch.get();
        return Math.max(s.frame.length, s.utf8.heldBytes());
    }

    /** The largest frame this ring writes; longer messages are cut to fit. */
    public int maxFrame() {
        return maxFrame;
    }

    /** Bytes claimed over the ring's lifetime, including wrap-around; the next record goes here. */
    public long tail() {
        return tail.get();
    }

    /** A copy of the whole ring (header and data), as a reader would find it on disk. */
    public byte[] snapshot() {
        ByteBuffer d = ring.duplicate();
        d.clear();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    @Override
    public String toString() {
        return "crash ring " + (file == null ? "(in memory)" : file.toString());
    }
}
