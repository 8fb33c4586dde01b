package dev.faultline.internal.exit;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import javax.management.NotificationEmitter;

/**
 * The parts of the heartbeat that need {@code java.management} (an optional module): GC figures
 * and the heap alarm. Each call catches what a runtime without the module throws.
 */
final class HeapAlarm {
    private HeapAlarm() {}

    /** Arms a collection-usage threshold at 90 % on every heap pool that has one and a maximum. */
    static void arm() {
        try {
            boolean any = false;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                long max = p.getUsage() == null ? -1 : p.getUsage().getMax();
                if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported() && max > 0) {
                    p.setCollectionUsageThreshold((long) (max * Heartbeat.ALARM_FRACTION));
                    any = true;
                }
            }
            if (any) {
                ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener((n, hb) -> {
                    if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())) {
                        MemoryNotificationInfo info = MemoryNotificationInfo.from(
                                (javax.management.openmbean.CompositeData) n.getUserData());
                        ExitMarks.append(Heartbeat.HEAP_ALARM + info.getPoolName() + " used " + info.getUsage().getUsed()
                                + " of max " + info.getUsage().getMax() + " after " + info.getCount() + " crossing(s)");
                    }
                }, null, null);
            }
        } catch (Throwable e) {
            // No java.management, or a pool that refuses: no alarm, the heartbeat still beats.
        }
    }

    /** Appends {@code gc_count=N gc_ms=N} (both -1 without java.management). */
    static void gc(StringBuilder b) {
        long count = -1;
        long ms = -1;
        try {
            count = 0;
            ms = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                ms += Math.max(0, gc.getCollectionTime());
            }
        } catch (Throwable e) {
            count = -1;
            ms = -1;
        }
        b.append(" gc_count=").append(count).append(" gc_ms=").append(ms);
    }
}
