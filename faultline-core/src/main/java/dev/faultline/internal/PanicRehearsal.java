package dev.faultline.internal;

import dev.faultline.Report;
import dev.faultline.ReportKind;
import dev.faultline.panic.DumpReason;
import java.time.Instant;
import java.util.Set;

/**
 * A dry run of the panic path's own code, done once by the panic thread right after boot and
 * off the application's threads: it renders a report that is never printed, orders the
 * dumpers and prints nothing to the console. Whatever the JDK initialises lazily on that path (formatters, clocks, sorting) is
 * then ready before a real panic needs it on a failing heap.
 */
final class PanicRehearsal {
    private PanicRehearsal() {}

    static void run() {
        try {
            Report r = new Report(0, ReportKind.PANIC, "rehearsal", "here", "message\u0001", "faultline-panic", 0,
                    Instant.now(), StackCapture.capture(), Set.of(), Core.PID, Core.RUN_ID, "dump");
            ReportText.render(r);
            ReportJson.render(r);
            DumperTable.forReason(DumpReason.PANIC, PanicSettings.dumpOrder());
            // Sets up the console's character encoder, which the first report would otherwise pay for.
            Console.print("");
        } catch (Throwable e) {
            // A rehearsal that fails only means the real panic does this work itself.
        }
    }
}
