package dev.faultline.ring;

import static dev.faultline.ring.RingFormat.HEADER_LENGTH;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * A bounded view of a ring's data region that slides forward: the reader never holds more of a
 * ring than this, whatever the file's size. Offsets are data-region offsets (0 is the byte after
 * the header). Each byte is read from the source once per pass in order, so one pass sees one
 * version of a ring that is still being written; bytes the source does not have (the file
 * shrank while it was read) read as zeros.
 */
final class RingWindow {
    /** Where the bytes come from: read by position, never all at once. */
    interface Source {
        /** Reads up to {@code len} bytes at file position {@code at}; fewer (or 0) only at the end. */
        int read(long at, byte[] dst, int off, int len) throws IOException;

        static Source of(FileChannel ch) {
            return (at, dst, off, len) -> {
                ByteBuffer b = ByteBuffer.wrap(dst, off, len);
                while (b.hasRemaining()) {
                    int n = ch.read(b, at + (b.position() - off));
                    if (n <= 0) {
                        break;
                    }
                }
                return b.position() - off;
            };
        }

        static Source of(byte[] bytes, int length) {
            return (at, dst, off, len) -> {
                if (at >= length) {
                    return 0;
                }
                int n = (int) Math.min(len, length - at);
                System.arraycopy(bytes, (int) at, dst, off, n);
                return n;
            };
        }
    }

    private final Source source;
    private final int limit;
    private final byte[] buf;
    private final ByteBuffer le;
    /** Data offset of buf[0]. */
    private int base;
    /** Bytes of buf that hold data. */
    private int filled;
    /** Read no further than this (a walk of a short region must not read a megabyte past it). */
    private int readEnd;
    /** Bytes read from the source (for tests: a pass reads each byte once). */
    long bytesRead;

    /** A window of {@code size} bytes over the data region's first {@code limit} bytes. */
    RingWindow(Source source, int limit, int size) {
        this.source = source;
        this.limit = limit;
        this.buf = new byte[size];
        this.le = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    }

    int limit() {
        return limit;
    }

    /** Starts empty at {@code from}, reading ahead no further than {@code readEnd}. */
    void restart(int from, int readEnd) {
        base = from;
        filled = 0;
        this.readEnd = Math.min(limit, Math.max(readEnd, from));
    }

    /**
     * Makes the bytes [floor, to) available ({@code to} is cut at the data's end). Bytes below
     * {@code floor} may be dropped; {@code floor} never moves back.
     */
    void require(int floor, int to) throws IOException {
        to = Math.min(to, limit);
        if (to <= base + filled) {
            return;
        }
        if (floor < base) {
            throw new IllegalStateException("ring window moved back from " + base + " to " + floor);
        }
        if (to - base > buf.length) {
            int drop = Math.min(floor, base + filled) - base;
            System.arraycopy(buf, drop, buf, 0, filled - drop);
            base += drop;
            filled -= drop;
            if (to - base > buf.length) {
                throw new IllegalStateException("ring window of " + buf.length + " bytes cannot hold [" + floor + ", "
                        + to + ")");
            }
        }
        int end = Math.max(to, Math.min(Math.min(readEnd, limit), base + buf.length));
        int want = end - base - filled;
        int got = 0;
        while (got < want) {
            int n = source.read(HEADER_LENGTH + (long) base + filled + got, buf, filled + got, want - got);
            if (n <= 0) {
                break;
            }
            got += n;
        }
        bytesRead += got;
        java.util.Arrays.fill(buf, filled + got, filled + want, (byte) 0);
        filled += want;
    }

    int getInt(int off) {
        return le.getInt(off - base);
    }

    long getLong(int off) {
        return le.getLong(off - base);
    }

    int getUnsignedShort(int off) {
        return le.getShort(off - base) & 0xFFFF;
    }

    void get(int off, byte[] dst, int dstOff, int len) {
        System.arraycopy(buf, off - base, dst, dstOff, len);
    }

    /** Feeds bytes [from, to), which must be available, to {@code crc}. */
    void update(CRC32C crc, int from, int to) {
        crc.update(buf, from - base, to - from);
    }
}
