package dev.faultline.ring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an application log line ({@link LogLine}) is stored in a ring frame, in one place. The
 * frame is an ordinary frame (see {@link RingFormat}) of source {@link RingFormat#SOURCE_LOG_LINE}
 * whose code is the {@link System.Logger.Level} ordinal; the thread name and id, the time and the
 * logger are the frame's own fields. The frame's message field (the <em>body</em>) holds lines
 * separated by {@code \n}:
 * <pre>
 *   message                      the formatted message, escaped
 *   kv KEY=VALUE                 one per key-value pair, in the order given; KEY and VALUE escaped,
 *                                and '=' in KEY written as \=
 *   kv+ N                        N more pairs were offered and not kept
 *   ex CLASS: MESSAGE            the throwable (": MESSAGE" absent when it had no message)
 *   at FRAME                     its first {@value #MAX_FRAMES} frames, as StackTraceElement prints them
 *   at+ N                        N more frames not kept
 *   cause CLASS: MESSAGE         each cause in turn (at most {@value #MAX_CAUSES}), with its own
 *                                at / at+ lines; a cause cycle stops the chain
 *   cause+ N                     N more causes not kept
 * </pre>
 * Escaping: {@code \} is written {@code \\}, a newline {@code \n}, a carriage return {@code \r}
 * (as two characters each), so no field can start a line of its own. Every other character is
 * stored as it is (UTF-8); readers escape control characters when they print. A body cut at the
 * ring's largest record loses its last lines; {@link #decode} reads whatever whole lines remain.
 *
 * <p>Meant to become the structured record format when the ring stores reports structured;
 * until then this is the one place that knows the layout.
 */
public final class LogLineFormat {
    private LogLineFormat() {}

    /** Frames kept per throwable in the chain. */
    public static final int MAX_FRAMES = 8;
    /** Causes kept after the throwable itself. */
    public static final int MAX_CAUSES = 4;

    /**
     * Writes the body of {@code line} into {@code out} (appending). Allocates nothing for a line
     * without a throwable; a throwable's stack is read with {@code getStackTrace()}, which copies
     * it. Calls {@code getMessage()} on the throwable and its causes: a throwing one is recorded
     * as {@code <getMessage() threw CLASS>}.
     */
    public static void encode(LogLine line, StringBuilder out) {
        encode(line, out, Integer.MAX_VALUE);
    }

    /**
     * Writes the body of {@code line} into {@code out} as {@link #encode(LogLine, StringBuilder)}
     * does, but stops once {@code out} holds more than {@code maxChars} characters: the body is
     * the same up to there, and what comes after is not written, read or escaped (a 50 MB message
     * costs what {@code maxChars} costs). A caller that keeps at most {@code maxChars} characters
     * (a ring frame holds at most that many bytes) sees from the length that the body was cut.
     */
    public static void encode(LogLine line, StringBuilder out, int maxChars) {
        int limit = (int) Math.min(Integer.MAX_VALUE - 1, (long) out.length() + Math.max(0, maxChars));
        if (!escape(line.message(), out, false, Integer.MAX_VALUE, limit)) {
            return;
        }
        int n = line.keyValueCount();
        for (int i = 0; i < n; i++) {
            out.append("\nkv ");
            if (!escape(line.key(i), out, true, LogLine.MAX_KEY_VALUE_CHARS, limit)) {
                return;
            }
            out.append('=');
            if (!escape(line.value(i), out, false, LogLine.MAX_KEY_VALUE_CHARS, limit)) {
                return;
            }
        }
        if (line.droppedKeyValues() > 0) {
            out.append("\nkv+ ").append(line.droppedKeyValues());
        }
        Throwable t = line.throwable();
        if (t != null && out.length() <= limit) {
            throwable(t, out, limit);
        }
    }

    private static void throwable(Throwable top, StringBuilder out, int limit) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = top;
        int causes = 0;
        while (t != null && seen.add(t)) {
            if (causes > MAX_CAUSES) {
                int more = 0;
                for (Throwable c = t.getCause(); c != null && seen.add(c) && more < 1000; c = c.getCause()) {
                    more++;
                }
                out.append("\ncause+ ").append(more + 1);
                return;
            }
            out.append(causes == 0 ? "\nex " : "\ncause ");
            if (!escape(t.getClass().getName(), out, false, Integer.MAX_VALUE, limit)) {
                return;
            }
            String m;
            try {
                m = t.getMessage();
            } catch (Throwable e) {
                m = "<getMessage() threw " + e.getClass().getName() + ">";
            }
            if (m != null) {
                out.append(": ");
                if (!escape(m, out, false, Integer.MAX_VALUE, limit)) {
                    return;
                }
            }
            StackTraceElement[] stack = t.getStackTrace();
            int frames = Math.min(stack.length, MAX_FRAMES);
            for (int i = 0; i < frames; i++) {
                out.append("\nat ");
                if (!escape(String.valueOf(stack[i]), out, false, Integer.MAX_VALUE, limit)) {
                    return;
                }
            }
            if (stack.length > frames) {
                out.append("\nat+ ").append(stack.length - frames);
            }
            causes++;
            t = t.getCause();
        }
    }

    /**
     * Appends {@code s} (at most {@code max} chars) escaped as described below, stopping once
     * {@code out} holds more than {@code limit} characters; false when it stopped so (then
     * nothing more is to be appended).
     */
    private static boolean escape(CharSequence s, StringBuilder out, boolean key, int max, int limit) {
        if (s == null) {
            return out.length() <= limit;
        }
        // One char more than the room left is read, so the caller can tell the body was cut.
        int room = limit - out.length() + 1;
        if (room <= 0) {
            return false;
        }
        escape(s, out, key, Math.min(max, room));
        return out.length() <= limit;
    }

    /** Appends {@code s} (at most {@code max} chars) escaped as described above. */
    private static void escape(CharSequence s, StringBuilder out, boolean key, int max) {
        if (s == null) {
            return;
        }
        int n = Math.min(s.length(), max);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '=':
                    if (key) {
                        out.append("\\=");
                    } else {
                        out.append('=');
                    }
                    break;
                default: out.append(c);
            }
        }
    }

    /** A body read back: the message, the pairs, and the throwable as Java prints a stack trace. */
    public static final class Decoded {
        private final String message;
        private final Map<String, String> keyValues;
        private final int droppedKeyValues;
        private final List<String> throwable;

        Decoded(String message, Map<String, String> keyValues, int droppedKeyValues, List<String> throwable) {
            this.message = message;
            this.keyValues = Collections.unmodifiableMap(keyValues);
            this.droppedKeyValues = droppedKeyValues;
            this.throwable = Collections.unmodifiableList(throwable);
        }

        /** The formatted message, unescaped. */
        public String message() { return message; }

        /** The pairs, in the order logged (a repeated key keeps its last value). */
        public Map<String, String> keyValues() { return keyValues; }

        /** Pairs that were offered but not kept. */
        public int droppedKeyValues() { return droppedKeyValues; }

        /**
         * The throwable in {@code printStackTrace} style, one element per line:
         * {@code CLASS: MESSAGE}, {@code \tat FRAME}, {@code \t... N more},
         * {@code Caused by: CLASS: MESSAGE}; empty when none was logged.
         */
        public List<String> throwable() { return throwable; }
    }

    /** Reads a body written by {@link #encode}; never throws (unknown lines are kept as text lines of the throwable). */
    public static Decoded decode(String body) {
        String[] lines = body.split("\n", -1);
        String message = unescape(lines[0]);
        Map<String, String> kv = new LinkedHashMap<>();
        int dropped = 0;
        List<String> ex = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("kv ")) {
                int eq = keyEnd(l, 3);
                kv.put(unescape(l.substring(3, eq)), eq < l.length() ? unescape(l.substring(eq + 1)) : "");
            } else if (l.startsWith("kv+ ")) {
                dropped = parse(l.substring(4));
            } else if (l.startsWith("ex ")) {
                ex.add(unescape(l.substring(3)));
            } else if (l.startsWith("at ")) {
                ex.add("\tat " + unescape(l.substring(3)));
            } else if (l.startsWith("at+ ")) {
                ex.add("\t... " + l.substring(4) + " more");
            } else if (l.startsWith("cause ")) {
                ex.add("Caused by: " + unescape(l.substring(6)));
            } else if (l.startsWith("cause+ ")) {
                ex.add("\t... " + l.substring(7) + " more causes");
            } else if (!l.isEmpty()) {
                ex.add(unescape(l));
            }
        }
        return new Decoded(message, kv, dropped, ex);
    }

    /** Index of the first unescaped '=' at or after {@code from}, or the length. */
    private static int keyEnd(String l, int from) {
        for (int i = from; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=') {
                return i;
            }
        }
        return l.length();
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                b.append(d == 'n' ? '\n' : d == 'r' ? '\r' : d);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
