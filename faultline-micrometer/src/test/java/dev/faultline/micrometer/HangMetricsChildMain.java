package dev.faultline.micrometer;

import dev.faultline.Faultline;
import dev.faultline.report.ReportKind;
import dev.faultline.fixtures.HangMain;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/** A service with a deadlock and a hung task: binds {@link FaultlineMetrics}, waits for both reports, prints one scrape. */
public final class HangMetricsChildMain {
    public static void main(String[] args) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new FaultlineMetrics().bindTo(registry);
        HangMain.deadlockMonitor();
        HangMain.hungMonitor();
        long end = System.nanoTime() + 60_000_000_000L;
        while ((Faultline.hangCount(ReportKind.DEADLOCK) == 0 || Faultline.hangCount(ReportKind.HUNG) == 0)
                && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        Faultline.awaitPrinted(Duration.ofSeconds(10)); // the binder's listener runs on the printer thread
        System.out.print(registry.scrape());
        System.exit(0);
    }
}
