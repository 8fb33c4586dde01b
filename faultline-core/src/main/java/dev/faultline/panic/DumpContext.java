package dev.faultline.panic;

import dev.faultline.report.Report;

/**
 * What a {@link Dumper} is told: why it runs, the report that led here, and where to print.
 *
 * <p>Faultline creates the contexts it hands to dumpers. To exercise a dumper in a test,
 * implement this interface with a {@link #print(String)} that collects the text.
 */
public interface DumpContext {
    /** Why the dump runs. */
    DumpReason reason();

    /** One line saying what happened (the panic reason, the dying thread, ...); never null. */
    String why();

    /** The panic or oops report, or null when the dump has none (EMERG, SHUTDOWN). */
    Report report();

    /**
     * Prints {@code text} as this dumper's output, in one write. In Faultline's own contexts,
     * control characters other than newline are escaped, so dumped strings cannot forge report
     * lines, and a missing final newline is added. Never throws.
     */
    void print(String text);
}
