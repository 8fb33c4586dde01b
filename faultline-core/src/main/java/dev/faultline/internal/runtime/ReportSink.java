package dev.faultline.internal.runtime;

import dev.faultline.Report;

/**
 * Where emitted reports are kept besides the console (the crash ring is one). Sinks are
 * written before the console, because crash evidence matters more than a terminal line, and
 * are forced to stable storage by the panic path and at clean shutdown.
 */
public interface ReportSink {
    /** Keeps {@code report}. Must not block for long and must not throw (a throw is caught and counted). */
    void write(Report report);

    /** Makes everything written so far durable (e.g. {@code MappedByteBuffer.force()}). */
    default void force() {
    }
}
