package dev.faultline.report;

/**
 * Reads back a stack frame from its {@link StackTraceElement#toString()} form, e.g.
 * {@code java.base/java.lang.Thread.run(Thread.java:833)} or
 * {@code app//com.acme.Ledger.post(Ledger.java:42)}, so that a report stored as JSON in the crash
 * ring renders the same frames again. Text that is not a frame becomes a frame whose class is
 * that text, rather than an error: the evidence is shown as it was stored.
 */
final class StackFrames {
    private StackFrames() {}

    static StackTraceElement parse(String frame) {
        int open = frame.lastIndexOf('(');
        if (open < 0 || !frame.endsWith(")")) {
            return new StackTraceElement(frame, "", null, -1);
        }
        String head = frame.substring(0, open);
        String where = frame.substring(open + 1, frame.length() - 1);
        String loader = null;
        String module = null;
        String version = null;
        int slash = head.lastIndexOf('/');
        if (slash >= 0) {
            String prefix = head.substring(0, slash);
            head = head.substring(slash + 1);
            int first = prefix.indexOf('/');
            if (first >= 0) {
                loader = prefix.substring(0, first);
                module = prefix.substring(first + 1);
            } else {
                module = prefix;
            }
            if (module != null && module.isEmpty()) {
                module = null;
            }
            if (module != null) {
                int at = module.indexOf('@');
                if (at >= 0) {
                    version = module.substring(at + 1);
                    module = module.substring(0, at);
                }
            }
        }
        int dot = head.lastIndexOf('.');
        String cls = dot < 0 ? head : head.substring(0, dot);
        String method = dot < 0 ? "" : head.substring(dot + 1);
        String file = null;
        int line = -1;
        if (where.equals("Native Method")) {
            line = -2;
        } else if (!where.equals("Unknown Source")) {
            int colon = where.lastIndexOf(':');
            if (colon >= 0) {
                try {
                    line = Integer.parseInt(where.substring(colon + 1));
                    file = where.substring(0, colon);
                } catch (NumberFormatException e) {
                    file = where;
                }
            } else {
                file = where;
            }
        }
        return new StackTraceElement(loader, module, version, cls, method, file, line);
    }
}
