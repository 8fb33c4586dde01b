package dev.faultline;

import dev.faultline.report.SiteStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Every site this process declared, so that tools (JMX, metrics, the CLI) can list them. Adding
 * is one atomic increment and one store, at declaration, never on a check's path.
 *
 * <p>Bounded: sites are meant to be declared once ({@code static final}), and a program that
 * declares them per request must not grow memory without limit here. Past {@link #CAPACITY}
 * sites, later ones still work but are not listed; {@link #unlisted()} says how many.
 */
final class SiteRegistry {
    /** How many sites are listed at most. */
    static final int CAPACITY = Faultline.MAX_LISTED_SITES;

    private static final AtomicReferenceArray<Site> SITES = new AtomicReferenceArray<>(CAPACITY);
    private static final AtomicInteger DECLARED = new AtomicInteger();

    static {
        dev.faultline.internal.runtime.SiteDirectory.sites(SiteRegistry::snapshot);
    }

    private SiteRegistry() {}

    static void add(Site site) {
        int i = DECLARED.getAndIncrement();
        if (i >= 0 && i < CAPACITY) {
            SITES.set(i, site);
        }
    }

    /** The listed sites' counters, in declaration order. */
    static List<SiteStats> snapshot() {
        int n = Math.min(Math.max(DECLARED.get(), 0), CAPACITY);
        List<SiteStats> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Site s = SITES.get(i);
            if (s != null) { // declared, its store not yet visible: listed next time
                out.add(s.stats());
            }
        }
        return out;
    }

    /** Sites declared past the capacity, which work but are not listed. */
    static long unlisted() {
        return Math.max(0, (long) DECLARED.get() - CAPACITY);
    }
}
