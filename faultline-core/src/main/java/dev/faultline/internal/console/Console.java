package dev.faultline.internal.console;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Faultline's console: standard error, written one whole report per call so that reports from
 * different threads do not interleave line by line.
 */
public final class Console {
    private static volatile PrintStream out;

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
     */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    /** Prints {@code text} (which should end with a newline) and flushes. Never throws. */
    public static void print(String text) {
        try {
            PrintStream s = stream();
            s.print(text);
            s.flush();
        } catch (Throwable e) {
            raw(text);
        }
    }

    /** Prints one line. Never throws. */
    public static void line(String line) {
        print(line + "\n");
    }

    /**
     * Writes straight to file descriptor 2, bypassing {@link System#err} and its lock. Used
     * only when the normal stream failed.
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
}
