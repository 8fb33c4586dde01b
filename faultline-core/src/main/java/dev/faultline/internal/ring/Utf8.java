package dev.faultline.internal.ring;

/**
 * UTF-8 length and encoding of a {@link CharSequence} into a reused array, without the new
 * byte array {@code String.getBytes} would allocate. An unpaired surrogate is
 * written as {@code ?}, so every frame holds well-formed UTF-8.
 */
final class Utf8 {
    private Utf8() {}

    /**
     * True when the whole of {@code s} encodes in at most {@code limit} bytes. (Comparing
     * {@link #prefixBytes} with the limit is not the same question: the longest prefix that fits
     * can stop short of the limit before a character of several bytes.)
     */
    static boolean fits(CharSequence s, int limit) {
        return prefixBytes(s, limit + 1, true) <= limit;
    }

    /** Bytes of the longest prefix of {@code s} whose encoding fits in {@code limit} bytes. */
    static int prefixBytes(CharSequence s, int limit) {
        return prefixBytes(s, limit, false);
    }

    /** As above; with {@code whole}, a prefix that stops short of the end counts as {@code limit}. */
    private static int prefixBytes(CharSequence s, int limit, boolean whole) {
        int n = s.length();
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int w;
            if (c < 0x80) {
                w = 1;
            } else if (c < 0x800) {
                w = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                w = 4;
            } else if (Character.isSurrogate(c)) {
                w = 1;
            } else {
                w = 3;
            }
            if (bytes + w > limit) {
                return whole ? limit : bytes;
            }
            bytes += w;
            if (w == 4) {
                i++;
            }
        }
        return bytes;
    }

    /**
     * Encodes the prefix of {@code s} that takes exactly {@code bytes} bytes (as computed by
     * {@link #prefixBytes}) at absolute index {@code at}; returns the index after it.
     */
    static int encode(byte[] b, int at, CharSequence s, int bytes) {
        int end = at + bytes;
        int n = s.length();
        for (int i = 0; i < n && at < end; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[at++] = (byte) (0xF0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                b[at++] = (byte) '?';
            } else {
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return at;
    }
}
