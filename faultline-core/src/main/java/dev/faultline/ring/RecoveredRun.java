package dev.faultline.ring;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * An earlier run whose crash ring this process recovered and archived at start: it crashed,
 * was killed, or otherwise ended without marking its ring clean. Integrations announce these
 * through the application's own logging and telemetry, so that a crash that took the process
 * down still reaches the places people look (as a crash reporter uploads on the next start).
 * Immutable.
 */
public final class RecoveredRun {
    private final String runId;
    private final String app;
    private final long pid;
    private final Instant start;
    private final Instant lastSeen;
    private final int records;
    private final int torn;
    private final int corrupt;
    private final boolean markedClean;
    private final RingRecord lastReport;
    private final boolean panicked;
    private final RingRecord panicReport;
    private final RingRecord headline;
    private final Path archive;
    private final String summary;
    private final RunExit exit;

    /**
     * @param scan    the recovered ring as read
     * @param archive the directory it was archived in
     * @param summary the one line printed about it
     */
    public RecoveredRun(RingScan scan, Path archive, String summary) {
        this(scan, archive, summary, null);
    }

    /**
     * @param scan    the recovered ring as read
     * @param archive the directory it was archived in
     * @param summary the one line printed about it
     * @param exit    why it ended; null: {@link ExitReason#UNKNOWN}, with the evidence that none was decided
     */
    public RecoveredRun(RingScan scan, Path archive, String summary, RunExit exit) {
        Objects.requireNonNull(scan, "scan");
        this.exit = exit != null ? exit : RunExit.unknown("no evidence because the run's end was not classified");
        this.runId = scan.runId();
        this.app = scan.app();
        this.pid = scan.pid();
        this.start = scan.start();
        this.lastSeen = scan.lastSeen();
        this.records = scan.recordCount();
        this.torn = scan.torn();
        this.corrupt = scan.corrupt();
        this.markedClean = scan.clean();
        this.lastReport = scan.lastReport();
        this.panicked = scan.panicked();
        this.panicReport = scan.panicReport();
        this.headline = scan.headline();
        this.archive = archive;
        this.summary = summary == null ? "" : summary;
    }

    /** The dead run's id (with its pid, it names the run even where every JVM is pid 1). */
    public String runId() { return runId; }

    /** The dead run's application ({@code faultline.app}, from its ring header); "" when the ring does not say. */
    public String app() { return app; }

    /** The dead run's pid. */
    public long pid() { return pid; }

    /** When the dead run started. */
    public Instant start() { return start; }

    /** The time of its last record, or null when the ring held none. */
    public Instant lastSeen() { return lastSeen; }

    /** Records recovered from its ring. */
    public int records() { return records; }

    /** Frames skipped as torn (cut short by the crash, or overwritten). */
    public int torn() { return torn; }

    /** Frames skipped as corrupt (damaged storage). */
    public int corrupt() { return corrupt; }

    /**
     * True when the ring carried the clean-shutdown mark and was recovered anyway (its run was
     * killed after the mark, with records after it); false for a run that never reached it.
     */
    public boolean markedClean() { return markedClean; }

    /**
     * Its last report (a WARNING, BUG, PANIC, OOPS, NOTICE ...), or null when it had none. For a
     * run that panicked this may be a record the panic wrote after its own report (the NOTICE of
     * pending suppressed counts): name a run by its {@link #headline()}.
     */
    public RingRecord lastReport() { return lastReport; }

    /** True when the run panicked: its ring holds the panic's report or its {@code not syncing} line. */
    public boolean panicked() { return panicked; }

    /**
     * The report of the panic the run ended in (a BUG, or the PANIC of an escalation), or null
     * when it did not panic or its ring no longer holds that report.
     */
    public RingRecord panicReport() { return panicReport; }

    /**
     * The record the run is named after: the panic's own report for a run that panicked (its
     * {@code not syncing} line when the report was overwritten), else its last report; null
     * when it had none.
     */
    public RingRecord headline() { return headline; }

    /** Where it was archived: a directory with {@code ring.bin} and {@code ring.txt}. */
    public Path archive() { return archive; }

    /**
     * How the run ended, in a few words, from what its ring holds: {@code panicked} when it
     * {@link #panicked()} (whatever it wrote after the panic's report), {@code killed after its
     * clean shutdown mark} when the ring was marked clean, else {@code ended without a clean
     * shutdown (killed, crashed or halted)}.
     */
    public String ending() {
        if (panicked) {
            return "panicked";
        }
        return markedClean ? "killed after its clean shutdown mark"
                : "ended without a clean shutdown (killed, crashed or halted)";
    }

    /** Why it ended, with how sure that is and the evidence (see {@link ExitReason}). */
    public RunExit exit() { return exit; }

    /** Why it ended: {@code exit().reason()}. */
    public ExitReason reason() { return exit.reason(); }

    /** The evidence for {@link #reason()}, one sentence: {@code exit().evidence()}. */
    public String evidence() { return exit.evidence(); }

    /** The one line Faultline printed about it at start. */
    public String summary() { return summary; }

    @Override
    public String toString() {
        return summary;
    }
}
