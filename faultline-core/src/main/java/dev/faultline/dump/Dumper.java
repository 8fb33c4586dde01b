package dev.faultline.dump;

import dev.faultline.internal.runtime.DumpGuard;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One dump: walks the object graph from the dumped object, copying each object before
 * formatting it (see {@link Settle}), within the {@link DumpLimits}. Single use, single thread.
 *
 * <p>How each value is shown, in order of precedence:
 * <ol>
 *   <li>{@code null}, strings (quoted, cut at the string limit) and trusted JDK values
 *       (boxed primitives, enums by name, {@code java.time}, …) as text;</li>
 *   <li>a class marked {@link Sensitive}: type, identity, {@code <redacted>};</li>
 *   <li>an object already on the path: {@code <cycle: Type@id>}; one shown earlier:
 *       {@code <see Type@id above>}; one deeper than the depth limit: {@code Type@id{…}};</li>
 *   <li>{@link Snapshottable}: its snapshot;</li>
 *   <li>arrays, and the trusted JDK collections and maps, read on this thread;</li>
 *   <li>any other collection or map: size and first elements read by a {@link GuardedCalls guarded call};</li>
 *   <li>a class whose fields reflection can open: its fields;</li>
 *   <li>anything else (JDK classes in packages that are not open): a guarded {@code toString()}.</li>
 * </ol>
 * Only the last two kinds of step ever run user code, and never on this thread.
 */
final class Dumper {
    private static final String CUT = "…";

    private final DumpLimits limits;
    private final boolean guardedCallsAllowed;
    private final long deadline;
    private final StringBuilder out = new StringBuilder(256);
    /** Every object opened so far: {@code TRUE} while it is on the current path, {@code FALSE} once done. */
    private final IdentityHashMap<Object, Boolean> opened = new IdentityHashMap<>(8);
    private final List<String> moved = new ArrayList<>();
    private boolean full;
    private boolean outOfTime;
    private int visits;

    /** @param guardedCallsAllowed false inside a dump started from dump code, so nesting cannot multiply threads */
    Dumper(DumpLimits limits, boolean guardedCallsAllowed) {
        this.limits = limits;
        this.guardedCallsAllowed = guardedCallsAllowed;
        this.deadline = System.nanoTime() + limits.totalTimeoutNanos;
    }

    Snapshot run(Object o) {
        value(o, 0, "", true);
        if (full || outOfTime) {
            int at = Math.min(out.length(), limits.maxTotalLength);
            if (at > 0 && Character.isHighSurrogate(out.charAt(at - 1))) {
                at--;
            }
            out.setLength(at);
            out.append(outOfTime ? " " + CUT + " (dump cut: time budget spent)"
                    : CUT + " (dump cut at " + limits.maxTotalLength + " chars)");
        }
        String body = out.toString();
        if (moved.isEmpty()) {
            return new Snapshot(body, true, moved);
        }
        StringBuilder b = new StringBuilder(body.length() + 64).append("[not faithful: ");
        int shown = Math.min(moved.size(), 10);
        for (int i = 0; i < shown; i++) {
            b.append(i == 0 ? "" : ", ").append(moved.get(i));
        }
        if (moved.size() > shown) {
            b.append(", ").append(CUT).append(' ').append(moved.size() - shown).append(" more");
        }
        b.append(" kept changing] ").append(body);
        return new Snapshot(b.toString(), false, moved);
    }

    // ---- dispatch ----------------------------------------------------------------------

    private void value(Object v, int depth, String path, boolean allowSnapshot) {
        if (full) {
            return;
        }
        if (v == null) {
            append("null");
            return;
        }
        if ((++visits & 63) == 0 && System.nanoTime() - deadline > 0) {
            outOfTime = true;
            full = true;
            return;
        }
        Class<?> c = v.getClass();
        if (c == String.class) {
            string((String) v);
            return;
        }
        if (TrustedTypes.isValue(c)) {
            trustedValue(v);
            return;
        }
        ClassLayout layout = c.isArray() ? null : ClassLayout.of(c);
        if (layout != null && layout.sensitive) {
            appendId(v);
            append(" <redacted>");
            return;
        }
        Boolean onPath = opened.get(v);
        if (onPath != null) {
            append(onPath ? "<cycle: " : "<see ");
            appendId(v);
            append(onPath ? ">" : " above>");
            return;
        }
        if (depth > limits.maxDepth) {
            appendId(v);
            append("{" + CUT + "}");
            return;
        }
        opened.put(v, Boolean.TRUE);
        try {
            if (allowSnapshot && v instanceof Snapshottable) {
                snapshottable((Snapshottable) v, c, layout, depth, path);
            } else {
                body(v, c, layout, depth, path);
            }
        } finally {
            opened.put(v, Boolean.FALSE);
        }
    }

