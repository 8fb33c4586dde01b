package dev.faultline.internal.ring;

/**
 * UTF-8 length and encoding of a {@link CharSequence} into a reused array, without the new
 * byte array {@code String.getBytes} would allocate. An unpaired surrogate is
 * written as {@code ?}, so every frame holds well-formed UTF-8.
 */
final class Utf8 {
    private Utf8() {}

    /** Bytes of the longest prefix of {@code s} whose encoding fits in {@code limit} bytes. */
    static int prefixBytes(CharSequence s, int limit) {
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
                return bytes;
            }
            bytes += w;
            if (w == 4) {
                i++;
            }
        }
        return bytes;
    }

    /**
     * Encodes {@code s} at {@code at}, stopping before the first character that would take the
     * output past {@code limit} bytes; returns the index after the last byte written.
     */
    static int encodeUpTo(byte[] b, int at, CharSequence s, int limit) {
        return encodeFrom(b, at, s, 0, at + limit);
    }

    /**
     * As {@link #encodeUpTo(byte[], int, CharSequence, int)}; a {@link String} or
     * {@link StringBuilder} is read in bulk through {@code chunk} while it is ASCII (a report's
     * JSON nearly always is), which spares a bounds-checked {@code charAt} per character.
     */
    static int encodeUpTo(byte[] b, int at, CharSequence s, int limit, char[] chunk) {
        int end = at + limit;
        int n = s.length();
        if (!(s instanceof String) && !(s instanceof StringBuilder)) {
            return encodeFrom(b, at, s, 0, end);
        }
        for (int i = 0; i < n; ) {
            int m = Math.min(chunk.length, n - i);
            if (s instanceof String) {
                ((String) s).getChars(i, i + m, chunk, 0);
            } else {
                ((StringBuilder) s).getChars(i, i + m, chunk, 0);
            }
            int room = end - at;
            int stop = Math.min(m, room);
            int j = 0;
            while (j < stop && chunk[j] < 0x80) {
                b[at + j] = (byte) chunk[j];
                j++;
            }
            at += j;
            i += j;
            if (j < m) {
                // A non-ASCII character, or the limit: the general loop takes over from here.
                return encodeFrom(b, at, s, i, end);
            }
        }
        return at;
    }

    private static int encodeFrom(byte[] b, int at, CharSequence s, int from, int end) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (at + 1 > end) {
                    return at;
                }
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                if (at + 2 > end) {
                    return at;
                }
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (at + 4 > end) {
                    return at;
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[at++] = (byte) (0xF0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                if (at + 1 > end) {
                    return at;
                }
                b[at++] = (byte) '?';
            } else {
                if (at + 3 > end) {
                    return at;
                }
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return at;
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
