package dev.faultline.internal.text;

/**
 * Configuration tokens are ASCII. Why not {@link String#equalsIgnoreCase} or
 * {@link String#trim()}: the first folds case by Unicode rules, so a dotless {@code ı} matches
 * {@code i} ({@code PANıC} would mean {@code panic}); the second strips every control
 * character, so {@code warn\u0000} would mean {@code warn}. A token that is not what it looks
 * like must be refused, with its own spelling in the error.
 */
public final class Ascii {
    private Ascii() {}

    /** {@code s} without leading and trailing spaces and tabs only; null stays null. */
    public static String strip(String s) {
        if (s == null) {
            return null;
        }
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code s} in ASCII lower case when it is made only of printable ASCII; null otherwise. */
    public static String lowerToken(String s) {
        if (s == null) {
            return null;
        }
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return null;
            }
            out[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return new String(out);
    }

    /** True when {@code token}, stripped of spaces and tabs, is {@code lowerCaseWord} in any ASCII case. */
    public static boolean isToken(String token, String lowerCaseWord) {
        String t = lowerToken(strip(token));
        return t != null && t.equals(lowerCaseWord);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