    private void body(Object v, Class<?> c, ClassLayout layout, int depth, String path) {
        if (c.isArray()) {
            array(v, c, depth, path);
        } else if (v instanceof Collection<?> || v instanceof Map<?, ?>) {
            elements(v, TrustedTypes.isCollection(c), depth, path);
        } else if (layout.reflectable) {
            fields(v, layout, depth, path);
        } else {
            guardedToString(v, path);
        }
    }

    /** A leaf needs no path (nothing below it can move separately), so none is built for it. */
    private void child(Object v, int depth, String parentPath, String name) {
        if (v == null || v.getClass() == String.class || TrustedTypes.isValue(v.getClass())) {
            value(v, depth, parentPath, true);
        } else {
            value(v, depth, parentPath.isEmpty() ? name : parentPath + "." + name, true);
        }
    }

    private void element(Object v, int depth, String parentPath, int index) {
        if (v == null || v.getClass() == String.class || TrustedTypes.isValue(v.getClass())) {
            value(v, depth, parentPath, true);
        } else {
            value(v, depth, parentPath + "[" + index + "]", true);
        }
    }

    // ---- the kinds of value ------------------------------------------------------------

    private void snapshottable(Snapshottable s, Class<?> c, ClassLayout layout, int depth, String path) {
        Object snap;
        try {
            snap = s.snapshot();
        } catch (Throwable e) {
            append("(snapshot() " + threw(e) + ") ");
            body(s, c, layout, depth, path);
            return;
        }
        if (snap == s) {
            body(s, c, layout, depth, path);
            return;
        }
        appendId(s);
        append(" snapshot ");
        value(snap, depth, path, false);
    }

    private void fields(Object v, ClassLayout layout, int depth, String path) {
        int n = Math.min(layout.fields.length, limits.maxFields);
        Settle.Result r = Settle.run(() -> layout.read(v, n), layout.byValue, limits.retries, layout.immutable);
        if (!r.settled) {
            noteMoved(r, path, k -> layout.names[k]);
        }
        appendId(v);
        append('{');
        Object[] copy = r.copy == null ? new Object[0] : r.copy;
        for (int k = 0; k < copy.length && !full; k++) {
            if (k > 0) {
                append(", ");
            }
            append(layout.names[k]);
            append('=');
            Object f = copy[k];
            if (layout.redacted[k]) {
                append("<redacted>");
            } else if (f == ClassLayout.UNREADABLE) {
                append("<unreadable>");
            } else if (layout.byValue[k]) {
                trustedValue(f);
            } else {
                child(f, depth + 1, path, layout.names[k]);
            }
        }
        if (layout.fields.length > n) {
            append(", " + CUT + " " + (layout.fields.length - n) + " more fields");
        }
        append("}");
    }

    private void array(Object v, Class<?> c, int depth, String path) {
        int length = Array.getLength(v);
        int n = Math.min(length, limits.maxElements);
        boolean[] byValue = new boolean[n];
        Arrays.fill(byValue, c.getComponentType().isPrimitive());
        Settle.Result r = Settle.run(() -> {
            Object[] copy = new Object[n];
            for (int i = 0; i < n; i++) {
                copy[i] = Array.get(v, i);
            }
            return copy;
        }, byValue, limits.retries, false);
        if (!r.settled) {
            noteMoved(r, path, k -> "[" + k + "]");
        }
        appendId(v);
        append("(length " + length + ")[");
        for (int i = 0; i < n && !full; i++) {
            if (i > 0) {
                append(", ");
            }
            element(r.copy[i], depth + 1, path, i);
        }
        if (length > n) {
            append((n > 0 ? ", " : "") + CUT + " " + (length - n) + " more");
        }
        append("]");
    }

