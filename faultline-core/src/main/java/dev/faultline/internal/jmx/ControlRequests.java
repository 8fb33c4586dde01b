package dev.faultline.internal.jmx;

import dev.faultline.internal.runtime.SiteDirectory;
import dev.faultline.report.SiteStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The requests the {@code faultline} command sends over the control socket, and their answers:
 * plain text, so that neither side ever deserializes an object the other sent.
 *
 * <pre>
 * request = "faultline-control 1 " op " " argc LF { arg LF }       argc arguments
 * answer  = "ok " n LF { value LF }                                   n values
 *         | "refused " message LF                                     a key or value refused; nothing changed
 *         | "error " message LF                                       anything else
 * op      = "get" (one argument: App RunId RingPath Taint WarnCount OopsCount Pid Sysctl
 *           DebugDomains BootOnlyKeys Sites) | "sysctl" KEY | "setSysctl" KEY VALUE | "applyDebugSpec" SPEC
 * </pre>
 *
 * Every argument, value and message is one line: a backslash, line feed, carriage return and
 * tab are written {@code \\ \n \r \t}. A {@code Sites} value is one site per line: fired,
 * reported, suppressed, last firing (ISO-8601, empty if never) and name, separated by tabs.
 * Each request is answered by the same {@link FaultlineControl} as the MBean, so a change made
 * this way prints the same change line, naming the channel (the user who asked), and relaxing a
 * safety setting taints the process {@code R} the same way.
 */
final class ControlRequests {
    /** The first word of every request, and the protocol version after it. */
    static final String MAGIC = "faultline-control 1";
    /** Most arguments one request may have. */
    static final int MAX_ARGS = 8;

    private ControlRequests() {}

    /**
     * The answer to {@code op(args)} through channel {@code channel}, as the lines to send. Never
     * throws.
     */
    static List<String> answer(String op, List<String> args, String channel) {
        try {
            FaultlineControl control = new FaultlineControl(channel);
            List<String> values = values(control, op, args);
            List<String> out = new ArrayList<>(values.size() + 1);
            out.add("ok " + values.size());
            for (String v : values) {
                out.add(escape(v));
            }
            return out;
        } catch (IllegalArgumentException e) {
            return List.of("refused " + escape(String.valueOf(e.getMessage())));
        } catch (Throwable e) {
            return List.of("error " + escape(String.valueOf(e)));
        }
    }

    private static List<String> values(FaultlineControl c, String op, List<String> args) {
        switch (op) {
            case "get":
                need(op, args, 1);
                return attribute(c, args.get(0));
            case "sysctl":
                need(op, args, 1);
                return List.of(c.sysctl(args.get(0)));
            case "setSysctl":
                need(op, args, 2);
                return List.of(c.setSysctl(args.get(0), args.get(1)));
            case "applyDebugSpec":
                need(op, args, 1);
                return Arrays.asList(c.applyDebugSpec(args.get(0)));
            default:
                throw new IllegalStateException("unknown request '" + op + "'");
        }
    }

    private static List<String> attribute(FaultlineControl c, String name) {
        switch (name) {
            case "App": return List.of(c.getApp());
            case "RunId": return List.of(c.getRunId());
            case "RingPath": return List.of(c.getRingPath());
            case "Taint": return List.of(c.getTaint());
            case "WarnCount": return List.of(String.valueOf(c.getWarnCount()));
            case "OopsCount": return List.of(String.valueOf(c.getOopsCount()));
            case "Pid": return List.of(String.valueOf(c.getPid()));
            case "Sysctl": return Arrays.asList(c.getSysctl());
            case "DebugDomains": return Arrays.asList(c.getDebugDomains());
            case "BootOnlyKeys": return Arrays.asList(c.getBootOnlyKeys());
            case "Sites": return sites();
            default: throw new IllegalStateException("unknown attribute '" + name + "'");
        }
    }

    /** Without JMX's open types, so that this works in a runtime without the java.management module. */
    private static List<String> sites() {
        List<SiteStats> sites = SiteDirectory.sites();
        List<String> out = new ArrayList<>(sites.size());
        for (SiteStats s : sites) {
            out.add(s.fired() + "\t" + s.reported() + "\t" + s.suppressed() + "\t"
                    + s.lastFired().map(Object::toString).orElse("") + "\t" + s.site().replace('\t', ' '));
        }
        return out;
    }

    private static void need(String op, List<String> args, int n) {
        if (args.size() != n) {
            throw new IllegalStateException("request '" + op + "' takes " + n + " argument(s), not " + args.size());
        }
    }

    /** One line for {@code s}: backslash, LF, CR and tab escaped. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    /** The inverse of {@link #escape}; an unknown escape stands for itself. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n);
        }
        return b.toString();
    }
}
