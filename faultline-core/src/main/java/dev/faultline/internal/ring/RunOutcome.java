package dev.faultline.internal.ring;

import java.time.Instant;
import java.util.List;

/**
 * How one earlier run of this crash directory ended, as its ring tells: when it started, the
 * debug domain whose BUG panicked it and how long after the start (none when it did not die on
 * a debug domain's check), and which runs its own start found cleanly ended (a clean run ends a
 * boot loop). Read by the boot-loop guard; immutable.
 */
public final class RunOutcome {
    /** The run's id. */
    public final String runId;
    /** When it started. */
    public final Instant start;
    /** The debug domain whose check panicked the run, or null. */
    public final String panicDomain;
    /** Milliseconds from its start to that BUG; -1 when {@link #panicDomain} is null. */
    public final long panicAfterMillis;
    /** The runs its start found ended cleanly (and removed), from its boot record. */
    public final List<String> cleanBefore;
    /**
     * The first line of the record the run is named after (its panic's own report when it
     * panicked, else its last report), or "" (for the guard's explanation).
     */
    public final String lastReport;

    public RunOutcome(String runId, Instant start, String panicDomain, long panicAfterMillis, List<String> cleanBefore,
                      String lastReport) {
        this.runId = runId;
        this.start = start;
        this.panicDomain = panicDomain;
        this.panicAfterMillis = panicDomain == null ? -1 : panicAfterMillis;
        this.cleanBefore = List.copyOf(cleanBefore);
        this.lastReport = lastReport == null ? "" : lastReport;
    }

    @Override
    public String toString() {
        return "run " + runId + " started " + start + (panicDomain == null ? ", no debug-domain panic"
                : ", panicked on debug domain " + panicDomain + " after " + panicAfterMillis + " ms");
    }
}
