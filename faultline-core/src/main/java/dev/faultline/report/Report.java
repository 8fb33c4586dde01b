package dev.faultline.report;

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
    private final String domain;
    private final long suppressed;
    private final Instant suppressedSince;
    private Signature signature;
    private final String app;

    /**
     * The one constructor, every field: reports are made by {@link #builder(ReportKind)} and
     * copied by {@link #toBuilder()}. Null strings become empty ({@code dump} stays null when
     * absent); collections are copied; a suppressed count of zero or less drops
     * {@code suppressedSince}, a positive one with a null instant gets {@link Instant#EPOCH}; a
     * null {@code signature} is computed on first use.
     */
    private Report(long sequence, ReportKind kind, String site, String location, String message,
                  String threadName, long threadId, Instant time, List<StackTraceElement> stack,
                  Set<Taint> taints, long pid, String runId, String dump, long suppressed, Instant suppressedSince,
                  String domain, String app, Signature signature) {
        this.signature = signature;
        this.app = app == null ? "" : app;
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
        this.domain = domain == null || domain.isEmpty() ? null : domain;
        this.suppressed = Math.max(0, suppressed);
        this.suppressedSince = this.suppressed == 0 ? null : suppressedSince == null ? Instant.EPOCH : suppressedSince;
    }

    /**
     * A copy of this report that also announces {@code count} suppressed firings of its site
     * since {@code since} (see {@link #suppressed()}); this report itself when {@code count} is
     * zero or less.
     */
    /** The line that opens every text report, as in the kernel; a report's text starts with it. */
    public static final String CUT_HERE = ReportText.CUT_HERE;

    /**
     * The line that closes the text of the report with sequence number {@code sequence}: a
     * reader that finds it knows that report's text is complete.
     */
    public static String endMarker(long sequence) {
        return ReportText.endMarker(sequence);
    }

    /**
     * Starts a report value of {@code kind}. Faultline builds the reports it emits itself; this
     * builder is for tests and integrations that need a {@code Report} (to test a listener or an
     * exporter, say). A built report goes nowhere: nothing is printed, counted or stored.
     * Fields not set take the values a report of that kind has when they are unknown: sequence
     * 0, empty strings, thread id -1, time {@link Instant#EPOCH}, no stack, no taint, pid -1.
     *
     * @throws NullPointerException if {@code kind} is null
     */
    public static Builder builder(ReportKind kind) {
        return new Builder(Objects.requireNonNull(kind, "kind"));
    }

    /** Builds a {@link Report}; see {@link Report#builder(ReportKind)}. Not thread-safe. */
    public static final class Builder {
        // Package-private so that ReportSchema's one-line field setters can reach them.
        ReportKind kind;
        long sequence;
        String site = "";
        String location = "";
        String message = "";
        String threadName = "";
        long threadId = -1;
        Instant time = Instant.EPOCH;
        List<StackTraceElement> stack = List.of();
        Set<Taint> taints = Set.of();
        long pid = -1;
        String runId = "";
        String dump;
        String domain;
        long suppressed;
        Instant suppressedSince;
        Signature signature;
        String app = "";

        private Builder(ReportKind kind) {
            this.kind = kind;
        }

        /** The process-wide sequence number. */
        public Builder sequence(long sequence) { this.sequence = sequence; return this; }

        /** The site name. */
        public Builder site(String site) { this.site = site; return this; }

        /** The source location, e.g. {@code com.acme.Ledger.post(Ledger.java:42)}. */
        public Builder location(String location) { this.location = location; return this; }

        /** The formatted message. */
        public Builder message(String message) { this.message = message; return this; }

        /** The thread that fired. */
        public Builder thread(String name, long id) { this.threadName = name; this.threadId = id; return this; }

        /** When it fired. */
        public Builder time(Instant time) { this.time = time; return this; }

        /** The stack, innermost frame first; copied. */
        public Builder stack(List<StackTraceElement> stack) { this.stack = stack; return this; }

        /** The process taint from before the report; copied. */
        public Builder taints(Set<Taint> taints) { this.taints = taints; return this; }

        /** The process and run that made the report. */
        public Builder process(long pid, String runId) { this.pid = pid; this.runId = runId; return this; }

        /** The application that made the report ({@code faultline.app}). */
        public Builder app(String app) { this.app = app; return this; }

        /** A snapshot dump of the object the check was about; null for none. */
        public Builder dump(String dump) { this.dump = dump; return this; }

        /** The debug domain whose check made the report; null (the default) for a plain site. */
        public Builder domain(String domain) { this.domain = domain; return this; }

        /** Suppressed firings this report announces, and since when; a count of 0 or less announces none. */
        public Builder suppressed(long count, Instant since) {
            this.suppressed = count;
            this.suppressedSince = since;
            return this;
        }

        /** The signature; when not given (or null), {@link Report#signature()} computes it from kind, site and stack. */
        public Builder signature(Signature signature) { this.signature = signature; return this; }

        /** The immutable report. Null strings become empty; null time becomes {@link Instant#EPOCH}. */
        public Report build() {
            return new Report(sequence, kind, site, location, message, threadName, threadId, time, stack, taints,
                    pid, runId, dump, suppressed, suppressedSince, domain, app, signature);
        }
    }

    /**
     * A builder holding every field of this report, signature included, so that a copy differs
     * only in what the caller sets (a stack set without a signature set keeps this report's
     * signature; set {@code signature(null)} to have it computed again).
     */
    public Builder toBuilder() {
        Builder b = new Builder(kind);
        b.sequence = sequence;
        b.site = site;
        b.location = location;
        b.message = message;
        b.threadName = threadName;
        b.threadId = threadId;
        b.time = time;
        b.stack = stack;
        b.taints = taints;
        b.pid = pid;
        b.runId = runId;
        b.dump = dump;
        b.domain = domain;
        b.suppressed = suppressed;
        b.suppressedSince = suppressedSince;
        b.signature = signature;
        b.app = app;
        return b;
    }

    public Report withSuppressed(long count, Instant since) {
        if (count <= 0) {
            return this;
        }
        return new Report(sequence, kind, site, location, message, threadName, threadId, time, stack, taints, pid,
                runId, dump, count, since, domain, app, signature);
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

    /** The application that made the report ({@code faultline.app}); empty when not known. */
    public String app() { return app; }

    /** A dump of the object the check carried, or null when it carried none. */
    public String dump() { return dump; }

    /**
     * Firings of this report's site that were suppressed (once already reported, or over the
     * site's rate limit) and not announced by any earlier report: the kernel's "N callbacks
     * suppressed". 0 when there were none. Every suppressed firing is announced exactly once,
     * by the next report of its site or by a flush ({@link dev.faultline.Faultline#flushSuppressed()}).
     */
    public long suppressed() { return suppressed; }

    /**
     * The debug domain whose check made this report ({@code mm} for {@code MM.bugOn(...)} on
     * {@code Faultline.domain("mm")}), or null for a plain site. The boot-loop guard reads it
     * from crashed runs' rings: only a debug domain's panic may be demoted.
     */
    public String domain() { return domain; }

    /** Since when the {@link #suppressed()} firings were counted, or null when there were none. */
    public Instant suppressedSince() { return suppressedSince; }

    /**
     * The bug's stable identity across hosts, runs and rebuilds ({@link Signature}): given to
     * the builder, or else computed from kind, site and stack on first use (a benign race: every
     * thread computes the same value). Never null: {@link Signature#UNKNOWN} when it could not be
     * computed (a full heap), in which case a later call tries again.
     */
    public Signature signature() {
        Signature s = signature;
        if (s != null) {
            return s;
        }
        try {
            return signature = Signature.of(kind, site, stack);
        } catch (Throwable e) {
            return Signature.UNKNOWN; // a full heap: rendering goes on, a later call computes it
        }
    }

    /** The kernel-style multi-line text, from the cut-here line to the end marker, newline-terminated. */
    public String toText() {
        return ReportText.render(this);
    }

    /**
     * One JSON object on one line (no trailing newline). The field names and order are the
     * report schema that the crash ring stores and {@code faultline ring show --json} prints:
     * {@code seq, kind, site, location, message, thread, thread_id, time, taint, pid, run}, then
     * {@code dump}, {@code suppressed} and {@code suppressed_since} when present, then
     * {@code stack} (an array of frames in {@link StackTraceElement#toString()} form). Every
     * control character, line separator, bidi control and lone surrogate in a string is a
     * {@code \}{@code uXXXX} escape, so the line is valid JSON and reads back to exactly these strings.
     */
    public String toJson() {
        return ReportJson.render(this);
    }

    /**
     * Appends exactly the characters of {@link #toJson()} to {@code into} and returns it, without
     * making a string: for a writer that encodes the JSON into a buffer of its own (the crash ring
     * does, on the thread that fired the check). If rendering fails (an {@link OutOfMemoryError}),
     * the error propagates and {@code into} may end with part of the object.
     */
    public StringBuilder appendJson(StringBuilder into) {
        ReportSchema.render(into, this);
        return into;
    }

    /**
     * As {@link #toJson()}, in at most {@code maxUtf8Bytes} bytes of UTF-8: when the whole report
     * is longer, the message and dump are cut (each then ends with {@code … [N chars cut]}), and
     * if that is not enough the stack is shortened, until it fits or nothing more can go. The
     * result is always one complete JSON object; it may still exceed a bound too small for the
     * fixed fields.
     */
    public String toJson(int maxUtf8Bytes) {
        return ReportJson.render(this, maxUtf8Bytes);
    }

    /**
     * The report that {@code json} describes, as {@link #toJson()} writes it (and the crash ring
     * stores it). Fields this version does not know are skipped; missing ones take the
     * {@link #builder(ReportKind) builder's} defaults; frames are read back from their
     * {@code toString()} form, so the parsed report renders the same text.
     *
     * @throws IllegalArgumentException when {@code json} is not such an object (the message names
     *                                  the offset or the field), or {@code json} is null
     */
    public static Report fromJson(String json) {
        if (json == null) {
            throw new IllegalArgumentException("report JSON must not be null");
        }
        return ReportSchema.parse(json);
    }

    /** The first line of {@link #toText()}, e.g. {@code WARNING: site at location}. */
    public String headline() {
        return ReportText.headline(this);
    }

    /**
     * The report as one line of a log: the {@link #headline()}, then {@code ": "} and the
     * report's own {@link #message()} when it has one, e.g. {@code WARNING: orders.total at
     * Shop.pay(Shop.java:12): total -5 below zero}. The message is escaped as in {@link #toText()}
     * (a newline in it is {@code \n}), so it cannot forge a second log line. What the logging
     * integrations use as an event's message.
     */
    public String summary() {
        return ReportText.summary(this);
    }

    @Override
    public String toString() {
        return headline() + " [seq " + sequence + "]";
    }
}
