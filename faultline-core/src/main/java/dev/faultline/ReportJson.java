package dev.faultline;

import dev.faultline.internal.text.Escape;


/** Renders a {@link Report} as one JSON object on one line. */
final class ReportJson {
    private ReportJson() {}

    static String render(Report r) {
        StringBuilder b = new StringBuilder(512).append('{');
        b.append("\"seq\":").append(r.sequence());
        field(b, "kind", r.kind().name());
        field(b, "site", r.site());
        field(b, "location", r.location());
        field(b, "message", r.message());
        field(b, "thread", r.threadName());
        b.append(",\"thread_id\":").append(r.threadId());
        field(b, "time", r.time().toString());
        StringBuilder letters = new StringBuilder();
        for (Taint t : r.taints()) {
            letters.append(t.letter());
        }
        field(b, "taint", letters.toString());
        b.append(",\"pid\":").append(r.pid());
        field(b, "run", r.runId());
        if (r.domain() != null) {
            field(b, "domain", r.domain());
        }
        if (r.dump() != null) {
            field(b, "dump", r.dump());
        }
        if (r.suppressed() > 0) {
            b.append(",\"suppressed\":").append(r.suppressed());
            field(b, "suppressed_since", r.suppressedSince().toString());
        }
        b.append(",\"stack\":[");
        boolean first = true;
        for (StackTraceElement e : r.stack()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(Escape.json(e.toString()));
        }
        return b.append("]}").toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":").append(Escape.json(value));
    }
}
