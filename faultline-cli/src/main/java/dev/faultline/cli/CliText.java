package dev.faultline.cli;

/**
 * Escapes strings the CLI echoes back (paths, names from the command line) so that they cannot
 * forge output lines: control characters and backslash become visible escapes. The same rules as
 * the core library's report text, kept here so that the CLI needs nothing beyond core's API.
 */
final class CliText {
    private CliText() {}

    static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '\\': b.append("\\\\"); break;
                default:
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }
}
