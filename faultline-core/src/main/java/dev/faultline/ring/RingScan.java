package dev.faultline.ring;

import dev.faultline.internal.text.Escape;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link RingReader} found in one ring: the run it belongs to, the valid records in
 * sequence order, and an account of everything it skipped.
 *
 * <ul>
 *   <li><b>torn</b>: frames a writer had claimed but not committed when the process died, and
 *       frames partly overwritten by a newer frame one lap later. Expected after a crash.</li>
 *   <li><b>corrupt</b>: committed frames that fail their checks and were not overwritten —
 *       damage after the fact (disk, another program). Never expected.</li>
 * </ul>
 * The ring of a run that is still running is {@link #live()}: its frames may change while they
 * are read, so none of them is counted corrupt.
 */
public final class RingScan {
    private final String source;
    private final boolean ring;
    private final boolean headerValid;
    private final int version;
    private final int capacity;
    private final long pid;
    private final long startMillis;
    private final String runId;
    private final String app;
    private final boolean clean;
    private final long endMillis;
    private final boolean live;
    private final List<RingRecord> records;
    private final int recordCount;
    private final RingRecord lastReport;
    private final RingRecord panicReport;
    private final RingRecord panicLine;
    private final long lastRecordMillis;
    private final boolean truncated;
    private final int torn;
    private final int corrupt;
    private final List<String> problems;

    RingScan(String source, boolean ring, boolean headerValid, int version, int capacity, long pid, long startMillis,
             String runId, String app, boolean clean, long endMillis, boolean live, List<RingRecord> records,
             int recordCount, RingRecord lastReport, RingRecord panicReport, RingRecord panicLine, long lastRecordMillis,
             boolean truncated, int torn, int corrupt, List<String> problems) {
        this.source = source;
        this.ring = ring;
        this.headerValid = headerValid;
        this.version = version;
        this.capacity = capacity;
        this.pid = pid;
        this.startMillis = startMillis;
        this.runId = runId;
        this.app = app == null ? "" : app;
        this.clean = clean;
        this.endMillis = endMillis;
        this.live = live;
        this.records = List.copyOf(records);
        this.recordCount = recordCount;
        this.lastReport = lastReport;
        this.panicReport = panicReport;
        this.panicLine = panicLine;
        this.lastRecordMillis = lastRecordMillis;
        this.truncated = truncated;
        this.torn = torn;
        this.corrupt = corrupt;
        this.problems = List.copyOf(problems);
    }

    /** The file or description the bytes came from. */
    public String source() { return source; }

    /** False when the bytes are not a Faultline ring at all (wrong magic, too short); then there are no records. */
    public boolean isRing() { return ring; }

    /** True when the header's magic, version, sizes and checksum all check out. */
    public boolean headerValid() { return headerValid; }

    public int version() { return version; }

    public int capacity() { return capacity; }

    public long pid() { return pid; }

    public Instant start() { return Instant.ofEpochMilli(startMillis); }

    public long startMillis() { return startMillis; }

    public String runId() { return runId; }

    /**
     * The application's name from the header ({@code faultline.app}); "" when the ring does not
     * say (written before the field existed, not a ring, or the field failed its checksum).
     */
    public String app() { return app; }

    /** True when the run marked a clean shutdown. */
    public boolean clean() { return clean; }

    /** When the run shut down cleanly, or null. */
    public Instant end() { return clean && endMillis > 0 ? Instant.ofEpochMilli(endMillis) : null; }

    /**
     * True when the run was still running when the ring was read: it holds the lock on its ring
     * file, or, for a ring with no lock to go by, its pid and start time say so in its PID
     * namespace or nothing can tell. Its writers may have been mid-frame.
     */
    public boolean live() { return live; }

    /** This scan with {@code records} as its records. */
    RingScan withRecords(List<RingRecord> records) {
        return new RingScan(source, ring, headerValid, version, capacity, pid, startMillis, runId, app, clean, endMillis,
                live, records, recordCount, lastReport, panicReport, panicLine, lastRecordMillis, truncated, torn, corrupt, problems);
    }

    /** This scan with one more problem line. */
    RingScan withProblem(String problem) {
        List<String> more = new java.util.ArrayList<>(problems);
        more.add(Escape.text(problem));
        return new RingScan(source, ring, headerValid, version, capacity, pid, startMillis, runId, app, clean, endMillis,
                live, records, recordCount, lastReport, panicReport, panicLine, lastRecordMillis, truncated, torn, corrupt, more);
    }

    /**
     * Valid records, ordered by sequence number: from {@link RingReader#read(java.nio.file.Path)},
     * the newest ones (all of them unless the ring holds more than {@link RingReader#KEPT_RECORDS}
     * or more text than {@link RingReader#KEPT_BYTES}; {@link #recordCount()} says how many it
     * holds); empty from {@link RingReader#check} and from the reads that hand records on.
     */
    public List<RingRecord> records() { return records; }

    /** How many valid records the ring holds (whether or not {@link #records()} keeps them all). */
    public int recordCount() { return recordCount; }

    /**
     * True when the file is shorter than its header says: the data region was cut (a partial
     * copy, a full disk). What is there is read; the ring is not {@link #intact()}.
     */
    public boolean truncated() { return truncated; }

    public int torn() { return torn; }

    public int corrupt() { return corrupt; }

    /** Why things were skipped, one line each (the first few of each kind), escaped. */
    public List<String> problems() { return problems; }

    /** True when nothing points at damage: a readable header, the whole data region, and no corrupt frame. */
    public boolean intact() {
        return ring && headerValid && !truncated && corrupt == 0;
    }

    /** The newest record (by sequence) that is a Faultline report, or null; whether or not {@link #records()} holds it. */
    public RingRecord lastReport() {
        return lastReport;
    }

    /**
     * The report of the panic that ended the run: its last {@code BUG} or {@code PANIC} report
     * (a BUG always panics and a PANIC report is written only by a panic, so the last one is the
     * panic the run ended in). Null when the run did not panic, or when the ring no longer holds
     * that report (what the panic wrote after it wrapped the ring over it). Found among all the
     * ring's records, whether or not {@link #records()} holds it.
     */
    public RingRecord panicReport() {
        return panicReport;
    }

    /**
     * True when the run panicked: the ring holds its panic's report ({@link #panicReport()}) or
     * the panic's {@value RingFormat#PANIC_LINE_PREFIX}... line (among all its records, whether
     * or not {@link #records()} holds them).
     */
    public boolean panicked() {
        return panicReport != null || panicLine != null;
    }

    /**
     * The record the run is named after: for a run that panicked, the panic's own report (its
     * {@code not syncing} line when the report itself was overwritten), never a record written
     * after the panic (the announcement of pending suppressed counts, a dumper's output);
     * otherwise its {@link #lastReport() last report}. Null when there is none of these.
     */
    public RingRecord headline() {
        RingRecord panic = panicReport();
        if (panic != null) {
            return panic;
        }
        return panicLine != null ? panicLine : lastReport();
    }

    /** The time of the newest record, or of the clean shutdown; the start when there is neither. */
    public Instant lastSeen() {
        long t = Math.max(clean ? endMillis : 0, lastRecordMillis);
        return Instant.ofEpochMilli(t == 0 ? startMillis : t);
    }

    /**
     * One line: {@code <source>: app <name> run <id> pid <pid> started <time>, <clean|running|unclean>; N valid, T torn, C corrupt},
     * then {@code ; truncated} and {@code ; header damaged} when they apply.
     */
    public String summary() {
        if (!ring) {
            return Escape.text(source) + ": not a Faultline crash ring"
                    + (problems.isEmpty() ? "" : " (" + problems.get(0) + ")");
        }
        return Escape.text(source) + ": " + (app.isEmpty() ? "" : "app " + Escape.text(app) + " ")
                + "run " + Escape.text(runId) + " pid " + pid + " started " + start()
                + (clean ? ", ended cleanly " + end() : live ? ", still running" : ", did not shut down cleanly")
                + "; " + recordCount + " valid, " + torn + " torn, " + corrupt + " corrupt"
                + (truncated ? "; truncated" : "") + (headerValid ? "" : "; header damaged");
    }
}
