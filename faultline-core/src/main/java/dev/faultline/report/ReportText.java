package dev.faultline.report;

import dev.faultline.internal.text.Escape;
import dev.faultline.internal.text.FrameText;
import dev.faultline.internal.text.IsoInstant;


/** Renders a {@link Report} as kernel-like text. Every user string is escaped. */
final class ReportText {
    /** The first line of every report, as in the kernel. */
    static final String CUT_HERE = "------------[ cut here ]------------";
    /** Prefix of the last line of every report; the sequence number follows. */
    static final String END_PREFIX = "---[ end trace ";

    /** Opens the line naming the debug domain of a report made by a domain's check. */
    static final String DOMAIN_PREFIX = "Debug domain: ";

    private ReportText() {}

    static String headline(Report r) {
        StringBuilder b = new StringBuilder(96);
        b.append(r.kind().name()).append(": ").append(Escape.text(r.site()));
        if (!r.location().isEmpty()) {
            b.append(" at ").append(Escape.text(r.location()));
        }
        return b.toString();
    }

    /** {@link Report#summary()}: the headline, then ": " and the escaped message when there is one. */
    static String summary(Report r) {
        String h = headline(r);
        return r.message().isEmpty() ? h : h + ": " + Escape.text(r.message());
    }

    static String render(Report r) {
        // Sized for the usual report: a line of about 60 characters per frame.
        StringBuilder b = new StringBuilder(512 + 64 * r.stack().size());
        b.append(CUT_HERE).append('\n');
        b.append(headline(r)).append('\n');
        b.append("Thread: \"").append(Escape.text(r.threadName())).append("\" #").append(r.threadId())
                .append(", pid ").append(r.pid())
                .append(", run ").append(Escape.text(r.runId()))
                .append(r.app().isEmpty() ? "" : ", app " + Escape.text(r.app()))
                .append(", ");
        // The exact text of Instant.toString(), without its formatter's cost on the printer.
        if (r.time() == null) {
            b.append("null");
        } else {
            IsoInstant.append(b, r.time());
        }
        b.append('\n');
        b.append(Taint.line(r.taints())).append('\n');
        b.append(Signature.SIGNATURE_PREFIX).append(r.signature().hash()).append(' ').append(Escape.text(r.signature().title()))
                .append('\n');
        if (r.domain() != null) {
            b.append(DOMAIN_PREFIX).append(Escape.text(r.domain())).append('\n');
        }
        if (!r.message().isEmpty()) {
            b.append("Message: ").append(Escape.text(r.message())).append('\n');
        }
        if (r.dump() != null) {
            if (isThreadText(r.kind())) {
                threadText(b, r.dump());
            } else {
                b.append("Dump: ").append(Escape.text(r.dump())).append('\n');
            }
        }
        if (r.suppressed() > 0) {
            b.append(suppressedLine(r)).append('\n');
        }
        if (!r.stack().isEmpty()) {
            // A NOTICE (rate-limited print, suppressed-count flush) carries no stack: no empty heading.
            b.append("Call Trace:\n");
            for (StackTraceElement e : r.stack()) {
                b.append(" ").append(FrameText.line(e)).append('\n');
            }
        }
        b.append(endMarker(r.sequence())).append('\n');
        return b.toString();
    }

    /**
     * True for the kinds whose dump is several lines of thread text (the threads of a deadlock
     * cycle, a hung thread and its lock owner, a stall's figures), printed as a block. Every
     * other dump is one value and stays on the {@code Dump:} line.
     */
    static boolean isThreadText(ReportKind kind) {
        return kind == ReportKind.DEADLOCK || kind == ReportKind.HUNG || kind == ReportKind.LOCKUP
                || kind == ReportKind.STALL;
    }

    /**
     * {@code Dump:} on a line of its own, then each line of the dump indented by two spaces and
     * escaped on its own: the block reads like jstack, and no line of it can pass for a line
     * of the report (none starts at the left margin, none holds a control character).
     */
    private static void threadText(StringBuilder b, String dump) {
        b.append("Dump:\n");
        int start = 0;
        while (start <= dump.length()) {
            int end = dump.indexOf('\n', start);
            if (end < 0) {
                end = dump.length();
            }
            if (end > start) {
                b.append("  ").append(Escape.text(dump.substring(start, end))).append('\n');
            } else if (end < dump.length()) {
                b.append('\n'); // an empty line stays empty: nothing to indent, nothing to forge
            }
            start = end + 1;
        }
    }

    /** {@code Suppressed: 42 since 2026-11-21T08:09:43.611Z} (no newline): the kernel's "callbacks suppressed". */
    static String suppressedLine(Report r) {
        return "Suppressed: " + r.suppressed() + " since " + r.suppressedSince();
    }

    /** The end marker line for a report with this sequence number (no newline). */
    static String endMarker(long sequence) {
        // Zero-padded by hand: String.format loads Formatter and locale data, which cannot be
        // initialised for the first time on a full heap.
        String digits = Long.toString(sequence);
        StringBuilder b = new StringBuilder(END_PREFIX.length() + 22).append(END_PREFIX);
        for (int i = digits.length(); i < 16; i++) {
            b.append('0');
        }
        return b.append(digits).append(" ]---").toString();
    }
}
