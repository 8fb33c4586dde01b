package dev.faultline.internal.text;

import java.util.function.Supplier;

/**
 * Formats a message template with {@code %s} placeholders without ever throwing.
 *
 * <p>Each {@code %s} takes the next argument; surplus arguments are appended in square
 * brackets; missing arguments leave the {@code %s} in place. An argument whose
 * {@code toString()} throws is shown as {@code <threw ExceptionName>}, so a broken argument
 * can never turn a warning into a second failure.
 */
public final class LenientFormat {
    private LenientFormat() {}

    public static String format(String template, Object... args) {
        String t = template == null ? "null" : template;
        if (args == null || args.length == 0) {
            return t;
        }
        StringBuilder b = new StringBuilder(t.length() + 16 * args.length);
        int from = 0;
        int i = 0;
        while (i < args.length) {
            int at = t.indexOf("%s", from);
            if (at < 0) {
                break;
            }
            b.append(t, from, at).append(safeString(args[i++]));
            from = at + 2;
        }
        b.append(t, from, t.length());
        if (i < args.length) {
            b.append(" [");
            for (boolean first = true; i < args.length; i++, first = false) {
                if (!first) {
                    b.append(", ");
                }
                b.append(safeString(args[i]));
            }
            b.append(']');
        }
        return b.toString();
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

    /** The message {@code supplier} builds; {@code "null"} for no supplier, {@code <threw X>} when it throws. */
    public static String supplied(Supplier<String> supplier) {
        if (supplier == null) {
            return "null";
        }
        try {
            return String.valueOf(supplier.get());
        } catch (Throwable e) {
            return threw(e);
        }
    }

    private static String threw(Throwable e) {
        return "<threw " + e.getClass().getName() + ">";
    }
}
