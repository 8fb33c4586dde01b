package dev.faultline.internal.panic;

import dev.faultline.report.Report;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.text.Escape;
import dev.faultline.panic.DumpContext;
import dev.faultline.panic.DumpReason;

/**
 * The context Faultline hands a dumper: its reason, its one line, the report, and a print that
 * escapes every line and writes it to the crash ring as records of that dumper (kernel
 * {@code kmsg_dump} into pstore), then queues it for the console.
 */
public final class DumpRunContext implements DumpContext {
    private final DumpReason reason;
    private final String why;
    private final Report report;
    private final String dumper;

    /**
     * @param dumper the dumper's name, the logger of its ring records
     * @throws IllegalArgumentException when {@code reason} is null
     */
    public DumpRunContext(DumpReason reason, String why, Report report, String dumper) {
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        this.reason = reason;
        this.why = why == null ? "" : why;
        this.report = report;
        this.dumper = dumper == null ? "" : dumper;
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
     * Writes {@code text} into the crash ring now, as records of this dumper (several when it
     * is longer than one frame, cut at line ends), and queues it for the console (standard
     * error), where it is printed in one write. Control characters other than newline are
     * escaped, so dumped strings cannot forge report lines. A missing final newline is added.
     * Never throws.
     */
    @Override
    public void print(String text) {
        try {
            String s = text == null ? "null" : text;
            StringBuilder b = new StringBuilder(s.length() + 16);
            int from = 0;
            while (from < s.length()) {
                int nl = s.indexOf('\n', from);
                int end = nl < 0 ? s.length() : nl;
                // Each line escaped on its own: newlines stay line breaks, every other control
                // character (a carriage return, an escape sequence) becomes visible.
                // Tabs stay too: the thread dump indents its frames with them, as jstack does.
                appendLine(b, s.substring(from, end));
                b.append('\n');
                from = end + 1;
            }
            Core.dumperOutput(reason.ordinal(), dumper, b.length() == 0 ? "\n" : b.toString());
        } catch (Throwable e) {
            // Nothing more to do on a failing heap: the dumper goes on, its output is lost.
        }
    }

    private static void appendLine(StringBuilder b, String line) {
        int from = 0;
        while (true) {
            int tab = line.indexOf('\t', from);
            if (tab < 0) {
                b.append(Escape.text(line.substring(from)));
                return;
            }
            b.append(Escape.text(line.substring(from, tab))).append('\t');
            from = tab + 1;
        }
    }
}
