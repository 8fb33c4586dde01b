package dev.faultline.cli;

import java.util.ArrayList;
import java.util.List;

/** Reads fields back out of a ring record's report: its text lines or its JSON object. */
final class RecordText {
    private RecordText() {}

    /** The rest of the first line starting with {@code prefix}, or null. */
    static String line(String text, String prefix) {
        for (String l : text.split("\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length());
            }
        }
        return null;
    }

    /**
     * The frames under {@code Call Trace:} ({@code " com.acme.Ledger.post(Ledger.java:42)"}, or a JSON
     * record's {@code "stack"} entries), as stack trace elements; lines that are not frames are skipped.
     */
    static List<StackTraceElement> callTrace(String text) {
        List<StackTraceElement> out = new ArrayList<>();
        boolean in = false;
        for (String l : text.split("\n")) {
            if (l.equals("Call Trace:")) {
                in = true;
            } else if (in && l.startsWith(" ")) {
                StackTraceElement e = frame(l.trim());
                if (e != null) {
                    out.add(e);
                }
            } else if (in) {
                break;
            }
        }
        return out;
    }

    /** {@code [module/]com.acme.Ledger.post(Ledger.java:42)} as an element, or null. */
    static StackTraceElement frame(String s) {
        int paren = s.indexOf('(');
        String head = paren < 0 ? s : s.substring(0, paren);
        int slash = head.lastIndexOf('/');
        head = head.substring(slash + 1);
        int dot = head.lastIndexOf('.');
        if (dot <= 0 || dot == head.length() - 1) {
            return null;
        }
        return new StackTraceElement(head.substring(0, dot), head.substring(dot + 1), null, -1);
    }

    /** The string value of {@code "name":"..."} in a one-line JSON object (escapes undone), or null. */
    static String jsonField(String json, String name) {
        String key = "\"" + name + "\":\"";
        int i = json.indexOf(key);
        if (i < 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int j = i + key.length(); j < json.length(); j++) {
            char c = json.charAt(j);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\' && j + 1 < json.length()) {
                char e = json.charAt(++j);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'u':
                        if (j + 4 < json.length()) {
                            b.append((char) Integer.parseInt(json.substring(j + 1, j + 5), 16));
                            j += 4;
                        }
                        break;
                    default: b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        return null;
    }
}
