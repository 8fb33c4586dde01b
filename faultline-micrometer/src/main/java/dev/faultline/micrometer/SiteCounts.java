package dev.faultline.micrometer;

import dev.faultline.Faultline;
import dev.faultline.report.SiteStats;
import java.util.HashMap;
import java.util.Map;

/**
 * The site table's counters, read once per scrape rather than once per meter: every site meter
 * looks its site up in one snapshot of {@link Faultline#sites()}, taken again when the last one
 * is older than {@link #MAX_AGE_NANOS}. Reading never touches a firing thread's path (the sites'
 * counters are plain atomics read by {@code Faultline.sites()}).
 */
final class SiteCounts {
    /** A scrape reads every site meter within this window, so one snapshot serves them all. */
    static final long MAX_AGE_NANOS = 100_000_000L;

    private volatile Map<String, SiteStats> snapshot = Map.of();
    private volatile long takenAt = System.nanoTime() - 2 * MAX_AGE_NANOS;

    /** The latest counters of {@code site}, or null when the table does not list it. */
    SiteStats get(String site) {
        long now = System.nanoTime();
        if (now - takenAt > MAX_AGE_NANOS) {
            synchronized (this) {
                if (now - takenAt > MAX_AGE_NANOS) {
                    Map<String, SiteStats> m = new HashMap<>();
                    for (SiteStats s : Faultline.sites()) {
                        m.put(s.site(), s);
                    }
                    snapshot = m;
                    takenAt = System.nanoTime();
                }
            }
        }
        return snapshot.get(site);
    }
}
