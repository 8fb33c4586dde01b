package dev.faultline.internal.panic;

import dev.faultline.internal.runtime.RunPolicy;
import dev.faultline.report.Report;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.text.Escape;
import dev.faultline.panic.DumpContext;
import dev.faultline.panic.DumpReason;
import dev.faultline.panic.DumperWeight;
import java.util.List;

/** Runs the registered dumpers for one reason, in order, each on a time box. */
final class DumpRun {
    /** Oops dumps have their own box: an oops must never hold up a panic's dumps. */
    static final TimeBox OOPS_BOX = new TimeBox("faultline-oops-dumper", false);
    static final TimeBox SHUTDOWN_BOX = new TimeBox("faultline-shutdown-dumper", false);

    private DumpRun() {}

    /** Runs every dumper that wants {@code reason} on {@code box}; each failure is one line. */
    static void run(TimeBox box, DumpReason reason, String why, Report report) {
        List<String> order = PanicSettings.dumpOrder();
        if (reason == DumpReason.PANIC) {
            List<String> known = DumperTable.names();
            for (String name : order) {
                if (!known.contains(name)) {
                    box.say("faultline: " + Keys.PANIC_DUMP_ORDER.property() + " names " + Escape.text(Escape.quoted(name))
                            + ", which is not a registered dumper; known: " + Escape.text(String.join(", ", known)));
                }
            }
        }
        // In test mode the process lives on and PanicError carries the report: a thread or heap
        // dump per failing test (or per fuzzing finding) would only bury the findings.
        boolean heavy = !RunPolicy.process().testMode();
        for (DumperTable.Entry e : DumperTable.forReason(reason, order)) {
            if (!heavy && e.weight == DumperWeight.HEAVY) {
                continue;
            }
            // One context per dumper: its output goes to the crash ring as records of that dumper.
            DumpContext context = new DumpRunContext(reason, why, report, e.name);
            box.run("dumper '" + Escape.text(e.name) + "'", e.budgetNanos, new Dump(e, context), false);
        }
    }

    /** Step: one dumper (a class rather than a lambda, so nothing is linked on a failing heap). */
    static final class Dump implements TimeBox.Step {
        private final DumperTable.Entry entry;
        private final DumpContext context;

        Dump(DumperTable.Entry entry, DumpContext context) {
            this.entry = entry;
            this.context = context;
        }

        @Override
        public void run() throws Exception {
            entry.dumper.dump(context);
        }
    }

    /** SHUTDOWN dumps, from the clean-shutdown task. */
    static void dumpAll(DumpReason reason, String why, Report report) {
        run(SHUTDOWN_BOX, reason, why, report);
    }

    /**
     * OOPS dumps. Only one oops is dumped at a time: a second thread dying meanwhile gets its
     * report but no dumps (one line says so), rather than waiting behind the first.
     */
    static void oops(String why, Report report) {
        if (!OOPS_BOX.tryClaim()) {
            Console.line("faultline: another oops is being dumped; no dumps for report " + report.sequence());
            return;
        }
        try {
            run(OOPS_BOX, DumpReason.OOPS, why, report);
        } finally {
            OOPS_BOX.release();
        }
    }
}
