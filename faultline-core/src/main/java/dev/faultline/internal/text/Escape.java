package dev.faultline.internal.text;

/**
 * Escapes user-supplied strings so they cannot forge report lines: newline, carriage return,
 * tab, backslash and every other control character become visible escapes.
 */
public final class Escape {
    private Escape() {}

    /** Escaped copy of {@code s}; returns {@code s} itself when nothing needs escaping. */
    public static String text(String s) {
        if (s == null) {
            return "null";
        }
        int n = s.length();
        int i = 0;
        while (i < n && !needsEscape(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!needsEscape(c)) {
                b.append(c);
                continue;
            }
            switch (c) {
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '\\': b.append("\\\\"); break;
                default: b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(char c) {
        // C0 and C1 controls, DEL, backslash (so an escape cannot be faked), and the Unicode
        // line/paragraph separators that some terminals and log viewers treat as newlines.
        return c < 0x20 || c == '\\' || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    /** Quoted JSON string for {@code s}; every control character is escaped. */
    public static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
