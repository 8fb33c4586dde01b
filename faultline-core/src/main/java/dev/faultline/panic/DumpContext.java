package dev.faultline.panic;

import dev.faultline.Report;
import dev.faultline.internal.Console;
import dev.faultline.internal.Escape;

/** What a {@link Dumper} is told: why it runs, the report that led here, and where to print. */
public final class DumpContext {
    private final DumpReason reason;
    private final String why;
    private final Report report;

    /**
     * Faultline creates contexts itself; the constructor is public so that a dumper can be
     * exercised in a test.
     *
     * @param report the panic or oops report; null for {@link DumpReason#EMERG} and
     *               {@link DumpReason#SHUTDOWN}
     * @throws IllegalArgumentException when {@code reason} is null
     */
    public DumpContext(DumpReason reason, String why, Report report) {
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        this.reason = reason;
        this.why = why == null ? "" : why;
        this.report = report;
    }

    public DumpReason reason() {
        return reason;
    }

    /** One line saying what happened (the panic reason, the dying thread, ...). */
    public String why() {
        return why;
    }

    /** The panic or oops report, or null when the dump has none (EMERG, SHUTDOWN). */
    public Report report() {
        return report;
    }

    /**
     * Prints {@code text} on Faultline's console (standard error) in one write. Control
     * characters other than newline are escaped, so dumped strings cannot forge report
     * lines. A missing final newline is added. Never throws.
     */
    public void print(String text) {
        String s = text == null ? "null" : text;
        StringBuilder b = new StringBuilder(s.length() + 16);
        int from = 0;
        while (from < s.length()) {
            int nl = s.indexOf('\n', from);
            int end = nl < 0 ? s.length() : nl;
            // Each line escaped on its own: newlines stay line breaks, every other control
            // character (a carriage return, an escape sequence) becomes visible.
            b.append(Escape.text(s.substring(from, end))).append('\n');
            from = end + 1;
        }
        Console.print(b.length() == 0 ? "\n" : b.toString());
    }
}
