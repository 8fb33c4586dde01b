package dev.faultline.micrometer;

import dev.faultline.Faultline;
import dev.faultline.report.MissedReports;
import dev.faultline.Registration;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.ReportListener;
import dev.faultline.report.Signature;
import dev.faultline.report.SiteStats;
import dev.faultline.report.Taint;
import dev.faultline.ring.RecoveredRun;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Faultline's evidence as Micrometer meters: {@code new FaultlineMetrics().bindTo(registry)}.
 *
 * <p>Per site, once the site has emitted its first report after binding (that report gives
 * the tags), three function counters over the site's own counters ({@link Faultline#sites()}),
 * tagged {@code site}, {@code kind} (of that report), {@code signature} (its
 * {@linkplain dev.faultline.report.Signature#hash() hash}) and {@code title}:
 * <ul>
 *   <li>{@code faultline.site.fired}: firings, reported plus suppressed;</li>
 *   <li>{@code faultline.site.reported}: firings that produced a report;</li>
 *   <li>{@code faultline.site.suppressed}: firings counted but not reported.</li>
 * </ul>
 * The counts are the site's totals since the process started, so firings before the first
 * report are included. A site that fires from several methods keeps the signature of its first
 * report. Process-wide: {@code faultline.warnings} and {@code faultline.oopses} (function
 * counters), {@code faultline.hangs} (function counters tagged {@code kind} DEADLOCK, HUNG,
 * LOCKUP or STALL: the hang detectors' reports, which come from no declared site and so get no
 * site meters), {@code faultline.taint} (gauge, 1 when the flag in tag {@code flag} is set, else 0,
 * one per {@link Taint}), {@code faultline.recovered.runs} (earlier runs that ended without a
 * clean shutdown, recovered at start) and {@code faultline.recovered.panics} (those of them
 * that panicked: a BUG, or a PANIC, whatever the panic wrote after its report).
 *
 * <p><b>Cardinality</b> is bounded by the site table: at most one set of three site meters
 * per site, and Faultline lists at most 16,384 sites ({@link Faultline#sites()}); the
 * convenience form and debug domains share one overflow site past 4,096 call lines. Sites
 * beyond {@link #MAX_SITES} get no meters and are counted by
 * {@code faultline.metrics.unmetered.sites}. Tags never carry messages or other user text
 * besides the site name and the title.
 *
 * <p>The firing thread pays nothing per firing: the counters are read when the registry is
 * scraped. The first report of a site registers its meters, on Faultline's listeners' thread. A
 * site that reported only before {@code bindTo} gets meters at its next report, so bind at
 * start. {@link #close()} unsubscribes and removes the meters this binder added.
 *
 * <p><b>Exact when reports are missed.</b> When Faultline's listeners fall behind and this
 * binder misses reports ({@link ReportListener#onMissed}), the site meters stay exact, because
 * they read the site table, not the reports; and every site that reported but has no meters yet
 * gets them then, tagged with the signature of its latest warning from the site table, so a site
 * whose every report was missed (a warn-once site in a burst) is not left out. The reports
 * missed are counted by {@code faultline.metrics.missed.reports}.
 */
public final class FaultlineMetrics implements MeterBinder, AutoCloseable {
    /** The kinds the hang detectors report, each counted by {@code faultline.hangs}. */
    private static final ReportKind[] HANG_KINDS = {ReportKind.DEADLOCK, ReportKind.HUNG, ReportKind.LOCKUP,
        ReportKind.STALL};

    /** Sites that get meters; the size of Faultline's site listing. */
    public static final int MAX_SITES = Faultline.MAX_LISTED_SITES;

    private final SiteCounts counts = new SiteCounts();
    private final AtomicLong unmetered = new AtomicLong();
    /** Every meter this binder added, with the registry it is in (for {@link #close()}). */
    private final Map<Meter, MeterRegistry> meters = new ConcurrentHashMap<>();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    /** Creates an unbound binder; {@link #bindTo(MeterRegistry)} adds the meters. */
    public FaultlineMetrics() {}

    /**
     * Adds the process-wide meters to {@code registry} and subscribes to reports for the site
     * meters. Boots Faultline if it has not started. May be called for several registries.
     *
     * @throws NullPointerException if {@code registry} is null
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        java.util.Objects.requireNonNull(registry, "registry");
        add(registry, FunctionCounter.builder("faultline.warnings", this, m -> Faultline.warnCount())
                .description("Reported warnings in this process (kernel warn_count)").register(registry));
        add(registry, FunctionCounter.builder("faultline.oopses", this, m -> Faultline.oopsCount())
                .description("Threads that died of an uncaught exception (kernel oops_count)").register(registry));
        for (ReportKind kind : HANG_KINDS) {
            add(registry, FunctionCounter.builder("faultline.hangs", this, m -> Faultline.hangCount(kind))
                    .tag("kind", kind.name())
                    .description("Hangs reported: Java-level deadlocks, hung tasks, soft lockups, JVM stalls")
                    .register(registry));
        }
        for (Taint t : Taint.values()) {
            add(registry, Gauge.builder("faultline.taint", this, m -> Faultline.taints().contains(t) ? 1 : 0)
                    .tag("flag", String.valueOf(t.letter())).description("1 when the process carries this taint flag")
                    .register(registry));
        }
        List<RecoveredRun> runs = Faultline.recoveredRuns();
        long panics = runs.stream().filter(RecoveredRun::panicked).count();
        int recovered = runs.size();
        add(registry, Gauge.builder("faultline.recovered.runs", this, m -> recovered)
                .description("Earlier runs recovered at start that ended without a clean shutdown").register(registry));
        add(registry, Gauge.builder("faultline.recovered.panics", this, m -> panics)
                .description("Recovered earlier runs that panicked (a BUG, or a PANIC)").register(registry));
        // Why the recovered runs ended, one gauge per reason (all of them, zeros included: a fixed set of series).
        for (dev.faultline.ring.ExitReason reason : dev.faultline.ring.ExitReason.values()) {
            long n = runs.stream().filter(r -> r.reason() == reason).count();
            add(registry, Gauge.builder("faultline.previous.exits", this, m -> n).tag("reason", reason.label())
                    .description("Earlier runs recovered at start that ended for this reason").register(registry));
        }
        add(registry, FunctionCounter.builder("faultline.metrics.unmetered.sites", unmetered, AtomicLong::get)
                .description("Sites that got no meters because " + MAX_SITES + " already had them").register(registry));
        AtomicLong missed = new AtomicLong();
        add(registry, FunctionCounter.builder("faultline.metrics.missed.reports", missed, AtomicLong::get)
                .description("Reports this binder's listener missed because Faultline's listeners fell behind;"
                        + " the site meters stay exact").register(registry));
        // Sites already given meters in this registry: the bound on its cardinality.
        Map<String, Boolean> metered = new ConcurrentHashMap<>();
        registrations.add(Faultline.addListener(new ReportListener() {
            @Override
            public void onReport(Report r) {
                FaultlineMetrics.this.onReport(registry, metered, r);
            }

            @Override
            public void onMissed(MissedReports m) {
                missed.addAndGet(m.count());
                meterSitesWithout(registry, metered);
            }

            @Override
            public String toString() {
                return "FaultlineMetrics";
            }
        }));
    }

    private void add(MeterRegistry registry, Meter meter) {
        meters.put(meter, registry);
    }

    private void onReport(MeterRegistry registry, Map<String, Boolean> metered, Report r) {
        if (r.kind() == ReportKind.NOTICE) {
            return; // a NOTICE announces counts of a site whose meters its first report made
        }
        for (ReportKind hang : HANG_KINDS) {
            if (r.kind() == hang) {
                return; // not a declared site: counted by faultline.hangs
            }
        }
        meter(registry, metered, r.site(), r.kind(), r.signature());
    }

    /**
     * After missed reports: meters for every site that reported but has none in this registry,
     * tagged from the site table (its reports were warnings: the only reports a site table
     * keeps a signature of).
     */
    private void meterSitesWithout(MeterRegistry registry, Map<String, Boolean> metered) {
        for (SiteStats s : Faultline.sites()) {
            if (metered.size() >= MAX_SITES) {
                return; // the reports of the sites left out count them, as ever
            }
            if (s.reported() > 0 && !metered.containsKey(s.site()) && s.signature().isPresent()) {
                meter(registry, metered, s.site(), ReportKind.WARNING, s.signature().get());
            }
        }
    }

    /** The three site meters of {@code site}, once per registry, within {@link #MAX_SITES}. */
    private void meter(MeterRegistry registry, Map<String, Boolean> metered, String site, ReportKind kind,
                       Signature signature) {
        if (metered.containsKey(site)) {
            return;
        }
        if (metered.size() >= MAX_SITES) {
            unmetered.incrementAndGet();
            return;
        }
        if (metered.putIfAbsent(site, Boolean.TRUE) != null) {
            return;
        }
        Tags tags = Tags.of("site", site, "kind", kind.name(), "signature", signature.hash(),
                "title", signature.title());
        siteCounter(registry, "faultline.site.fired", "Firings of the site, reported plus suppressed", tags, site,
                SiteStats::fired);
        siteCounter(registry, "faultline.site.reported", "Firings of the site that produced a report", tags, site,
                SiteStats::reported);
        siteCounter(registry, "faultline.site.suppressed", "Firings of the site counted but not reported", tags, site,
                SiteStats::suppressed);
    }

    private void siteCounter(MeterRegistry registry, String name, String description, Tags tags, String site,
                             ToDoubleFunction<SiteStats> count) {
        add(registry, FunctionCounter.builder(name, counts, c -> {
            SiteStats s = c.get(site);
            return s == null ? 0 : count.applyAsDouble(s);
        }).tags(tags).description(description).register(registry));
    }

    /** Unsubscribes from reports and removes every meter this binder added, from every registry. */
    @Override
    public void close() {
        for (Registration r : registrations) {
            r.close();
        }
        registrations.clear();
        meters.forEach((meter, registry) -> registry.remove(meter));
        meters.clear();
    }
}
