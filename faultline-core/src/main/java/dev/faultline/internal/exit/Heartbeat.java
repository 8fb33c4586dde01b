package dev.faultline.internal.exit;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The run's pulse in its crash ring: one record ({@link #LOGGER}) at start and every
 * {@code faultline.heartbeat} after (10 s by default, 0 = off) with what the next start needs to
 * tell a memory death from a kill: heap used, committed and max, RSS, the memory cgroup's usage
 * and limit, GC count and time, thread count, CPU time, and the cgroup's path. Written by the
 * hang checker's thread ({@code faultline-hangcheck}), never by a thread that fires a report;
 * with the key 0 it writes none and adds no wake-up.
 *
 * <p>The second beat arms a heap alarm where {@code java.management} is present: each heap
 * pool that supports it gets a collection-usage threshold at 90 % of its maximum, and crossing
 * it (a heap still 90 % full after a collection) appends one {@link #HEAP_ALARM} record from the
 * JVM's notification thread. Without the module (and in the first beat, which leaves the
 * module's costly first use to later) the beat has {@code gc_count=-1 gc_ms=-1}, and there is no
 * alarm.
 */
public final class Heartbeat {
    /** Logger of the heartbeat records. */
    public static final String LOGGER = dev.faultline.ring.RunLog.HEARTBEAT_LOGGER;
    /** Opens a heap alarm record. */
    static final String HEAP_ALARM = "heap still full after GC: ";
    /** Fraction of a pool's maximum that arms the heap alarm. */
    static final double ALARM_FRACTION = 0.9;

    private static volatile Path cgroup;
    private static volatile long periodNanos = 10_000_000_000L;
    private static int beats;

    private Heartbeat() {}

    static void cgroup(String dir) {
        cgroup = dir == null || dir.isEmpty() ? null : Path.of(dir);
    }

    /** Sets the period from {@code faultline.heartbeat}'s text (seconds, or a number with ms or s; 0 = off); false when it is not one. */
    public static boolean period(String text) {
        long n = parse(text);
        if (n < 0) {
            return false;
        }
        periodNanos = n;
        return true;
    }

    /** The period in nanoseconds; 0 = off. */
    public static long periodNanos() {
        return periodNanos;
    }

    /** Nanoseconds for {@code 10}, {@code 2.5}, {@code 500ms}, {@code 10s}; -1 when it is none of them, or over a day. */
    static long parse(String text) {
        if (text == null) {
            return -1;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        double unit = 1e9;
        if (t.endsWith("ms")) {
            unit = 1e6;
            t = t.substring(0, t.length() - 2).trim();
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1).trim();
        }
        try {
            double v = Double.parseDouble(t);
            if (!(v >= 0) || v * unit > 86_400e9 || t.contains("e") || t.contains("n")) {
                return -1;
            }
            long n = (long) (v * unit);
            return n > 0 && n < 10_000_000L ? 10_000_000L : n; // at most 100 a second
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Writes one heartbeat record (and arms the heap alarm the first time). Called on the checker thread; never throws. */
    public static void beat() {
        try {
            // The first beat, at start, stays off java.management: its first use costs a few hundred ms
            // of CPU, which a run that panics or exits at once should not pay. From the second on.
            if (++beats == 2) {
                HeapAlarm.arm();
            }
            ExitMarks.append(LOGGER, text(beats > 1));
        } catch (Throwable e) {
            // A beat missed; the next one tries again.
        }
    }

    /** The heartbeat's text: {@code key=value} pairs separated by spaces, the cgroup path last. */
    static String text(boolean gc) {
        Runtime rt = Runtime.getRuntime();
        long total = rt.totalMemory();
        String status = HostFiles.head(Path.of("/proc/self/status"), 8192);
        long rssKb = HostFiles.keyed(status, "VmRSS");
        long threads = HostFiles.keyed(status, "Threads");
        Path cg = cgroup;
        StringBuilder b = new StringBuilder(256);
        b.append("heap_used=").append(total - rt.freeMemory()).append(" heap_committed=").append(total)
                .append(" heap_max=").append(rt.maxMemory() == Long.MAX_VALUE ? -1 : rt.maxMemory())
                .append(" rss=").append(rssKb < 0 ? -1 : rssKb * 1024)
                .append(" cgroup_usage=").append(MemoryCgroup.usage(cg))
                .append(" cgroup_limit=").append(MemoryCgroup.limit(cg));
        if (gc) {
            HeapAlarm.gc(b);
        } else {
            b.append(" gc_count=-1 gc_ms=-1");
        }
        b.append(" threads=").append(threads).append(" cpu_ms=").append(cpuMillis())
                .append(" cgroup=").append(cg == null ? "" : cg.toString());
        return b.toString();
    }

    /** User plus system CPU time from {@code /proc/self/stat} (clock ticks of USER_HZ, 100 on Linux); -1 when unreadable. */
    private static long cpuMillis() {
        String stat = HostFiles.head(Path.of("/proc/self/stat"), 4096);
        if (stat == null) {
            return -1;
        }
        int close = stat.lastIndexOf(')');
        String[] f = stat.substring(close + 2).trim().split(" ");
        if (f.length < 13) {
            return -1;
        }
        long u = HostFiles.number(f[11]);
        long s = HostFiles.number(f[12]);
        return u < 0 || s < 0 ? -1 : (u + s) * 10;
    }

    /** The value of {@code key} in a heartbeat's text, or -1. */
    static long value(String heartbeat, String key) {
        if (heartbeat == null) {
            return -1;
        }
        for (String kv : heartbeat.split(" ")) {
            if (kv.startsWith(key + "=")) {
                return HostFiles.number(kv.substring(key.length() + 1));
            }
        }
        return -1;
    }
}
