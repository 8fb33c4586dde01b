package dev.faultline.ring;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One run in a crash directory's history, as {@link RunLog#read(Path, String)} found it: the
 * {@code last} of Faultline. Immutable.
 */
public final class PastRun {
    private final String runId;
    private final String app;
    private final long pid;
    private final Instant start;
    private final Instant end;
    private final boolean running;
    private final RunExit exit;
    private final String lastReport;
    private final Path archive;

    /**
     * @param end        the clean end or the last record; null when unknown or still running
     * @param exit       null while {@code running}
     * @param lastReport the headline it is named after ("" for none)
     * @param archive    its archive directory, or null when it is not archived
     */
    public PastRun(String runId, String app, long pid, Instant start, Instant end, boolean running, RunExit exit,
                   String lastReport, Path archive) {
        this.runId = runId;
        this.app = app == null ? "" : app;
        this.pid = pid;
        this.start = start;
        this.end = end;
        this.running = running;
        this.exit = exit;
        this.lastReport = lastReport == null ? "" : lastReport;
        this.archive = archive;
    }

    public String runId() { return runId; }

    /** Its application ("" when the ring does not say). */
    public String app() { return app; }

    public long pid() { return pid; }

    public Instant start() { return start; }

    /** When it ended (its clean end, or its last record), or null when not known or still running. */
    public Instant end() { return end; }

    /** True when it still runs: then {@link #exit()} is null. */
    public boolean running() { return running; }

    /** Why it ended, or null while it runs. */
    public RunExit exit() { return exit; }

    /** The headline of the report it is named after (its panic's, else its last), "" for none. */
    public String lastReport() { return lastReport; }

    /** Its archive directory, or null (a clean run's ring is removed; a dead run not yet recovered is in the crash directory). */
    public Path archive() { return archive; }
}
