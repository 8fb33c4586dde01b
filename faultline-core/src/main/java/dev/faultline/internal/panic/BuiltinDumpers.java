package dev.faultline.internal.panic;

import dev.faultline.internal.runtime.StackCapture;
import dev.faultline.internal.text.Escape;
import dev.faultline.panic.DumpContext;
import dev.faultline.panic.DumpReason;
import dev.faultline.panic.DumperWeight;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The dumpers Faultline brings: every thread's stack, running JFR recordings, and (opt-in, it
 * can be huge) a heap dump. All are heavy: they run after the light, crash-safe dumpers.
 * Selected by {@code faultline.panic_dumps}.
 */
final class BuiltinDumpers {
    static final Duration THREADS_BUDGET = Duration.ofSeconds(5);
    static final Duration JFR_BUDGET = Duration.ofSeconds(30);
    static final Duration HEAP_BUDGET = Duration.ofSeconds(120);

    private BuiltinDumpers() {}

    static void register(Set<String> which) {
        if (which.contains("threads")) {
            DumperTable.addDumper("threads", DumpReason.PANIC, THREADS_BUDGET, DumperWeight.HEAVY, BuiltinDumpers::threads);
        }
        if (which.contains("jfr")) {
            DumperTable.addDumper("jfr", DumpReason.PANIC, JFR_BUDGET, DumperWeight.HEAVY, JfrDump::dump);
        }
        if (which.contains("heap")) {
            DumperTable.addDumper("heap", DumpReason.PANIC, HEAP_BUDGET, DumperWeight.HEAVY, BuiltinDumpers::heap);
        }
    }

    /**
     * Every live thread in jstack's format with lock owners, held monitors and synchronizers and
     * deadlocks ({@link ThreadDump}); without the management module, every thread's name, state
     * and stack from {@link Thread#getAllStackTraces()}.
     */
    static void threads(DumpContext context) {
        String dump;
        try {
            dump = ThreadDump.render(context.reason() + ": " + context.why());
        } catch (LinkageError e) {
            dump = plainThreads(context);
        }
        context.print(dump);
    }

    private static String plainThreads(DumpContext context) {
        Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
        StringBuilder b = new StringBuilder(256 * all.size() + 64);
        b.append("---[ thread dump: ").append(all.size()).append(" threads (").append(context.reason()).append(") ]---\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : all.entrySet()) {
            Thread t = e.getKey();
            b.append('"').append(Escape.text(t.getName())).append("\" #").append(t.getId())
                    .append(t.isDaemon() ? " daemon" : "").append(' ').append(t.getState()).append('\n');
            StackTraceElement[] frames = e.getValue();
            int n = Math.min(frames.length, StackCapture.MAX_FRAMES);
            for (int i = 0; i < n; i++) {
                b.append("    at ").append(frames[i]).append('\n');
            }
            if (n < frames.length) {
                b.append("    ... ").append(frames.length - n).append(" more\n");
            }
        }
        b.append("---[ end thread dump ]---\n");
        return b.toString();
    }

    /** A heap dump of every object (not only live ones: no GC on a failing heap) into the crash directory. */
    static void heap(DumpContext context) throws Exception {
        Path file = CrashFiles.path("heap", "hprof");
        com.sun.management.HotSpotDiagnosticMXBean hotspot =
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        hotspot.dumpHeap(file.toString(), false);
        CrashFiles.ownerOnly(file);
        context.print("faultline: heap dump written to " + file);
    }
}
