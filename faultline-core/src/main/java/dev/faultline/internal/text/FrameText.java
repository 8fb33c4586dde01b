package dev.faultline.internal.text;

import java.util.Objects;

/**
 * {@link StackTraceElement#toString()}, remembered: a warning that fires again walks the same
 * frames, and rendering each one anew (a builder and a string per frame) was a fifth of an
 * emitted report's cost on the firing thread.
 *
 * <p>A fixed, direct-mapped table: a lookup is one array read and an equality check, a miss
 * overwrites its slot. No lock is taken; two threads racing on a slot each store an entry
 * whose fields are final, so a reader sees either entry whole and checks its key. Entries keep
 * the frame's strings only, never a class or its loader.
 */
public final class FrameText {
    private static final int SLOTS = 2048;
    private static final Entry[] TABLE = new Entry[SLOTS];

    private static final class Entry {
        final String declaringClass;
        final String methodName;
        final String fileName;
        final int lineNumber;
        final String moduleName;
        final String moduleVersion;
        final String classLoaderName;
        final String text;
        /** {@code text} as a JSON string literal, quotes included; made on first use. */
        String json;
        /** {@code text} as {@link Escape#text(String)} gives it for a console line; made on first use. */
        String line;

        Entry(StackTraceElement e, String text) {
            declaringClass = e.getClassName();
            methodName = e.getMethodName();
            fileName = e.getFileName();
            lineNumber = e.getLineNumber();
            moduleName = e.getModuleName();
            moduleVersion = e.getModuleVersion();
            classLoaderName = e.getClassLoaderName();
            this.text = text;
        }

        boolean matches(StackTraceElement e) {
            return lineNumber == e.getLineNumber() && declaringClass.equals(e.getClassName())
                    && methodName.equals(e.getMethodName()) && Objects.equals(fileName, e.getFileName())
                    && Objects.equals(moduleName, e.getModuleName())
                    && Objects.equals(moduleVersion, e.getModuleVersion())
                    && Objects.equals(classLoaderName, e.getClassLoaderName());
        }
    }

    private FrameText() {}

    /** Exactly {@code e.toString()}. */
    public static String of(StackTraceElement e) {
        return entry(e).text;
    }

    /**
     * Appends {@code e.toString()} to {@code b} as a JSON string literal, exactly as
     * {@link Escape#json(StringBuilder, String)} writes it; the escaped form is remembered too,
     * so a frame seen before costs one bulk copy.
     */
    public static void appendJson(StringBuilder b, StackTraceElement e) {
        Entry hit = entry(e);
        String json = hit.json;
        if (json == null) {
            StringBuilder one = new StringBuilder(hit.text.length() + 8);
            Escape.json(one, hit.text);
            // A racing thread may store the same string: both are whole, and equal.
            hit.json = json = one.toString();
        }
        b.append(json);
    }

    /** Exactly {@code Escape.text(e.toString())}, remembered like the text itself. */
    public static String line(StackTraceElement e) {
        Entry hit = entry(e);
        String line = hit.line;
        if (line == null) {
            hit.line = line = Escape.text(hit.text);
        }
        return line;
    }

    private static Entry entry(StackTraceElement e) {
        int h = e.hashCode();
        int slot = (h ^ h >>> 16) & (SLOTS - 1);
        Entry hit = TABLE[slot];
        if (hit != null && hit.matches(e)) {
            return hit;
        }
        Entry made = new Entry(e, e.toString());
        TABLE[slot] = made;
        return made;
    }
}
