package dev.faultline.internal.text;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Formats a message template with {@code %s} placeholders without ever throwing, and never
 * longer than {@link #MAX_MESSAGE_CHARS}.
 *
 * <p>Each {@code %s} takes the next argument; surplus arguments are appended in square
 * brackets; missing arguments leave the {@code %s} in place. An argument whose
 * {@code toString()} throws is shown as {@code <threw ExceptionName>}, so a broken argument
 * can never turn a warning into a second failure.
 *
 * <p><b>Bound.</b> A message longer than {@link #MAX_MESSAGE_CHARS} characters is cut there and
 * ends with {@code … [N chars cut]}. A {@link Collection} or {@link Map} argument is rendered
 * element by element (as its {@code toString()} would, for the JDK's collections) and only as far
 * as the bound, ending with {@code … [N more elements]}: formatting a list of ten million
 * elements costs as much as formatting the few hundred that fit, not seconds on the caller's
 * thread.
 */
public final class LenientFormat {
    /** Longest message, in chars, that reaches a sink; longer ones are cut and marked. */
    public static final int MAX_MESSAGE_CHARS = 8192;
    /** Room kept for a collection's {@code … [N more elements]} marker and its closing bracket. */
    private static final int MARKER_ROOM = 48;

    private LenientFormat() {}

    public static String format(String template, Object... args) {
        String t = template == null ? "null" : template;
        if (args == null || args.length == 0) {
            return bound(t);
        }
        StringBuilder b = new StringBuilder(Math.min(t.length() + 16 * args.length, MAX_MESSAGE_CHARS + 32));
        long dropped = 0;
        int from = 0;
        int i = 0;
        while (i < args.length && b.length() <= MAX_MESSAGE_CHARS) {
            int at = t.indexOf("%s", from);
            if (at < 0) {
                break;
            }
            b.append(t, from, at);
            dropped += appendBounded(b, args[i++], MAX_MESSAGE_CHARS + 1);
            from = at + 2;
        }
        if (b.length() <= MAX_MESSAGE_CHARS) {
            b.append(t, from, t.length());
        }
        if (i < args.length && b.length() <= MAX_MESSAGE_CHARS) {
            b.append(" [");
            for (boolean first = true; i < args.length && b.length() <= MAX_MESSAGE_CHARS; i++, first = false) {
                if (!first) {
                    b.append(", ");
                }
                dropped += appendBounded(b, args[i], MAX_MESSAGE_CHARS + 1);
            }
            b.append(']');
        }
        return b.length() <= MAX_MESSAGE_CHARS ? b.toString() : cut(b, b.length() + dropped);
    }

    /** {@code s} itself when it fits {@link #MAX_MESSAGE_CHARS}, else its cut and marked prefix. */
    public static String bound(String s) {
        return s.length() <= MAX_MESSAGE_CHARS ? s : cut(s, s.length());
    }

    private static String cut(CharSequence s, long length) {
        int keep = MAX_MESSAGE_CHARS;
        if (Character.isHighSurrogate(s.charAt(keep - 1))) {
            keep--; // never split a surrogate pair
        }
        return new StringBuilder(keep + 24).append(s, 0, keep).append("\u2026 [").append(length - keep)
                .append(" chars cut]").toString();
    }

    /**
     * Appends {@code o} as {@code String.valueOf} would, but a collection or map only up to the
     * bound; returns how many chars of a plain argument's string were left out for the bound.
     */
    private static long appendBounded(StringBuilder b, Object o, int limit) {
        if (o instanceof Collection) {
            Collection<?> c;
            try {
                c = (Collection<?>) o;
                appendElements(b, c.iterator(), c.size(), false, o, limit);
            } catch (Throwable e) {
                b.append(threw(e));
            }
            return 0;
        }
        if (o instanceof Map) {
            try {
                Map<?, ?> m = (Map<?, ?>) o;
                appendElements(b, m.entrySet().iterator(), m.size(), true, o, limit);
            } catch (Throwable e) {
                b.append(threw(e));
            }
            return 0;
        }
        String s = safeString(o);
        int room = limit - b.length();
        int take = Math.max(0, Math.min(s.length(), room));
        b.append(s, 0, take);
        return s.length() - take;
    }

    /**
     * Elements until {@code limit} less room for the marker, so that the {@code … [N more
     * elements]} marker itself is never cut away by the message bound.
     */
    private static void appendElements(StringBuilder b, Iterator<?> it, int size, boolean map, Object self, int limit) {
        int elementLimit = Math.max(b.length(), limit - MARKER_ROOM);
        b.append(map ? '{' : '[');
        int shown = 0;
        while (it.hasNext()) {
            if (b.length() >= elementLimit) {
                b.append("\u2026 [").append(size - shown).append(" more elements]");
                break;
            }
            if (shown > 0) {
                b.append(", ");
            }
            Object e = it.next();
            if (map) {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
                Object k = entry.getKey();
                Object v = entry.getValue();
                appendBounded(b, k == self ? "(this Map)" : k, elementLimit);
                b.append('=');
                appendBounded(b, v == self ? "(this Map)" : v, elementLimit);
            } else {
                appendBounded(b, e == self ? "(this Collection)" : e, elementLimit);
            }
            shown++;
        }
        b.append(map ? '}' : ']');
    }

    /**
     * The arguments of a five-or-more-argument check in order: the four fixed ones, then
     * {@code more}. A null {@code more} (a lone {@code null} passed as the fifth argument) counts
     * as one null argument.
     */
    public static Object[] append(Object[] more, Object arg1, Object arg2, Object arg3, Object arg4) {
        Object[] rest = more == null ? new Object[] {null} : more;
        Object[] all = new Object[4 + rest.length];
        all[0] = arg1;
        all[1] = arg2;
        all[2] = arg3;
        all[3] = arg4;
        System.arraycopy(rest, 0, all, 4, rest.length);
        return all;
    }

    /** {@code String.valueOf(o)}, except that a throwing {@code toString()} is shown, not thrown. */
    public static String safeString(Object o) {
        try {
            return String.valueOf(o);
        } catch (Throwable e) {
            return threw(e);
        }
    }

    /**
     * The message {@code supplier} builds, cut to {@link #MAX_MESSAGE_CHARS}; {@code "null"} for no
     * supplier, {@code <threw X>} when it throws.
     */
    public static String supplied(Supplier<String> supplier) {
        if (supplier == null) {
            return "null";
        }
        try {
            return bound(String.valueOf(supplier.get()));
        } catch (Throwable e) {
            return threw(e);
        }
    }

    private static String threw(Throwable e) {
        return "<threw " + e.getClass().getName() + ">";
    }
}
