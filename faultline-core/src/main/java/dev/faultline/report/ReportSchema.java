package dev.faultline.report;

import dev.faultline.internal.text.Escape;
import dev.faultline.internal.text.FrameText;
import dev.faultline.internal.text.IsoInstant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one schema of a report's fields: the JSON names, their order and types, how each is written
 * from a {@link Report} and set on a {@link Report.Builder}. {@link Report#toJson()}, the crash
 * ring's report records (which store exactly that JSON) and {@code faultline ring show --json}
 * all go through this table, so a new report field is one line in {@link #FIELDS}.
 *
 * <p>Types: a {@code long} is a JSON number; a string a JSON string; a list a JSON array of
 * strings. A field whose writer finds no value is left out (optional fields: {@code domain},
 * {@code dump}, {@code suppressed}, {@code suppressed_since}).
 *
 * <p>Each field's {@link Writer} appends its value straight into the builder (numbers unboxed,
 * the time and the frames without an intermediate list or string), because a report's JSON is
 * written to the crash ring on the thread that fired the check.
 */
final class ReportSchema {
    enum Type { LONG, STRING, STRINGS }

    /** Appends one field's JSON value to {@code b}; false, having appended nothing, when the report has none. */
    interface Writer {
        boolean write(StringBuilder b, Report r);
    }

    /** One field: its JSON name, type, writer and setter. */
    static final class Field {
        final String name;
        final Type type;
        final BiConsumer<Report.Builder, Object> set;
        final Writer write;
        /** {@code "name":}, ready to append. */
        final String key;

        Field(String name, Type type, BiConsumer<Report.Builder, Object> set, Writer write) {
            this.name = name;
            this.type = type;
            this.set = set;
            this.write = write;
            this.key = '"' + name + "\":";
        }

        /** A string field written from {@code get} (null: left out). */
        Field(String name, Function<Report, String> get, BiConsumer<Report.Builder, Object> set) {
            this(name, Type.STRING, set, (b, r) -> string(b, get.apply(r)));
        }
    }

    private static boolean string(StringBuilder b, String s) {
        if (s == null) {
            return false;
        }
        Escape.json(b, s);
        return true;
    }

    /** Every field in output order. Add a field here, and only here. */
    static final List<Field> FIELDS = List.of(
            new Field("seq", Type.LONG, (b, v) -> b.sequence = (Long) v,
                    (b, r) -> number(b, r.sequence())),
            new Field("kind", r -> r.kind().name(), (b, v) -> b.kind = ReportKind.valueOf((String) v)),
            new Field("site", Report::site, (b, v) -> b.site = (String) v),
            new Field("signature", r -> r.signature().hash(),
                    (b, v) -> b.signature = Signature.of((String) v, b.signature == null ? "?" : b.signature.title())),
            new Field("title", r -> r.signature().title(),
                    (b, v) -> b.signature = Signature.of(b.signature == null ? "0000000000000000" : b.signature.hash(),
                            (String) v)),
            new Field("location", Report::location, (b, v) -> b.location = (String) v),
            new Field("message", Report::message, (b, v) -> b.message = (String) v),
            new Field("thread", Report::threadName, (b, v) -> b.threadName = (String) v),
            new Field("thread_id", Type.LONG, (b, v) -> b.threadId = (Long) v,
                    (b, r) -> number(b, r.threadId())),
            new Field("time", Type.STRING, (b, v) -> b.time = Instant.parse((String) v),
                    (b, r) -> time(b, r.time())),
            new Field("taint", Type.STRING, (b, v) -> b.taints = Taint.fromLetters((String) v),
                    ReportSchema::writeTaints),
            new Field("pid", Type.LONG, (b, v) -> b.pid = (Long) v,
                    (b, r) -> number(b, r.pid())),
            new Field("run", Report::runId, (b, v) -> b.runId = (String) v),
            new Field("app", Report::app, (b, v) -> b.app = (String) v),
            new Field("domain", Report::domain, (b, v) -> b.domain = (String) v),
            new Field("dump", Report::dump, (b, v) -> b.dump = (String) v),
            new Field("suppressed", Type.LONG, (b, v) -> b.suppressed = (Long) v,
                    (b, r) -> r.suppressed() > 0 && number(b, r.suppressed())),
            new Field("suppressed_since", Type.STRING, (b, v) -> b.suppressedSince = Instant.parse((String) v),
                    (b, r) -> time(b, r.suppressedSince())),
            new Field("stack", Type.STRINGS, (b, v) -> b.stack = stack(v),
                    ReportSchema::writeFrames));

    private ReportSchema() {}

    private static boolean number(StringBuilder b, long v) {
        b.append(v);
        return true;
    }

    /** As {@link Instant#toString()}, written in place (a null time is left out). */
    private static boolean time(StringBuilder b, Instant t) {
        if (t == null) {
            return false;
        }
        IsoInstant.append(b.append('"'), t).append('"');
        return true;
    }

    /** Taint letters are ASCII capitals: no escaping needed. */
    private static boolean writeTaints(StringBuilder b, Report r) {
        Taint.appendLetters(b.append('"'), r.taints()).append('"');
        return true;
    }

    private static boolean writeFrames(StringBuilder b, Report r) {
        b.append('[');
        List<StackTraceElement> stack = r.stack();
        for (int i = 0; i < stack.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            FrameText.appendJson(b, stack.get(i));
        }
        b.append(']');
        return true;
    }

    private static List<StackTraceElement> stack(Object v) {
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) v;
        List<StackTraceElement> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(StackFrames.parse(line));
        }
        return out;
    }

    /** Appends {@code r} as one JSON object, fields in schema order. */
    static void render(StringBuilder b, Report r) {
        b.append('{');
        boolean first = true;
        for (Field f : FIELDS) {
            int mark = b.length();
            if (!first) {
                b.append(',');
            }
            b.append(f.key);
            if (f.write.write(b, r)) {
                first = false;
            } else {
                b.setLength(mark);
            }
        }
        b.append('}');
    }

    /**
     * The report a JSON object of this schema describes. Unknown fields are skipped (a newer
     * writer's), missing ones keep the builder's defaults (an older writer's).
     *
     * @throws IllegalArgumentException when {@code json} is not such an object, naming the offset
     */
    static Report parse(String json) {
        Report.Builder b = Report.builder(ReportKind.WARNING);
        FlatJson.parse(json, (name, value) -> {
            for (Field f : FIELDS) {
                if (f.name.equals(name)) {
                    if (!typeMatches(f.type, value)) {
                        throw new IllegalArgumentException("report field '" + name + "' has the wrong type");
                    }
                    try {
                        f.set.accept(b, value);
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("report field '" + name + "': " + e.getMessage(), e);
                    }
                    return;
                }
            }
        });
        return b.build();
    }

    private static boolean typeMatches(Type t, Object v) {
        switch (t) {
            case LONG: return v instanceof Long;
            case STRING: return v instanceof String;
            default: return v instanceof List;
        }
    }
}
