package dev.faultline.internal.text;

/**
 * Escapes user-supplied strings so they cannot forge report lines: newline, carriage return,
 * tab, backslash and every other control character become visible escapes; so do lone
 * surrogates (no terminal can show them, and encoders turn them into {@code ?}) and the
 * Unicode bidirectional overrides and isolates, which can make a line read differently from
 * what it holds (a "Trojan source" U+202E).
 *
 * <p>Uses no {@code String.format}: a report may be rendered on a full heap, where the JDK's
 * formatter cannot be initialised for the first time.
 */
public final class Escape {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Escape() {}

    /** Escaped copy of {@code s}; returns {@code s} itself when nothing needs escaping. */
    public static String text(String s) {
        if (s == null) {
            return "null";
        }
        int n = s.length();
        int i = 0;
        while (i < n && !needsEscape(s, i)) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!needsEscape(s, i)) {
                b.append(c);
                continue;
            }
            switch (c) {
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '\\': b.append("\\\\"); break;
                default: unicode(b, c);
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(String s, int i) {
        char c = s.charAt(i);
        // C0 and C1 controls, DEL, backslash (so an escape cannot be faked), and the Unicode
        // line/paragraph separators that some terminals and log viewers treat as newlines.
        if (c < 0x20 || c == '\\' || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
            return true;
        }
        return isBidiControl(c) || isLoneSurrogate(s, i);
    }

    /** U+202A..U+202E (embeddings, overrides) and U+2066..U+2069 (isolates). */
    static boolean isBidiControl(char c) {
        return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    /** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
    public static boolean isLoneSurrogate(CharSequence s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    /** Appends {@code \}{@code uXXXX} for {@code c} (lower-case hex). */
    public static void unicode(StringBuilder b, char c) {
        b.append('\\').append('u').append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
    }

    /** Input up to this many characters is shown whole by {@link #quoted} and {@link #cut}. */
    public static final int EXCERPT = 100;
    /** Characters of longer input shown, before {@code ...} and its length. */
    private static final int EXCERPT_HEAD = 80;

    /**
     * User input as it may appear inside a line, bounded: {@code s} itself when it has at most
     * {@link #EXCERPT} characters, else its first 80 (never half a surrogate pair) followed by
     * {@code ... (N characters)}. Not escaped: for lines escaped as a whole afterwards
     * ({@code Settings.problem}); elsewhere use {@code text(cut(s))}.
     */
    public static String cut(CharSequence s) {
        if (s == null) {
            return "null";
        }
        if (s.length() <= EXCERPT) {
            return s.toString();
        }
        return head(s) + "... (" + s.length() + " characters)";
    }

    /**
     * User input quoted, bounded: {@code 's'} when it has at most {@link #EXCERPT} characters,
     * else {@code 'its first 80...' (N characters)}, so a line that names a value stays short
     * and still says how long the value was. Not escaped, like {@link #cut}.
     */
    public static String quoted(CharSequence s) {
        if (s == null) {
            return "null";
        }
        if (s.length() <= EXCERPT) {
            return "'" + s + "'";
        }
        return "'" + head(s) + "...' (" + s.length() + " characters)";
    }

    private static String head(CharSequence s) {
        int n = EXCERPT_HEAD;
        if (Character.isHighSurrogate(s.charAt(n - 1)) && Character.isLowSurrogate(s.charAt(n))) {
            n--;
        }
        return s.subSequence(0, n).toString();
    }

    /** Quoted JSON string for {@code s}; every control character is escaped. */
    public static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2);
        json(b, s);
        return b.toString();
    }

    /**
     * Appends the quoted JSON string for {@code s} to {@code b}: control characters, the line
     * separators, bidi controls and lone surrogates as {@code \}{@code uXXXX}, so the line is valid
     * JSON that any decoder reads back to exactly {@code s}.
     */
    public static void json(StringBuilder b, String s) {
        b.append('"');
        int clean = cleanJsonPrefix(s);
        if (clean == s.length()) {
            b.append(s).append('"'); // the common case: one bulk copy
            return;
        }
        b.append(s, 0, clean);
        for (int i = clean; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || isBidiControl(c)
                            || isLoneSurrogate(s, i)) {
                        unicode(b, c);
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }

    /** How many leading chars of {@code s} JSON takes as they are (printable ASCII other than quote and backslash). */
    private static int cleanJsonPrefix(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return i;
            }
        }
        return n;
    }
}
