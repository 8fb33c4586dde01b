package dev.faultline.ring;

import static dev.faultline.ring.RingFormat.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Rings written byte by byte, as a hostile user could: a valid header for any capacity, valid
 * frames anywhere, and frame headers that pass every check but the CRC, as densely as they fit.
 * Into a file (sparse where nothing is written) or an array.
 */
public final class CraftedRing {
    public static final String RUN = "c0ffee00c0ffee00";
    private final int capacity;
    private final byte[] salt = runIdBytes(RUN);
    private final Target target;

    /** Where the bytes go: a file position or an array index, the header included. */
    interface Target {
        void write(long at, byte[] bytes) throws IOException;
    }

    private CraftedRing(int capacity, Target target) {
        this.capacity = capacity;
        this.target = target;
    }

    /** A ring of {@code capacity} data bytes in a new array (header included). */
    public static CraftedRing inArray(int capacity, byte[][] out) throws IOException {
        byte[] bytes = new byte[HEADER_LENGTH + capacity];
        out[0] = bytes;
        CraftedRing r = new CraftedRing(capacity, (at, b) -> System.arraycopy(b, 0, bytes, (int) at, b.length));
        r.header();
        return r;
    }

    /** A ring of {@code capacity} data bytes in {@code file}, sparse: only what is written takes space. */
    public static CraftedRing inFile(Path file, int capacity) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0}), HEADER_LENGTH + (long) capacity - 1);
        }
        CraftedRing r = new CraftedRing(capacity, (at, b) -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(b);
                while (buf.hasRemaining()) {
                    ch.write(buf, at + buf.position());
                }
            }
        });
        r.header();
        return r;
    }

    public int capacity() {
        return capacity;
    }

    private void header() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        h.putLong(H_MAGIC, MAGIC).putInt(H_VERSION, VERSION).putInt(H_HEADER_LENGTH, HEADER_LENGTH)
                .putInt(H_CAPACITY, capacity).putLong(H_PID, 4242).putLong(H_START, 1_700_000_000_000L);
        h.put(H_RUN_ID, salt);
        h.putInt(H_CRC, headerCrc(h));
        target.write(0, h.array());
    }

    /** Names the ring's application in its header (as a writer of this version does). */
    public void app(String app) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        h.put(H_APP, appBytes(app));
        int crc = appCrc(h);
        byte[] field = new byte[APP_BYTES + 4];
        ByteBuffer.wrap(field).order(ByteOrder.LITTLE_ENDIAN).put(appBytes(app)).putInt(crc);
        target.write(H_APP, field);
    }

    /** The bytes of a frame at {@code position}: valid, or with its CRC off by one. Returns its aligned length. */
    public byte[] frame(long position, String logger, String message, boolean valid) {
        byte[] name = "crafted".getBytes(StandardCharsets.UTF_8);
        byte[] log = logger.getBytes(StandardCharsets.UTF_8);
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        int len = FRAME_HEADER + name.length + log.length + msg.length;
        ByteBuffer f = ByteBuffer.allocate(align(len)).order(ByteOrder.LITTLE_ENDIAN);
        f.putInt(F_TYPE, type(SOURCE_LOG, 2)).putInt(F_CLAIM, len).putLong(F_SEQUENCE, sequenceOf(position))
                .putLong(F_POSITION, position).putLong(F_TIME, 1_700_000_000_000L + position / ALIGNMENT)
                .putLong(F_THREAD_ID, 1).putShort(F_THREAD_NAME_LENGTH, (short) name.length)
                .putShort(F_LOGGER_LENGTH, (short) log.length).putInt(F_MESSAGE_LENGTH, msg.length);
        f.position(FRAME_HEADER);
        f.put(name).put(log).put(msg);
        CRC32C crc = new CRC32C();
        crc.update(salt);
        crc.update(f.array(), F_TYPE, len - F_TYPE);
        f.putInt(F_CRC, (int) crc.getValue() + (valid ? 0 : 1));
        f.putInt(F_LENGTH, len);
        return f.array();
    }

    /** Writes a valid frame at {@code position}; returns the position after it. */
    public long put(long position, String logger, String message) throws IOException {
        byte[] f = frame(position, logger, message, true);
        target.write(HEADER_LENGTH + position % capacity, f);
        return position + f.length;
    }

    /**
     * Fills data offsets [from, to) with a frame header every {@code step} bytes that passes every
     * check but the CRC and claims {@code claim} bytes (the whole claim must lie before the data's
     * end): the ring that made the old reader compute one {@code claim}-byte CRC per {@code step}
     * bytes. Positions are of lap {@code lap}.
     */
    public void overlappingHeaders(int from, int to, int step, int claim, long lap) throws IOException {
        int chunk = 1 << 20;
        for (int at = from; at < to; at += chunk) {
            int n = Math.min(chunk, to - at);
            ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            for (int o = 0; o + FRAME_HEADER <= n; o += step) {
                long position = lap * capacity + at + o;
                b.putInt(o + F_LENGTH, claim).putInt(o + F_CRC, 0x5eed).putInt(o + F_TYPE, type(SOURCE_LOG, 2))
                        .putInt(o + F_CLAIM, claim).putLong(o + F_SEQUENCE, sequenceOf(position))
                        .putLong(o + F_POSITION, position).putShort(o + F_THREAD_NAME_LENGTH, (short) 0)
                        .putShort(o + F_LOGGER_LENGTH, (short) 0).putInt(o + F_MESSAGE_LENGTH, claim - FRAME_HEADER);
            }
            target.write(HEADER_LENGTH + (long) at, b.array());
        }
    }

    /** Fills data offsets [from, to) with valid frames of lap {@code lap}, back to back; returns how many. */
    public int denseFrames(int from, int to, long lap, String message) throws IOException {
        int chunk = 1 << 20;
        int count = 0;
        long position = lap * capacity + from;
        byte[] sample = frame(position, "d", message, true);
        ByteBuffer b = ByteBuffer.allocate(chunk);
        long chunkStart = HEADER_LENGTH + (long) from;
        while (position + sample.length <= lap * capacity + to) {
            byte[] f = frame(position, "d", message, true);
            if (b.remaining() < f.length) {
                target.write(chunkStart, java.util.Arrays.copyOf(b.array(), b.position()));
                chunkStart += b.position();
                b.clear();
            }
            b.put(f);
            position += f.length;
            count++;
        }
        target.write(chunkStart, java.util.Arrays.copyOf(b.array(), b.position()));
        return count;
    }
}
