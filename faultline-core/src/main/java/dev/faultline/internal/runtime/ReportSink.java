package dev.faultline.internal.runtime;

import dev.faultline.report.Report;

/**
 * Where emitted reports are kept besides the console (the crash ring is one). Sinks are
 * written before the console, because crash evidence matters more than a terminal line, and
 * are forced to stable storage by the panic path and at clean shutdown.
 */
public interface ReportSink {
    /**
     * Keeps {@code report}. Must not block for long. A sink that could not keep it throws: the
     * emit path counts it and says so in one line (never silently), and the other sinks and the
     * console still get the report.
     */
    void write(Report report);

    /**
     * Keeps one of Faultline's own records: a dumper's output ({@code source}
     * {@link dev.faultline.ring.RingFormat#SOURCE_DUMP}, {@code logger} the dumper's name) or a
     * Faultline line ({@link dev.faultline.ring.RingFormat#SOURCE_FAULTLINE}). Must not block
     * for long; a throw is caught and counted. The default keeps nothing.
     */
    default void line(int source, int code, String logger, String text) {
    }

    /**
     * True for the crash ring: a report or line it kept (its {@code write} or {@code line}
     * returned) is evidence, so a printer that drops it may say it is in the crash ring.
     */
    default boolean isCrashRing() {
        return false;
    }

    /** Makes everything written so far durable (e.g. {@code MappedByteBuffer.force()}). */
    default void force() {
    }
}
