package dev.faultline.internal.console;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Faultline's console: standard error, written one whole report per call so that reports from
 * different threads do not interleave line by line. Only Faultline's printer thread and the
 * panic path write here; the threads that raise reports never do.
 *
 * <p><b>Encoding.</b> A character that standard error's charset cannot encode (every non-ASCII
 * character under {@code LANG=C}, common in containers) is written as a {@code \}{@code uXXXX}
 * escape instead of the {@code ?} the JDK would print: in the JSON console that is a JSON escape,
 * so every line still decodes to exactly the report's strings; in the text console it is
 * readable and unambiguous (user backslashes are escaped as {@code \\}).
 */
public final class Console {
    private static volatile PrintStream out;
    /** Standard error's charset encoder, or null when it is a Unicode charset (nothing to escape). */
    private static final CharsetEncoder STDERR = encoderFor(stderrCharset());

    private Console() {}

    private static PrintStream stream() {
        PrintStream s = out;
        if (s != null) {
            return s;
        }
        return System.err;
    }

    /**
     * Redirects the console (tests and the CLI use this). {@code null} restores {@link System#err}.
     * A redirected stream is taken to encode all of Unicode (tests use UTF-8 streams).
     */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    /** Prints {@code text} (which should end with a newline) and flushes. Never throws. */
    public static void print(String text) {
        try {
            PrintStream s = stream();
            String t = s == System.err ? encodable(text, STDERR) : text;
            s.print(t);
            s.flush();
        } catch (Throwable e) {
            raw(text);
        }
    }

    /** Runs the encoding check once on {@code text} (boot rehearsal: loads the encoder's classes). */
    public static String encodable(String text) {
        CharsetEncoder e = STDERR;
        return encodable(text, e == null ? StandardCharsets.US_ASCII.newEncoder() : e);
    }

    /** Prints one line. Never throws. */
    public static void line(String line) {
        print(line + "\n");
    }

    /**
     * Writes straight to file descriptor 2, bypassing {@link System#err} and its lock. Used
     * when the normal stream failed or is stuck, and by the panic. UTF-8, whatever the locale.
     */
    public static void raw(String text) {
        try {
            @SuppressWarnings("resource")
            FileOutputStream fd = new FileOutputStream(FileDescriptor.err);
            fd.write(text.getBytes(StandardCharsets.UTF_8));
            fd.flush();
        } catch (Throwable ignored) {
            // Nowhere left to write.
        }
    }

    /**
     * {@code text} with every char {@code encoder} cannot encode written as a
     * {@code \}{@code uXXXX} escape (a surrogate pair as two); {@code text} itself when it has
     * none, or when {@code encoder} is null.
     */
    static String encodable(String text, CharsetEncoder encoder) {
        if (encoder == null) {
            return text;
        }
        int n = text.length();
        int i = 0;
        while (i < n && text.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder b = null;
        synchronized (encoder) {
            for (int k = i; k < n; k++) {
                char c = text.charAt(k);
                boolean ok = c < 0x80 || (!Character.isSurrogate(c) && encoder.canEncode(c));
                if (ok) {
                    if (b != null) {
                        b.append(c);
                    }
                    continue;
                }
                if (b == null) {
                    b = new StringBuilder(n + 32).append(text, 0, k);
                }
                b.append('\\').append('u');
                String hex = Integer.toHexString(c);
                for (int z = hex.length(); z < 4; z++) {
                    b.append('0');
                }
                b.append(hex);
            }
        }
        return b == null ? text : b.toString();
    }

    /** The charset System.err encodes with: {@code stderr.encoding}, {@code sun.stderr.encoding}, else the default charset (as the JDK does). */
    static Charset stderrCharset() {
        for (String key : new String[] {"stderr.encoding", "sun.stderr.encoding"}) {
            try {
                String name = System.getProperty(key);
                if (name != null && !name.isBlank()) {
                    return Charset.forName(name.trim());
                }
            } catch (RuntimeException e) {
                // An unknown or unsupported name: try the next.
            }
        }
        return Charset.defaultCharset();
    }

    static CharsetEncoder encoderFor(Charset cs) {
        try {
            String name = cs.name();
            if (name.startsWith("UTF-") || name.startsWith("UTF_") || name.equals("GB18030")) {
                return null;
            }
            return cs.newEncoder();
        } catch (Throwable e) {
            return null;
        }
    }
}
