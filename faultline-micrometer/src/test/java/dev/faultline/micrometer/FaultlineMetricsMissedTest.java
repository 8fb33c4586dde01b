package dev.faultline.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.Registration;
import dev.faultline.Site;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The meters stay exact when the binder misses reports: another listener holds Faultline's
 * listeners' thread while 2000 reports overflow its queue, so the one report of a warn-once site
 * never reaches the binder; the site still gets its meters, with its exact counts.
 */
class FaultlineMetricsMissedTest {
    static final Site FILLER = Faultline.site("metrics.missed.filler");
    static final Site ONCE = Faultline.site("metrics.missed.once");
    static final int FILLERS = 2000;

    @Test
    void aSiteWhoseOnlyReportWasMissedStillHasExactMeters() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (FaultlineMetrics metrics = new FaultlineMetrics()) {
            metrics.bindTo(registry);
            Registration hold = Faultline.addListener(r -> {
                holding.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                FILLER.warnOn(true, "the first: the holding listener takes it and holds on");
                assertTrue(holding.await(60, TimeUnit.SECONDS));
                for (int i = 0; i < 3; i++) {
                    ONCE.warnOnce(true, "the once-site's only report");
                }
                for (int i = 0; i < FILLERS; i++) {
                    FILLER.warnOn(true, "filler %s", i);
                }
            } finally {
                release.countDown();
            }
            assertTrue(Faultline.awaitPrinted(Duration.ofSeconds(60)));
            hold.close();
            String scrape = registry.scrape();
            assertEquals(3.0, bySite(scrape, "faultline_site_fired_total", "metrics.missed.once"), scrape);
            assertEquals(1.0, bySite(scrape, "faultline_site_reported_total", "metrics.missed.once"), scrape);
            assertEquals(2.0, bySite(scrape, "faultline_site_suppressed_total", "metrics.missed.once"), scrape);
            assertEquals(FILLERS + 1.0, bySite(scrape, "faultline_site_fired_total", "metrics.missed.filler"), scrape);
            assertTrue(scrape.contains("title=\"WARNING in dev.faultline.micrometer.FaultlineMetricsMissedTest."),
                    "tagged with the once-site's own signature\n" + scrape);
            // At least the once-site's report and the 2000 - 1024 fillers the queue could not hold.
            double missed = bySite(scrape, "faultline_metrics_missed_reports_total", null);
            assertTrue(missed >= 1 + FILLERS - 1024, scrape);
        }
    }

    /** The value of {@code metric} for {@code site} (or the metric without tags when {@code site} is null). */
    private static double bySite(String scrape, String metric, String site) {
        String tags = site == null ? "(\\{[^}]*\\})?" : "\\{[^}]*site=\"" + Pattern.quote(site) + "\"[^}]*\\}";
        Matcher m = Pattern.compile("(?m)^" + metric + tags + " (\\S+)$").matcher(scrape);
        assertTrue(m.find(), metric + " for " + site + " in\n" + scrape);
        return Double.parseDouble(m.group(site == null ? 2 : 1));
    }
}
