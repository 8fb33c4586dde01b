package dev.faultline.ring;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Signature;
import dev.faultline.internal.text.Escape;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One valid record read back from a crash ring: its frame passed every check (marker, lengths,
 * position, CRC32C salted with the run id). Strings are exactly as written; the renderings
 * ({@link #toText()}, {@link #toJson()}) escape them.
 */
public final class RingRecord {
    private final long sequence;
    private final long position;
    private final long timeMillis;
    private final long threadId;
    private final String threadName;
    private final int source;
    private final int code;
    private final String logger;
    private final String message;
    private volatile Report parsed;
    private volatile boolean parseFailed;
    /** For a log line: its body read back (LogLineFormat); null for other records. */
    private final LogLineFormat.Decoded line;

    RingRecord(long sequence, long position, long timeMillis, long threadId, String threadName, int source, int code,
               String logger, String message) {
        this.sequence = sequence;
        this.position = position;
        this.timeMillis = timeMillis;
        this.threadId = threadId;
        this.threadName = threadName;
        this.source = source;
        this.code = code;
        this.logger = logger;
        if (source == RingFormat.SOURCE_LOG_LINE) {
            this.line = LogLineFormat.decode(message);
            this.message = line.message();
        } else {
            this.line = null;
            this.message = message;
        }
    }

    /**
     * Increases in the order records claimed their space; unique in the run; not consecutive
     * (see {@link CrashRing#append}).
     */
    public long sequence() { return sequence; }

    /** Logical byte position of the frame over the ring's lifetime. */
    public long position() { return position; }

    public Instant time() { return Instant.ofEpochMilli(timeMillis); }

    public long timeMillis() { return timeMillis; }

    public long threadId() { return threadId; }

    public String threadName() { return threadName; }

    /** True for a Faultline report (warning, BUG, panic, oops); false for an application record. */
    public boolean isReport() { return source == RingFormat.SOURCE_REPORT; }

    /**
     * True for an application log line written with {@link CrashRing#append(LogLine)} (a
     * Logback, Log4j2 or java.util.logging event): it has {@link #keyValues()} and
     * {@link #throwable()}, and {@link #kind()} is its level.
     */
    public boolean isLogLine() { return line != null; }

    /** A log line's key-value pairs (MDC, key-values) in the order logged; empty for other records. */
    public Map<String, String> keyValues() { return line == null ? Map.of() : line.keyValues(); }

    /**
     * A log line's throwable in {@code printStackTrace} style, one element per line (class and
     * message, {@code \tat} frames, {@code Caused by:} lines); empty when none was logged and for
     * other records.
     */
    public List<String> throwable() { return line == null ? List.of() : line.throwable(); }

    /**
     * The report kind ({@code WARNING}, {@code BUG}, {@code PANIC}, {@code OOPS}, ...), the level
     * of an application record ({@code INFO}, {@code ERROR}, ...), {@code DUMP} for a dumper's
     * output, {@code CONFIG}, {@code PANIC_LINE} or {@code CONSOLE} for Faultline's own lines;
     * {@code ?N.M} for a source or code this version does not know.
     */
    public String kind() {
        if (source == RingFormat.SOURCE_REPORT && code < ReportKind.values().length) {
            return ReportKind.values()[code].name();
        }
        if ((source == RingFormat.SOURCE_LOG || source == RingFormat.SOURCE_LOG_LINE)
                && code < System.Logger.Level.values().length) {
            return System.Logger.Level.values()[code].getName();
        }
        if (source == RingFormat.SOURCE_DUMP) {
            return "DUMP";
        }
        if (source == RingFormat.SOURCE_FAULTLINE && code <= RingFormat.CODE_CONSOLE) {
            return code == RingFormat.CODE_CONFIG ? "CONFIG" : code == RingFormat.CODE_PANIC ? "PANIC_LINE" : "CONSOLE";
        }
        return "?" + source + "." + code;
    }

    /** {@code report}, {@code log}, {@code dump}, {@code faultline}, or {@code ?N} for an unknown source. */
    public String source() {
        switch (source) {
            case RingFormat.SOURCE_REPORT: return "report";
            case RingFormat.SOURCE_LOG: return "log";
            case RingFormat.SOURCE_LOG_LINE: return "log";
            case RingFormat.SOURCE_DUMP: return "dump";
            case RingFormat.SOURCE_FAULTLINE: return "faultline";
            default: return "?" + source;
        }
    }

    /** The report's site, the application record's logger, the dumper's name, or {@code faultline}. */
    public String logger() { return logger; }

    /**
     * The bytes stored as the message, decoded: for a report its JSON ({@link Report#toJson()}),
     * for every other record its text.
     */
    public String payload() { return message; }

    /**
     * The report this record holds, read back from its stored JSON; null for a record that is not
     * a report, for a report stored as text by an older version, or when the JSON does not parse
     * (then {@link #message()} shows the stored payload).
     */
    public Report report() {
        if (!isReport()) {
            return null;
        }
        Report r = parsed;
        if (r == null && !parseFailed) {
            try {
                if (message.startsWith("{")) {
                    r = Report.fromJson(message);
                    parsed = r;
                } else {
                    parseFailed = true;
                }
            } catch (RuntimeException e) {
                parseFailed = true;
            }
        }
        return r;
    }

    /**
     * The kind of a report record; null for a record that is not a report or whose kind this
     * version does not know.
     */
    public ReportKind reportKind() {
        return source == RingFormat.SOURCE_REPORT && code < ReportKind.values().length ? ReportKind.values()[code] : null;
    }

    /**
     * The signature of a report record: its stored report's ({@link #report()}), or, for a report
     * stored as text by an older version, the one its text names or its frames give
     * ({@link Signature#ofText}); null for a record that is not a report or whose kind this
     * version does not know. Never throws.
     */
    public Signature signature() {
        ReportKind k = reportKind();
        if (k == null) {
            return null;
        }
        Report r = report();
        if (r != null) {
            return r.signature();
        }
        try {
            return Signature.ofText(k, logger, message);
        } catch (RuntimeException e) {
            return Signature.UNKNOWN;
        }
    }

    /**
     * For a report, its full text ({@link Report#toText()} without the final newline), rendered
     * from the stored fields; for any other record, the message as written.
     */
    public String message() {
        Report r = report();
        if (r == null) {
            return message;
        }
        String text = r.toText();
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * The first line of the message, escaped; for a report its headline ({@code BUG: site at ...}),
     * the line after the {@code cut here} marker.
     */
    public String firstLine() {
        Report r = report();
        if (r != null) {
            return r.headline();
        }
        String m = message;
        if (isReport() && m.startsWith(Report.CUT_HERE + "\n")) {
            m = m.substring(Report.CUT_HERE.length() + 1);
        }
        int nl = m.indexOf('\n');
        return Escape.text(nl < 0 ? m : m.substring(0, nl));
    }

    /**
     * Human-readable text: one line {@code #seq time [thread] KIND logger: message}; a report's
     * or a dump's further lines follow, each indented by two spaces. A log line adds its pairs on
     * the same line ({@code {k=v, k2=v2}}) and its throwable's lines after it, indented by two
     * spaces. Control characters are always escaped, so a record cannot forge lines of this output.
     */
    public String toText() {
        String m = message();
        StringBuilder b = new StringBuilder(64 + m.length());
        b.append('#').append(sequence).append(' ').append(time()).append(" [").append(Escape.text(threadName))
                .append("] ").append(kind()).append(' ').append(Escape.text(logger)).append(": ");
        if (isReport() || source == RingFormat.SOURCE_DUMP) {
            String[] lines = m.split("\n", -1);
            b.append(reportLine(lines[0]));
            for (int i = 1; i < lines.length; i++) {
                b.append("\n  ").append(reportLine(lines[i]));
            }
        } else {
            b.append(Escape.text(m));
        }
        if (line != null) {
            if (!line.keyValues().isEmpty() || line.droppedKeyValues() > 0) {
                b.append(" {");
                String sep = "";
                for (Map.Entry<String, String> e : line.keyValues().entrySet()) {
                    b.append(sep).append(Escape.text(e.getKey())).append('=').append(Escape.text(e.getValue()));
                    sep = ", ";
                }
                if (line.droppedKeyValues() > 0) {
                    b.append(sep).append("+").append(line.droppedKeyValues()).append(" more");
                }
                b.append('}');
            }
            for (String t : line.throwable()) {
                // The tab before "at" would print as an escape; two more spaces say the same.
                b.append("\n  ").append(Escape.text(t.startsWith("\t") ? "  " + t.substring(1) : t));
            }
        }
        return b.toString();
    }

    /**
     * A line of report text (or dump output) was escaped when it was rendered, so it is shown as
     * it is unless it holds a control character (which a genuine line never does).
     */
    private static String reportLine(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            // A tab is no line break: a thread dump indents its frames with one, as jstack does.
            if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                return Escape.text(line);
            }
        }
        return line;
    }

    /**
     * One JSON object on one line: {@code seq, time, thread, thread_id, source, kind, logger},
     * then for a report stored structured {@code "report":} the report's own JSON object
     * ({@link Report#toJson()}, the same schema), else {@code "message":} the text.
     */
    public String toJson() {
        StringBuilder b = new StringBuilder(128 + message.length());
        b.append("{\"seq\":").append(sequence).append(",\"time\":\"").append(time()).append("\",\"thread\":")
                .append(Escape.json(threadName)).append(",\"thread_id\":").append(threadId)
                .append(",\"source\":\"").append(source()).append("\",\"kind\":").append(Escape.json(kind()))
                .append(",\"logger\":").append(Escape.json(logger));
        Report r = report();
        if (r != null) {
            // Rendered again rather than copied: one line, in the current schema, whatever spacing was stored.
            b.append(",\"report\":").append(r.toJson());
        } else {
            b.append(",\"message\":").append(Escape.json(message));
        }
        return b.append(lineJson()).append('}').toString();
    }

    /** A log line's pairs and throwable as JSON members ({@code "kv":{...},"throwable":[...]}); empty otherwise. */
    private String lineJson() {
        if (line == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(",\"line\":true,\"kv\":{");
        String sep = "";
        for (Map.Entry<String, String> e : line.keyValues().entrySet()) {
            b.append(sep).append(Escape.json(e.getKey())).append(':').append(Escape.json(e.getValue()));
            sep = ",";
        }
        b.append("},\"kvDropped\":").append(line.droppedKeyValues()).append(",\"throwable\":[");
        sep = "";
        for (String t : line.throwable()) {
            b.append(sep).append(Escape.json(t));
            sep = ",";
        }
        return b.append(']').toString();
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + kind() + " " + Escape.text(logger);
    }
}
