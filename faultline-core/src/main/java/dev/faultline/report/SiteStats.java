package dev.faultline.report;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one site's repeat counters, from {@link dev.faultline.Site#stats()}: how often it fired, how
 * often that produced a report, how often it was suppressed, and when it first and last fired.
 * {@code fired == reported + suppressed} always holds within one snapshot. Immutable.
 */
public final class SiteStats {
    private final String site;
    private final String declaringClass;
    private final long fired;
    private final long reported;
    private final long suppressed;
    private final Instant firstFired;
    private final Instant lastFired;
    private final Signature signature;

    /** The counters of one site as the site table reads them; for the site table and tests. */
    public SiteStats(String site, String declaringClass, long fired, long reported, long suppressed, Instant firstFired,
              Instant lastFired, Signature signature) {
        this.site = site;
        this.declaringClass = declaringClass;
        this.fired = fired;
        this.reported = reported;
        this.suppressed = suppressed;
        this.firstFired = firstFired;
        this.lastFired = lastFired;
        this.signature = signature;
    }

    /** The site's name. */
    public String site() { return site; }

    /** The class that declared the site ({@link dev.faultline.Site#declaringClass()}), or {@code "?"}. */
    public String declaringClass() { return declaringClass; }

    /** Firings counted: reported plus suppressed. */
    public long fired() { return fired; }

    /** Firings that produced a report. */
    public long reported() { return reported; }

    /** Firings counted but not reported (once already reported, or over the rate limit). */
    public long suppressed() { return suppressed; }

    /** When the site first fired; empty when it never has. */
    public Optional<Instant> firstFired() { return Optional.ofNullable(firstFired); }

    /**
     * When the site last fired, reported or suppressed; empty when it never has. Under
     * concurrent firing it is the time of one of the latest firings.
     */
    public Optional<Instant> lastFired() { return Optional.ofNullable(lastFired); }

    /**
     * The signature of the site's latest warning report (a debug domain's check included);
     * empty before its first, or when that report was made on a heap too full to compute it.
     * Read from the site table, so it is there even when no listener saw the report.
     */
    public Optional<Signature> signature() { return Optional.ofNullable(signature); }

    @Override
    public String toString() {
        return site + ": fired " + fired + ", reported " + reported + ", suppressed " + suppressed
                + (firstFired == null ? "" : ", first " + firstFired + ", last " + lastFired);
    }
}
