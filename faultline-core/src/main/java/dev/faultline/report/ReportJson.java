package dev.faultline.report;

import java.util.List;

/** Renders a {@link Report} as one JSON object on one line, in the {@link ReportSchema}. */
final class ReportJson {
    private ReportJson() {}

    static String render(Report r) {
        StringBuilder b = new StringBuilder(512 + r.message().length() + 96 * r.stack().size());
        ReportSchema.render(b, r);
        return b.toString();
    }

    /**
     * The JSON of {@code r} in at most {@code maxBytes} UTF-8 bytes: when the whole report is
     * longer, the message and dump are cut (each ending {@code … [N chars cut]}) and then the
     * stack shortened, until it fits; the result is always a complete JSON object.
     */
    static String render(Report r, int maxBytes) {
        String json = render(r);
        if (utf8Length(json) <= maxBytes) {
            return json;
        }
        Report cut = r;
        Signature signature = r.signature();
        int keep = Math.max(r.message().length(), r.dump() == null ? 0 : r.dump().length());
        while (true) {
            keep /= 2;
            List<StackTraceElement> stack = cut.stack();
            if (keep < 64 && !stack.isEmpty()) {
                stack = stack.subList(0, stack.size() / 2);
            }
            // Every other field kept, the signature too: it names the bug from the whole stack,
            // and a cut report re-signed from its shortened stack would split one bug in two.
            cut = r.toBuilder().message(cut(r.message(), keep)).dump(r.dump() == null ? null : cut(r.dump(), keep))
                    .stack(stack).signature(signature).build();
            json = render(cut);
            if (utf8Length(json) <= maxBytes || (keep == 0 && stack.isEmpty())) {
                return json;
            }
        }
    }

    private static String cut(String s, int keep) {
        if (s.length() <= keep + CUT_MARK) {
            return s; // the cut form would be no shorter: keep the text whole
        }
        int k = keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1)) ? keep - 1 : keep;
        return s.substring(0, k) + "\u2026 [" + (s.length() - k) + " chars cut]";
    }

    /** The most the {@code … [N chars cut]} mark adds to a string. */
    private static final int CUT_MARK = 24;

    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }
}
