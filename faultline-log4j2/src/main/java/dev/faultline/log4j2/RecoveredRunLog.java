package dev.faultline.log4j2;

import dev.faultline.Faultline;
import dev.faultline.ring.RecoveredRun;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * The previous runs, in today's Log4j2 logs: each earlier run that Faultline recovered at start
 * ({@link Faultline#recoveredRuns()}) is logged as one ERROR event under logger
 * {@code faultline.recovered}, a {@link SentenceMapMessage} (a plain {@code %m} prints the
 * sentence alone) with {@code message} ({@code previous run RUN (pid PID) ENDING; last report: HEADLINE; archived in PATH}, {@code panic
 * report:} for a run that panicked), {@code run_id}, {@code pid}, {@code ended}, {@code last_report}
 * (the report the run is named after: its panic's own report when it panicked), {@code archive},
 * {@code records}, {@code torn}, {@code corrupt}. Optionally its last N ring records follow at
 * INFO under {@code faultline.replay}, each with {@code replayed=true}, the dead run's
 * {@code run_id} and the original {@code logger}, {@code level}, {@code thread}, {@code time}.
 */
public final class RecoveredRunLog {
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private RecoveredRunLog() {}

    /**
     * Once per process: waits on a daemon thread (up to 30 s) until {@code appender} is part of
     * the running configuration, so the announcement reaches every appender configured with
     * it, then announces. Never throws.
     */
    static void announceOnceConfigured(Appender appender, int replayLines) {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + 30_000_000_000L;
            try {
                while (System.nanoTime() < deadline) {
                    if (LogManager.getContext(false) instanceof LoggerContext) {
                        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
                        if (ctx.isStarted() && ctx.getConfiguration().getAppenders().containsValue(appender)) {
                            break;
                        }
                    }
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                return;
            }
            announce(Faultline.recoveredRuns(), replayLines);
        }, "faultline-announce-recovered");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Announces {@code runs} now, as described above; for applications that configure Log4j2 in
     * code (the one-liner {@code RecoveredRunLog.announce(Faultline.recoveredRuns(), 0)}). Never throws.
     */
    public static void announce(List<RecoveredRun> runs, int replayLines) {
        try {
            Logger log = LogManager.getLogger("faultline.recovered");
            for (RecoveredRun run : runs) {
                String last = run.headline() == null ? "none" : run.headline().firstLine();
                String archive = String.valueOf(run.archive());
                log.log(Level.ERROR, new SentenceMapMessage("previous run " + run.runId() + " (pid " + run.pid() + ") " + run.ending()
                                + (run.panicked() ? "; panic report: " : "; last report: ") + last + "; archived in "
                                + archive + "; it ended: " + run.exit())
                        .with("run_id", run.runId())
                        .with("pid", run.pid())
                        .with("ended", run.ending())
                        .with("reason", run.reason().label())
                        .with("confidence", run.exit().confidence())
                        .with("evidence", run.evidence())
                        .with("last_report", last)
                        .with("archive", archive)
                        .with("records", run.records())
                        .with("torn", run.torn())
                        .with("corrupt", run.corrupt()));
                if (replayLines > 0 && run.archive() != null) {
                    List<RingRecord> rs = RingReader.read(run.archive().resolve("ring.bin")).records();
                    Logger replay = LogManager.getLogger("faultline.replay");
                    for (RingRecord r : dev.faultline.ring.RunLog.lastLines(rs, replayLines)) {
                        replay.log(Level.INFO, new SentenceMapMessage("[replayed] " + r.kind() + " " + r.logger() + ": " + r.firstLine())
                                .with("replayed", "true")
                                .with("run_id", run.runId())
                                .with("logger", r.logger())
                                .with("level", r.kind())
                                .with("thread", r.threadName())
                                .with("time", String.valueOf(r.time())));
                    }
                }
            }
        } catch (Throwable ignored) {
            // Each run was announced on the console at start and is in the archive.
        }
    }
}
