package dev.faultline.micrometer;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** A service's start: binds {@link FaultlineMetrics} and prints one Prometheus scrape. */
public final class MetricsChildMain {
    public static void main(String[] args) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new FaultlineMetrics().bindTo(registry);
        System.out.print(registry.scrape());
    }
}
