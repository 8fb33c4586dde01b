package dev.faultline.ring;

import dev.faultline.Report;
import dev.faultline.ReportKind;
import dev.faultline.internal.text.Escape;
import java.time.Instant;

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
        this.message = message;
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
     * The report kind ({@code WARNING}, {@code BUG}, {@code PANIC}, {@code OOPS}) or the level of
     * an application record ({@code INFO}, {@code ERROR}, ...); {@code ?N} for a code this
     * version does not know.
     */
    public String kind() {
        if (source == RingFormat.SOURCE_REPORT && code < ReportKind.values().length) {
            return ReportKind.values()[code].name();
        }
        if (source == RingFormat.SOURCE_LOG && code < System.Logger.Level.values().length) {
            return System.Logger.Level.values()[code].getName();
        }
        return "?" + source + "." + code;
    }

    /** The report's site, or the application record's logger. */
    public String logger() { return logger; }

    /** The full report text (several lines), or the application record's message. */
    public String message() { return message; }

    /**
     * The first line of the message, escaped; for a report its headline ({@code BUG: site at ...}),
     * the line after the {@code cut here} marker.
     */
    public String firstLine() {
        String m = message;
        if (isReport() && m.startsWith(Report.CUT_HERE + "\n")) {
            m = m.substring(Report.CUT_HERE.length() + 1);
        }
        int nl = m.indexOf('\n');
        return Escape.text(nl < 0 ? m : m.substring(0, nl));
    }

    /**
     * Human-readable text: one line {@code #seq time [thread] KIND logger: message}; a report's
     * further lines follow, each indented by two spaces. Control characters are always escaped,
     * so a record cannot forge lines of this output.
     */
    public String toText() {
        StringBuilder b = new StringBuilder(64 + message.length());
        b.append('#').append(sequence).append(' ').append(time()).append(" [").append(Escape.text(threadName))
                .append("] ").append(kind()).append(' ').append(Escape.text(logger)).append(": ");
        if (isReport()) {
            String[] lines = message.split("\n", -1);
            b.append(reportLine(lines[0]));
            for (int i = 1; i < lines.length; i++) {
                b.append("\n  ").append(reportLine(lines[i]));
            }
        } else {
            b.append(Escape.text(message));
        }
        return b.toString();
    }

    /**
     * A line of report text was escaped when the report was rendered, so it is shown as it is
     * unless it holds a control character (which a genuine report line never does).
     */
    private static String reportLine(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                return Escape.text(line);
            }
        }
        return line;
    }

    /** One JSON object on one line. */
    public String toJson() {
        return "{\"seq\":" + sequence + ",\"time\":\"" + time() + "\",\"thread\":" + Escape.json(threadName)
                + ",\"threadId\":" + threadId + ",\"report\":" + isReport() + ",\"kind\":" + Escape.json(kind())
                + ",\"logger\":" + Escape.json(logger) + ",\"message\":" + Escape.json(message) + "}";
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + kind() + " " + Escape.text(logger);
    }
}
