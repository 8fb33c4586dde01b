package dev.faultline.internal.panic;

import dev.faultline.Report;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.text.Escape;
import dev.faultline.panic.DumpContext;
import dev.faultline.panic.DumpReason;

/**
 * The context Faultline hands a dumper: its reason, its one line, the report, and a print that
 * escapes every line and writes it to the console.
 */
public final class DumpRunContext implements DumpContext {
    private final DumpReason reason;
    private final String why;
    private final Report report;

    /** @throws IllegalArgumentException when {@code reason} is null */
    public DumpRunContext(DumpReason reason, String why, Report report) {
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        this.reason = reason;
        this.why = why == null ? "" : why;
        this.report = report;
    }

    @Override
    public DumpReason reason() {
        return reason;
    }

    /** One line saying what happened (the panic reason, the dying thread, ...). */
    @Override
    public String why() {
        return why;
    }

    /** The panic or oops report, or null when the dump has none (EMERG, SHUTDOWN). */
    @Override
    public Report report() {
        return report;
    }

    /**
     * Prints {@code text} on Faultline's console (standard error) in one write. Control
     * characters other than newline are escaped, so dumped strings cannot forge report
     * lines. A missing final newline is added. Never throws.
     */
    @Override
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
