package dev.faultline.dump;

import dev.faultline.internal.runtime.DumpGuard;
import java.util.List;

/**
 * Dumps an object's state as one line of text, safely while other threads mutate it — the
 * JVM's {@code dump_page()}. Every object-bearing check ({@code Site.warnOnObject},
 * {@code Site.bugOnObject}, …) puts this text in its report's {@code dump}; it can also be
 * called directly.
 *
 * <pre>{@code
 * Snapshot s = Snapshots.dump(account);
 * log.warn("account state: {}", s.text());
 * if (!s.faithful()) log.warn("fields still moving: {}", s.movedFields());
 * }</pre>
 *
 * <p><b>What a dump does.</b> A {@link Snapshottable} object supplies its own snapshot. Any
 * other object is copied first (a shallow reflective copy of its fields), copied again and
 * compared, a bounded number of times; the text is formatted from a copy only, so the object is
 * never read twice for one line. When the copies never agree, the dump is marked not faithful
 * and says which fields moved ({@link Snapshot}). Nested objects are handled the same way, up to
 * the {@link DumpLimits}: depth, elements, fields, string length, total length, time.
 *
 * <p><b>What a dump never does.</b>
 * <ul>
 *   <li>It never throws: an exception or error from user code becomes {@code <threw X>} in the
 *       text, and a failure of the dump itself gives the type and identity with
 *       {@code <dump failed: X>}.</li>
 *   <li>It never calls user code ({@code toString()}, a foreign collection's
 *       {@code iterator()}) on the dumping thread, so it never blocks on a lock of the dumped
 *       object: such calls run on a separate dump thread for at most the call timeout. Only
 *       {@link Snapshottable#snapshot()}, which the type offers for exactly this use, runs on the
 *       dumping thread.</li>
 *   <li>It never fires checks: a check raised by user code during a dump is counted
 *       ({@link #suppressedChecks()}) and suppressed — no report, no panic, no recursion into
 *       another dump; a {@code bugOn} that fires there unwinds the user code and is shown as
 *       {@code hit BUG site}.</li>
 *   <li>It never shows sensitive state: fields marked {@link Sensitive}, and fields or map
 *       entries (with string keys) whose names contain a word of {@code faultline.redact}
 *       (default {@code password,secret,token,key,credential}), are shown as
 *       {@code <redacted>}.</li>
 *   <li>It never loops on a cycle ({@code <cycle: Type@id>}) or prints a shared object twice
 *       ({@code <see Type@id above>}).</li>
 * </ul>
 * Classes whose fields reflection cannot open (JDK classes under strong encapsulation, packages
 * of named modules not opened to Faultline) are shown through a guarded {@code toString()}, or
 * as type and identity with the reason when that fails or times out; trusted JDK values (boxed primitives, enums, {@code java.time}, …) and the
 * common JDK collections are read directly.
 */
public final class Snapshots {
    private static final Snapshot FAILED = new Snapshot("<dump failed>", false, List.of());

    private Snapshots() {}

    /** Dumps {@code o} within {@link DumpLimits#DEFAULTS}. Never throws; {@code null} dumps as {@code null}. */
    public static Snapshot dump(Object o) {
        return dump(o, DumpLimits.DEFAULTS);
    }

    /** Dumps {@code o} within {@code limits} ({@code null}: the defaults). Never throws. */
    public static Snapshot dump(Object o, DumpLimits limits) {
        // A dump started from inside dump code (a toString() that dumps) runs without guarded
        // calls, so dumps cannot nest into an ever-growing number of dump threads.
        boolean nested = DumpGuard.active();
        DumpGuard.enter();
        try {
            return new Dumper(limits == null ? DumpLimits.DEFAULTS : limits, !nested).run(o);
        } catch (Throwable e) {
            return failed(o, e);
        } finally {
            DumpGuard.exit();
        }
    }

    private static Snapshot failed(Object o, Throwable e) {
        try {
            return new Snapshot(Dumper.identity(o, o.getClass()) + " <dump failed: " + e.getClass().getName() + ">",
                    false, List.of());
        } catch (Throwable again) {
            return FAILED;
        }
    }

    /** Checks that fired inside dump code (user {@code toString()}, {@code snapshot()}) and were suppressed. */
    public static long suppressedChecks() {
        return DumpGuard.suppressed();
    }

    /** The words of {@code faultline.redact} in force, lower case. */
    public static List<String> redactedNames() {
        return Redaction.words();
    }
}
