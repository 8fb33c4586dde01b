package dev.faultline.internal.runtime;

import dev.faultline.report.SiteStats;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where the implementation finds the API's sites without calling the facade: the site table
 * ({@code dev.faultline.SiteRegistry}) and the queue of unannounced suppressed firings
 * ({@code dev.faultline.Suppressions}) plug themselves in here when they initialise. Until a
 * site is declared there is nothing to list and nothing to flush, which is what the defaults
 * say.
 */
public final class SiteDirectory {
    private static volatile Supplier<List<SiteStats>> sites = List::of;
    private static volatile LongSupplier flush = () -> 0L;

    private SiteDirectory() {}

    /** Called once by the site table's initialiser. */
    public static void sites(Supplier<List<SiteStats>> table) {
        sites = table;
    }

    /** Called once by the suppressed-firing queue's initialiser. */
    public static void flush(LongSupplier suppressions) {
        flush = suppressions;
    }

    /** Every listed site's counters, in declaration order; empty before the first site. */
    public static List<SiteStats> sites() {
        return sites.get();
    }

    /** Announces every site's unannounced suppressed firings; the number announced. */
    public static long flushSuppressed() {
        return flush.getAsLong();
    }
}
