package dev.faultline;

import dev.faultline.internal.ReportJson;
import dev.faultline.internal.ReportText;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One emitted report: an immutable value describing a warning, a BUG, a panic or an oops.
 *
 * <p>All strings are kept exactly as given; escaping of control characters happens when the
 * report is rendered ({@link #toText()}, {@link #toJson()}), so a user string can never forge
 * a report line. The stack is the caller's stack with Faultline's own frames removed.
 */
public final class Report {
    private final long sequence;
    private final ReportKind kind;
    private final String site;
    private final String location;
    private final String message;
    private final String threadName;
    private final long threadId;
    private final Instant time;
    private final List<StackTraceElement> stack;
    private final Set<Taint> taints;
    private final long pid;
    private final String runId;
    private final String dump;
    private final long suppressed;
    private final Instant suppressedSince;

    /**
     * Creates a report. Faultline creates reports itself; the constructor is public so that
     * tests and integrations can build one. Null strings become empty ({@code dump} stays null
     * when absent); collections are copied.
     */
    public Report(long sequence, ReportKind kind, String site, String location, String message,
                  String threadName, long threadId, Instant time, List<StackTraceElement> stack,
                  Set<Taint> taints, long pid, String runId, String dump) {
        this(sequence, kind, site, location, message, threadName, threadId, time, stack, taints, pid, runId, dump,
                0, null);
    }

    /**
     * As the constructor above, for a report that also announces {@code suppressed} firings of
     * its site that were counted but not reported since {@code suppressedSince} (the site's
     * previous report or flush, or its first firing). A count of zero or less means none and
     * drops {@code suppressedSince}; a positive count with a null instant gets {@link Instant#EPOCH}.
     */
    public Report(long sequence, ReportKind kind, String site, String location, String message,
                  String threadName, long threadId, Instant time, List<StackTraceElement> stack,
                  Set<Taint> taints, long pid, String runId, String dump, long suppressed, Instant suppressedSince) {
        this.sequence = sequence;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.site = site == null ? "" : site;
        this.location = location == null ? "" : location;
        this.message = message == null ? "" : message;
        this.threadName = threadName == null ? "" : threadName;
        this.threadId = threadId;
        this.time = time == null ? Instant.EPOCH : time;
        this.stack = stack == null ? List.of() : List.copyOf(stack);
        this.taints = taints == null || taints.isEmpty()
                ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(taints));
        this.pid = pid;
        this.runId = runId == null ? "" : runId;
        this.dump = dump;
        this.suppressed = Math.max(0, suppressed);
        this.suppressedSince = this.suppressed == 0 ? null : suppressedSince == null ? Instant.EPOCH : suppressedSince;
    }

    /**
     * A copy of this report that also announces {@code count} suppressed firings of its site
     * since {@code since} (see {@link #suppressed()}); this report itself when {@code count} is
     * zero or less.
     */
    public Report withSuppressed(long count, Instant since) {
        if (count <= 0) {
            return this;
        }
        return new Report(sequence, kind, site, location, message, threadName, threadId, time, stack, taints, pid,
                runId, dump, count, since);
    }

    /** Process-wide sequence number of this report, starting at 1; a gap means a lost report. */
    public long sequence() { return sequence; }

    public ReportKind kind() { return kind; }

    /** The site's name, e.g. {@code ledger.negative-balance}. */
    public String site() { return site; }

    /** The source location that raised the report, e.g. {@code com.acme.Ledger.post(Ledger.java:42)}. */
    public String location() { return location; }

    /** The formatted message; empty when the check had none. */
    public String message() { return message; }

    public String threadName() { return threadName; }

    public long threadId() { return threadId; }

    public Instant time() { return time; }

    /** The stack at the point of the report, innermost first, Faultline's own frames removed. */
    public List<StackTraceElement> stack() { return stack; }

    /** The process taint as it was <em>before</em> this report (kernel semantics). */
    public Set<Taint> taints() { return taints; }

    public long pid() { return pid; }

    /** Random identifier of this process run; with the pid it tells runs apart even in containers. */
    public String runId() { return runId; }

    /** A dump of the object the check carried, or null when it carried none. */
    public String dump() { return dump; }

    /**
     * Firings of this report's site that were suppressed (once already reported, or over the
     * site's rate limit) and not announced by any earlier report: the kernel's "N callbacks
     * suppressed". 0 when there were none. Every suppressed firing is announced exactly once,
     * by the next report of its site or by a flush ({@link Faultline#flushSuppressed()}).
     */
    public long suppressed() { return suppressed; }

    /** Since when the {@link #suppressed()} firings were counted, or null when there were none. */
    public Instant suppressedSince() { return suppressedSince; }

    /** The kernel-style multi-line text, from the cut-here line to the end marker, newline-terminated. */
    public String toText() {
        return ReportText.render(this);
    }

    /** One JSON object on one line (no trailing newline). */
    public String toJson() {
        return ReportJson.render(this);
    }

    /** The first line of {@link #toText()}, e.g. {@code WARNING: site at location}. */
    public String headline() {
        return ReportText.headline(this);
    }

    @Override
    public String toString() {
        return headline() + " [seq " + sequence + "]";
    }
}