    /** Collections and maps: the size and the first elements, as one copy {@code [size, e0, e1, …]}. */
    private void elements(Object v, boolean trusted, int depth, String path) {
        boolean map = v instanceof Map<?, ?>;
        int max = limits.maxElements;
        Settle.Reader reader = map
                ? () -> ElementCopies.map((Map<?, ?>) v, max)
                : () -> ElementCopies.collection((Collection<?>) v, max);
        Settle.Result r;
        if (trusted) {
            r = Settle.run(reader, null, limits.retries, false);
        } else {
            GuardedCalls.Outcome<Settle.Result> o = guarded(() -> Settle.run(reader, null, limits.retries, false));
            if (o.failure != null) {
                appendId(v);
                append(" <elements not read: " + o.failure + ">");
                return;
            }
            r = o.value;
        }
        if (r.copy == null) {
            // Every read failed. A JDK collection only fails that way when it is changed under
            // us (a racing resize, ConcurrentModificationException), so that counts as moving; a
            // foreign collection that always throws something else is broken, not moving.
            if (trusted || r.failure instanceof ConcurrentModificationException) {
                noteMoved(r, path, k -> "");
            }
            appendId(v);
            append(" <elements not read: " + threw(r.failure) + ">");
            return;
        }
        if (!r.settled) {
            noteMoved(r, path, k -> k == 0 ? "size" : "[" + (map ? (k - 1) / 2 : k - 1) + "]");
        }
        Object[] copy = r.copy;
        int size = (Integer) copy[0];
        int shown = map ? (copy.length - 1) / 2 : copy.length - 1;
        appendId(v);
        append("(size " + size + ")" + (map ? "{" : "["));
        for (int i = 0; i < shown && !full; i++) {
            if (i > 0) {
                append(", ");
            }
            if (map) {
                Object key = copy[1 + 2 * i];
                element(key, depth + 1, path, i);
                append("=");
                if (key instanceof String && Redaction.name((String) key)) {
                    append("<redacted>");
                } else {
                    element(copy[2 + 2 * i], depth + 1, path, i);
                }
            } else {
                element(copy[1 + i], depth + 1, path, i);
            }
        }
        if (size > shown) {
            append((shown > 0 ? ", " : "") + CUT + " " + (size - shown) + " more");
        }
        append(map ? "}" : "]");
    }

    private void guardedToString(Object v, String path) {
        GuardedCalls.Outcome<Settle.Result> o = guarded(() -> Settle.run(() -> new Object[] {v.toString()},
                new boolean[] {true}, limits.retries, false));
        appendId(v);
        if (o.failure != null) {
            append(" <toString() " + o.failure + ">");
            return;
        }
        Settle.Result r = o.value;
        if (r.copy == null) {
            append(" <toString() " + threw(r.failure) + ">");
            return;
        }
        if (!r.settled) {
            noteMoved(r, path, k -> "toString()");
        }
        Object s = r.copy[0];
        if (s == null) {
            append(" <toString() returned null>");
            return;
        }
        append(" toString ");
        string((String) s);
    }

    private <T> GuardedCalls.Outcome<T> guarded(java.util.concurrent.Callable<T> task) {
        if (!guardedCallsAllowed) {
            return GuardedCalls.Outcome.failed("not called: dump started inside a dump");
        }
        long left = deadline - System.nanoTime();
        return GuardedCalls.call(task, Math.min(left, limits.callTimeoutNanos));
    }

    // ---- text --------------------------------------------------------------------------

    private void string(String s) {
        int max = limits.maxStringLength;
        if (s.length() <= max) {
            append('"');
            append(s);
            append('"');
            return;
        }
        int at = max > 0 && Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        append("\"" + s.substring(0, at) + "\"" + CUT + "(+" + (s.length() - at) + " chars)");
    }

    private void trustedValue(Object v) {
        try {
            append(TrustedTypes.valueText(v));
        } catch (Throwable e) {
            append("<" + threw(e) + ">");
        }
    }

    private void append(char c) {
        if (!full) {
            out.append(c);
            full = out.length() > limits.maxTotalLength;
        }
    }

    private void append(String s) {
        if (full) {
            return;
        }
        out.append(s);
        if (out.length() > limits.maxTotalLength) {
            full = true;
        }
    }

    private void noteMoved(Settle.Result r, String path, java.util.function.IntFunction<String> name) {
        boolean any = false;
        if (r.moved != null) {
            for (int k = 0; k < r.moved.length; k++) {
                if (r.moved[k]) {
                    String n = name.apply(k);
                    moved.add(path.isEmpty() ? n : n.startsWith("[") ? path + n : path + "." + n);
                    any = true;
                }
            }
        }
        if (!any || r.movedWhole) {
            moved.add(path.isEmpty() ? "this" : path);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Appends {@code Type@identityhash} without building it as a string first. */
    private void appendId(Object v) {
        if (full) {
            return;
        }
        out.append(v.getClass().getTypeName()).append('@');
        int h = System.identityHashCode(v);
        int shift = 28;
        while (shift > 0 && (h >>> shift) == 0) {
            shift -= 4;
        }
        for (; shift >= 0; shift -= 4) {
            out.append(HEX[(h >>> shift) & 0xf]);
        }
        full = out.length() > limits.maxTotalLength;
    }

    static String identity(Object v, Class<?> c) {
        return c.getTypeName() + "@" + Integer.toHexString(System.identityHashCode(v));
    }

    /** How a failure of user code is shown: {@code threw java.lang.X}, or the suppressed BUG. */
    static String threw(Throwable e) {
        if (e == null) {
            return "failed";
        }
        if (e instanceof DumpGuard.BugInDump) {
            return "hit BUG " + ((DumpGuard.BugInDump) e).site() + " (suppressed inside the dump)";
        }
        return "threw " + e.getClass().getName();
    }
}
