package dev.faultline.internal.boot;

import dev.faultline.internal.runtime.RunPolicy;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.domain.BootLoopGuard;
import dev.faultline.internal.domain.DomainTable;
import dev.faultline.internal.exit.ExitMarks;
import dev.faultline.internal.exit.Heartbeat;
import dev.faultline.internal.text.Escape;
import dev.faultline.internal.hang.HangChecker;
import dev.faultline.internal.jfr.JfrReports;
import dev.faultline.internal.jmx.RuntimeControl;
import dev.faultline.internal.panic.Panic;
import dev.faultline.internal.ring.CrashRings;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.ReportSink;
import dev.faultline.internal.runtime.SystemLoggerSink;

/**
 * The one place that connects Faultline's subsystems, in the order they must start. Its class
 * initialisation is the boot; {@link #ensureBooted()} triggers it from every entry point of the
 * API, so the runtime starts on first use, while the calling code is still healthy.
 *
 * <p>Every step catches what it meets: a step that fails is reported as a configuration
 * problem and the later steps still run, so class initialisation never throws into the
 * application (a failed initialiser would poison every later use for the life of the process).
 */
public final class Boot {
    static {
        // 1. Settings: every key is declared before anything reads one, and problems found from
        //    here on are printed.
        Settings.markBooted();
        Keys.load();
        Settings.setProblemSink(Core::configurationProblem);
        //    The printer thread: reports and Faultline's lines are printed off the raising thread.
        Core.startPrinter();
        // 2. Policy: panic_on_warn, limits, the console, fuzz mode; then the keys no one declared.
        RunPolicy.process();
        Settings.reportUnknownKeys();
        // 3. The crash ring: earlier runs recovered and archived, this run's ring opened, before
        //    the first report can be written.
        ReportSink ring = CrashRings.boot();
        if (ring != null) {
            Core.addSink(ring);
        }
        //    With faultline.system_logger on, the runs just recovered are announced there too
        //    (java.util.logging by default), as the Logback and Log4j2 appenders announce them.
        if (RunPolicy.process().systemLogger()) {
            SystemLoggerSink.announceRecovered(CrashRings.recovered());
        }
        // 3a. Exit marks: the run's facts, and signals recorded as they arrive, for the next
        //     start to tell why this run ended. The heartbeat's period is read here; the hang
        //     checker's thread writes the beats.
        bootExitMarks();
        // 3b. JFR events, right after the ring: a recording sees every report from the first on.
        ReportSink jfr = JfrReports.boot();
        if (jfr != null) {
            Core.addSink(jfr);
        }
        JfrReports.previousRuns(CrashRings.recovered());
        //    Then one report rendered, stored and read back, so that the JDK classes the report
        //    path needs are initialised now, not by the first report on a full heap.
        ReportPathRehearsal.run();
        // 4. The panic path: heap reserve, panic thread, built-in dumpers, the oops handler.
        Panic.boot();
        // 5. Debug domains: the boot spec (faultline.debug) applied, then the boot-loop guard,
        //    which reads the earlier runs' rings and may demote a domain from panic to warn.
        bootDomains();
        BootLoopGuard.boot(CrashRings.history(BootLoopGuard.runsToRead(), BootLoopGuard.wantsOlder()),
                CrashRings.cleanlyEnded(), CrashRings.archiveKeep());
        // 6. Run-time control: the MBean, registered off this thread.
        RuntimeControl.boot();
        // 7. The hang checker: its keys read, its thread started when a detector is on (the
        //    thread makes its own first, costly, use of the management beans).
        HangChecker.boot();
    }

    private Boot() {}

    /** Does nothing; calling it runs the boot above if it has not run yet. Never throws. */
    public static void ensureBooted() {
        // The work is in the static initialiser.
    }

    private static void bootExitMarks() {
        try {
            Settings.Raw raw = Settings.raw(Keys.HEARTBEAT);
            if (raw != null && !Heartbeat.period(raw.value)) {
                Settings.problem("invalid value " + Escape.quoted(raw.value) + " for " + Keys.HEARTBEAT.property()
                        + " (from " + raw.source + "): expected " + Keys.HEARTBEAT.expected() + "; keeping the default "
                        + Keys.HEARTBEAT.defaultValue());
            }
            if (Settings.bool(Keys.RING)) {
                // Where signals cannot be recorded (no jdk.unsupported) the run's facts say so; no line
                // at every start: a signalled run is then classified as killed or clean.
                ExitMarks.boot(CrashRings.current());
            } else {
                Heartbeat.period("0"); // no ring, nothing to beat into
            }
        } catch (Throwable e) {
            Settings.problem("cannot record this run's exit marks: " + e);
        }
    }

    private static void bootDomains() {
        try {
            DomainTable.boot();
        } catch (Throwable e) {
            Settings.problem("could not apply " + Keys.DEBUG.property() + ": " + e + "; every debug domain stays off");
        }
    }
}
