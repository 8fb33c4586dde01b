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
    private final Path archive;
    private final String summary;

    /**
     * @param scan    the recovered ring as read
     * @param archive the directory it was archived in
     * @param summary the one line printed about it
     */
    public RecoveredRun(RingScan scan, Path archive, String summary) {
        Objects.requireNonNull(scan, "scan");
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

    /** Its last report (a WARNING, BUG, PANIC, OOPS ...), or null when it had none. */
    public RingRecord lastReport() { return lastReport; }

    /** Where it was archived: a directory with {@code ring.bin} and {@code ring.txt}. */
    public Path archive() { return archive; }

    /**
     * How the run ended, in a few words, from what its ring holds: {@code panicked} when its last
     * report is a BUG or PANIC, {@code killed after its clean shutdown mark} when the ring was
     * marked clean, else {@code ended without a clean shutdown (killed, crashed or halted)}.
     */
    public String ending() {
        String kind = lastReport == null ? "" : lastReport.kind();
        if (kind.equals("BUG") || kind.equals("PANIC")) {
            return "panicked";
        }
        return markedClean ? "killed after its clean shutdown mark"
                : "ended without a clean shutdown (killed, crashed or halted)";
    }

    /** The one line Faultline printed about it at start. */
    public String summary() { return summary; }

    @Override
    public String toString() {
        return summary;
    }
}
