package dev.faultline.ring;

/**
 * CRC32C arithmetic (zlib's {@code crc32_combine}, for the Castagnoli polynomial): the checksum
 * of a range of bytes from two checksums of a running CRC taken at its ends. Why: frame headers
 * in a crafted ring can overlap, each claiming up to 64 KiB; checking each one on its own bytes
 * would cost 64 KiB of CRC per 8 bytes of ring. With one running CRC over the ring and this
 * arithmetic, each candidate frame costs a few dozen operations, whatever its length.
 *
 * <p>Values are CRCs as {@link java.util.zip.CRC32C#getValue()} gives them (pre- and
 * post-conditioned), truncated to {@code int}.
 */
final class Crc32cMath {
    /** The Castagnoli polynomial, bit-reversed. */
    private static final int POLY = 0x82F63B78;
    /** x^(2^k) modulo the polynomial, k = 0..31. */
    private static final int[] X2N = new int[32];

    static {
        int p = 1 << 30; // x^1
        X2N[0] = p;
        for (int n = 1; n < 32; n++) {
            X2N[n] = p = multiply(p, p);
        }
    }

    /** Recent operators {@code x^(8n)}, by byte count {@code n} modulo the cache's size: frames of one length share one. */
    private static final int CACHE = 1024;
    private final int[] cachedBytes = new int[CACHE];
    private final int[] cachedShift = new int[CACHE];

    Crc32cMath() {
        java.util.Arrays.fill(cachedBytes, -1);
    }

    /** a·b modulo the polynomial (bit-reversed representation). {@code a} must not be 0. */
    static int multiply(int a, int b) {
        int m = 1 << 31;
        int p = 0;
        for (;;) {
            if ((a & m) != 0) {
                p ^= b;
                if ((a & (m - 1)) == 0) {
                    break;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return p;
    }

    /** x^(8n) modulo the polynomial: appending n bytes shifts a CRC by this. */
    static int shift(long n) {
        int p = 1 << 31; // x^0
        int k = 3;
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multiply(X2N[k & 31], p);
            }
            n >>>= 1;
            k++;
        }
        return p;
    }

    /**
     * CRC of {@code prefix} followed by the {@code n} bytes [a, b) of a stream, where {@code atA}
     * and {@code atB} are the running CRC of the stream (from any common starting point) at a and
     * at b, and {@code prefixCrc} is the CRC of {@code prefix} alone.
     */
    int rangeAfter(int prefixCrc, int atA, int atB, int n) {
        int x = atA ^ prefixCrc;
        if (x == 0) {
            return atB; // the running CRC started with the prefix at a
        }
        int slot = n & (CACHE - 1);
        int op;
        if (cachedBytes[slot] == n) {
            op = cachedShift[slot];
        } else {
            op = cachedShift[slot] = shift(n);
            cachedBytes[slot] = n;
        }
        return atB ^ multiply(op, x);
    }
}
