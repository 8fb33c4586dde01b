package dev.faultline.logback;

import dev.faultline.Faultline;
import dev.faultline.ring.RecoveredRun;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The previous runs, in today's logs: each earlier run that Faultline recovered at start
 * ({@link Faultline#recoveredRuns()}: it crashed, panicked or was killed) is logged as one ERROR
 * event under logger {@code faultline.recovered}, message
 * {@code previous run RUN (pid PID) ENDING; last report: HEADLINE; archived in PATH} ({@code panic
 * report:} for a run that panicked), with the key-value pairs {@code run_id}, {@code pid},
 * {@code ended}, {@code last_report} (the report the run is named after: its panic's own report
 * when it panicked, else its last report), {@code archive}, {@code records}, {@code torn},
 * {@code corrupt}. So the crash reaches the central logging even when no one looks at the crash
 * directory.
 *
 * <p>Optionally the run's last N ring records follow at INFO under {@code faultline.replay},
 * each marked {@code replayed=true} with the dead run's {@code run_id}, and the original
 * {@code logger}, {@code level}, {@code thread} and {@code time}, in its order.
 */
public final class RecoveredRunLog {
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private RecoveredRunLog() {}

    /**
     * Announces the recovered runs the first time it is called in this process; later calls do
     * nothing. Loggers come from {@code loggers} (null: SLF4J's {@code LoggerFactory}; the
     * appender passes its Logback context, as SLF4J may still be initialising). The one-liner
     * for an application that configures Logback in code: {@code RecoveredRunLog.announceOnce(null, 0)}
     * once its appenders are attached. Never throws.
     */
    public static void announceOnce(ILoggerFactory loggers, int replayLines) {
        if (DONE.compareAndSet(false, true)) {
            announce(loggers, Faultline.recoveredRuns(), replayLines);
        }
    }

    /** Announces {@code runs} (and replays up to {@code replayLines} records of each). Never throws. */
    public static void announce(ILoggerFactory loggers, List<RecoveredRun> runs, int replayLines) {
        try {
            ILoggerFactory f = loggers != null ? loggers : LoggerFactory.getILoggerFactory();
            Logger log = f.getLogger("faultline.recovered");
            for (RecoveredRun run : runs) {
                String last = run.headline() == null ? "none" : run.headline().firstLine();
                String archive = String.valueOf(run.archive());
                log.atError()
                        .addKeyValue("run_id", run.runId())
                        .addKeyValue("pid", run.pid())
                        .addKeyValue("ended", run.ending())
                        .addKeyValue("reason", run.reason().label())
                        .addKeyValue("confidence", run.exit().confidence())
                        .addKeyValue("evidence", run.evidence())
                        .addKeyValue("last_report", last)
                        .addKeyValue("archive", archive)
                        .addKeyValue("records", run.records())
                        .addKeyValue("torn", run.torn())
                        .addKeyValue("corrupt", run.corrupt())
                        .log("previous run " + run.runId() + " (pid " + run.pid() + ") " + run.ending()
                                + (run.panicked() ? "; panic report: " : "; last report: ") + last + "; archived in "
                                + archive + "; it ended: " + run.exit());
                if (replayLines > 0 && run.archive() != null) {
                    replay(f, run, replayLines);
                }
            }
        } catch (Throwable ignored) {
            // Each run was announced on the console at start and is in the archive.
        }
    }

    private static void replay(ILoggerFactory f, RecoveredRun run, int n) {
        RingScan scan = RingReader.read(run.archive().resolve(Path.of("ring.bin")));
        List<RingRecord> records = scan.records();
        Logger log = f.getLogger("faultline.replay");
        for (RingRecord r : dev.faultline.ring.RunLog.lastLines(records, n)) {
            log.atInfo()
                    .addKeyValue("replayed", true)
                    .addKeyValue("run_id", run.runId())
                    .addKeyValue("logger", r.logger())
                    .addKeyValue("level", r.kind())
                    .addKeyValue("thread", r.threadName())
                    .addKeyValue("time", r.time())
                    .log("[replayed] " + r.kind() + " " + r.logger() + ": " + r.firstLine());
        }
    }
}
