package dev.faultline.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.report.Report;
import dev.faultline.Site;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The binder on a real Prometheus registry, read back from its scrape text. */
class FaultlineMetricsTest {
    private static final Site LEDGER = Faultline.site(FaultlineMetricsTest.class, "ledger.negative-balance");

    private static void post(long amount) {
        LEDGER.warnOnce(amount < 0);
    }

    private static void refund(long amount) {
        Faultline.warnOn(amount < 0, "negative refund %s", amount);
    }

    @Test
    void sitesAreCountedPerSignatureAndTheProcessCountersAndTaintAreThere() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<Report> reports = new ArrayList<>();
        try (FaultlineMetrics metrics = new FaultlineMetrics()) {
            metrics.bindTo(registry);
            var listening = Faultline.addListener(reports::add);
            for (int i = 0; i < 5; i++) {
                post(-1);
            }
            for (int i = 0; i < 3; i++) {
                refund(-i - 1);
            }
            Faultline.awaitPrinted(java.time.Duration.ofSeconds(10)); // listeners run on the printer thread
            listening.close();
            String scrape = registry.scrape();
            Report ledger = reports.stream().filter(r -> r.site().equals("ledger.negative-balance")).findFirst()
                    .orElseThrow();
            Report refund = reports.stream().filter(r -> r.site().contains(".refund:")).findFirst().orElseThrow();

            assertEquals(5.0, value(scrape, "faultline_site_fired_total", ledger.signature().hash()), scrape);
            assertEquals(1.0, value(scrape, "faultline_site_reported_total", ledger.signature().hash()), scrape);
            assertEquals(4.0, value(scrape, "faultline_site_suppressed_total", ledger.signature().hash()), scrape);
            assertEquals(3.0, value(scrape, "faultline_site_fired_total", refund.signature().hash()), scrape);
            assertTrue(scrape.contains("title=\"WARNING in dev.faultline.micrometer.FaultlineMetricsTest.refund\""),
                    scrape);
            assertTrue(scrape.contains("kind=\"WARNING\""), scrape);
            assertTrue(Faultline.warnCount() >= 4, "1 + 3 reported warnings");
            assertEquals((double) Faultline.warnCount(), single(scrape, "faultline_warnings_total"), scrape);
            assertEquals(1.0, single(scrape, "faultline_taint\\{flag=\"W\"\\}"), scrape);
            assertEquals((double) Faultline.recoveredRuns().size(), single(scrape, "faultline_recovered_runs"), scrape);
            assertTrue(single(scrape, "faultline_recovered_panics") <= Faultline.recoveredRuns().size(), scrape);
            // Every site series is one of the sites that reported: bounded by the site table.
            assertEquals(2, count(scrape, "faultline_site_fired_total\\{"), scrape);
        }
        assertFalse(registry.scrape().contains("faultline_"), "close() removes every meter");
    }

    private static double value(String scrape, String metric, String signature) {
        Matcher m = Pattern.compile("(?m)^" + metric + "\\{[^}]*signature=\"" + signature + "\"[^}]*\\} (\\S+)$")
                .matcher(scrape);
        assertTrue(m.find(), metric + " with signature " + signature + " in\n" + scrape);
        return Double.parseDouble(m.group(1));
    }

    private static double single(String scrape, String metric) {
        Matcher m = Pattern.compile("(?m)^" + metric + "(\\{[^}]*\\})? (\\S+)$").matcher(scrape);
        assertTrue(m.find(), metric + " in\n" + scrape);
        return Double.parseDouble(m.group(2));
    }

    private static int count(String scrape, String prefix) {
        Matcher m = Pattern.compile("(?m)^" + prefix).matcher(scrape);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
