package dev.faultline.internal.hang;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.List;

/**
 * What the JVM tells about where time went, sampled before each of the checker's sleeps so that
 * a stall can be explained by the difference: per collector, collections and their accumulated
 * time ({@link GarbageCollectorMXBean}: for HotSpot's stop-the-world collectors that is pause
 * time; for ZGC and Shenandoah the "Pauses" beans are); the process's CPU time
 * ({@code com.sun.management.OperatingSystemMXBean}, module {@code jdk.management}); and, where
 * the JVM exposes them, HotSpot's safepoint counters.
 *
 * <p><b>Safepoints</b> (every pause that stops all Java threads, GC or not: deoptimisation,
 * biased-lock revocation, thread dumps, class redefinition) are counted by HotSpot in
 * {@code sun.management.HotspotRuntimeMBean} (count, total time, time to reach them), which
 * {@code java.management} does not export: they are read only when the JVM was started with
 * {@code --add-exports java.management/sun.management=ALL-UNNAMED} (or {@code =dev.faultline} on
 * the module path), and otherwise reported as not exposed. The same figures are in the
 * {@code hsperfdata} file ({@code sun.rt.safepoints}) for {@code jstat}, and in JFR's
 * {@code jdk.SafepointBegin} events for a running recording; Faultline reads neither (the first
 * is a file another process of the same uid may share in a container, the second needs a
 * recording running all the time). Which phase of a stall was time-to-safepoint and which was
 * the operation is not exposed at all without them.
 *
 * <p>Needs {@code java.management}; the checker samples only where it is present. Each sample
 * is a few native reads and one small allocation.
 */
final class JvmCounters {
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();
    private static final ProcessCpu CPU = ProcessCpu.find();
    private static final Safepoints SAFEPOINTS = Safepoints.find();

    final long[] gcCounts;
    final long[] gcMillis;
    /** Nanoseconds, or -1 when the JVM does not tell. */
    final long processCpuNanos;
    /** Count, total ms, sync ms; each -1 when not exposed. */
    final long safepoints;
    final long safepointMillis;
    final long safepointSyncMillis;

    private JvmCounters() {
        int n = COLLECTORS.size();
        gcCounts = new long[n];
        gcMillis = new long[n];
        for (int i = 0; i < n; i++) {
            gcCounts[i] = COLLECTORS.get(i).getCollectionCount();
            gcMillis[i] = COLLECTORS.get(i).getCollectionTime();
        }
        processCpuNanos = CPU.nanos();
        long[] sp = SAFEPOINTS.read();
        safepoints = sp[0];
        safepointMillis = sp[1];
        safepointSyncMillis = sp[2];
    }

    static JvmCounters sample() {
        return new JvmCounters();
    }

    /** GC time (ms) between {@code before} and this sample, over every collector. */
    long gcMillisSince(JvmCounters before) {
        long ms = 0;
        for (int i = 0; i < gcMillis.length; i++) {
            ms += Math.max(0, gcMillis[i] - before.gcMillis[i]);
        }
        return ms;
    }

    /** {@code G1 Young Generation +1 (+12 ms), G1 Old Generation +0 (+0 ms)}. */
    String gcSince(JvmCounters before) {
        StringBuilder b = new StringBuilder(96);
        for (int i = 0; i < gcCounts.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(COLLECTORS.get(i).getName()).append(" +").append(Math.max(0, gcCounts[i] - before.gcCounts[i]))
                    .append(" (+").append(Math.max(0, gcMillis[i] - before.gcMillis[i])).append(" ms)");
        }
        return b.length() == 0 ? "no collector is exposed" : b.toString();
    }

    /** Safepoints between {@code before} and now, or why they are not known. */
    String safepointsSince(JvmCounters before) {
        if (safepoints < 0 || before.safepoints < 0) {
            return "not exposed by this JVM (start it with --add-exports java.management/sun.management=ALL-UNNAMED"
                    + " to see them)";
        }
        return "+" + (safepoints - before.safepoints) + ", " + (safepointMillis - before.safepointMillis)
                + " ms stopped, of which " + (safepointSyncMillis - before.safepointSyncMillis) + " ms reaching them";
    }

    /** Safepoint time (ms) since {@code before}, or -1 when not exposed. */
    long safepointMillisSince(JvmCounters before) {
        return safepoints < 0 || before.safepoints < 0 ? -1 : Math.max(0, safepointMillis - before.safepointMillis);
    }

    /** The process's CPU time since {@code before}, or -1 when not known. */
    long cpuNanosSince(JvmCounters before) {
        return processCpuNanos < 0 || before.processCpuNanos < 0 ? -1 : Math.max(0, processCpuNanos - before.processCpuNanos);
    }

    /** The process's CPU time, from {@code jdk.management} when it is there. */
    private static final class ProcessCpu {
        private final Object bean;

        private ProcessCpu(Object bean) {
            this.bean = bean;
        }

        static ProcessCpu find() {
            try {
                Object os = ManagementFactory.getOperatingSystemMXBean();
                return new ProcessCpu(os instanceof com.sun.management.OperatingSystemMXBean ? os : null);
            } catch (LinkageError e) {
                return new ProcessCpu(null); // no jdk.management in this runtime
            }
        }

        long nanos() {
            if (bean == null) {
                return -1;
            }
            long n = ((com.sun.management.OperatingSystemMXBean) bean).getProcessCpuTime();
            return n < 0 ? -1 : n;
        }
    }

    /** HotSpot's safepoint counters, where {@code sun.management} is exported to Faultline. */
    private static final class Safepoints {
        private static final long[] UNKNOWN = {-1, -1, -1};
        private final Object bean;
        private final Method count;
        private final Method time;
        private final Method sync;

        private Safepoints(Object bean, Method count, Method time, Method sync) {
            this.bean = bean;
            this.count = count;
            this.time = time;
            this.sync = sync;
        }

        static Safepoints find() {
            try {
                Object bean = Class.forName("sun.management.ManagementFactoryHelper")
                        .getMethod("getHotspotRuntimeMBean").invoke(null);
                Class<?> api = Class.forName("sun.management.HotspotRuntimeMBean");
                Safepoints s = new Safepoints(bean, api.getMethod("getSafepointCount"),
                        api.getMethod("getTotalSafepointTime"), api.getMethod("getSafepointSyncTime"));
                s.read0();
                return s;
            } catch (Throwable e) {
                return new Safepoints(null, null, null, null); // not exported, or not HotSpot
            }
        }

        long[] read() {
            if (bean == null) {
                return UNKNOWN;
            }
            try {
                return read0();
            } catch (Throwable e) {
                return UNKNOWN;
            }
        }

        private long[] read0() throws ReflectiveOperationException {
            return new long[] {(Long) count.invoke(bean), (Long) time.invoke(bean), (Long) sync.invoke(bean)};
        }
    }
}
