package dev.faultline.internal.panic;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.StackCapture;
import dev.faultline.panic.DumpReason;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A dry run of the panic path's own code, done once by the panic thread right after boot and
 * off the application's threads: it renders a report, prints it to a stream that discards it,
 * and orders the dumpers. Whatever the JDK initialises lazily on that path (formatters,
 * clocks, encoders, sorting) is then ready before a real panic needs it on a failing heap.
 */
final class PanicRehearsal {
    private PanicRehearsal() {}

    static void run() {
        try {
            Report r = Report.builder(ReportKind.PANIC).site("rehearsal").location("here").message("message\u0001")
                    .thread("faultline-panic", 0).time(Instant.now()).stack(StackCapture.capture())
                    .process(Core.PID, Core.RUN_ID).dump("dump").build();
            r.toText();
            r.toJson();
            DumperTable.forReason(DumpReason.PANIC, PanicSettings.dumpOrder());
            // Loads the character-encoding path the first console report would otherwise pay for,
            // on a throwaway stream: System.err itself may be locked by another thread right now,
            // and the panic thread must never block outside a time box.
            PrintStream scratch = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            scratch.print(r.toText());
        } catch (Throwable e) {
            // A rehearsal that fails only means the real panic does this work itself.
        }
    }
}
