package dev.faultline.bench;

import dev.faultline.Faultline;
import dev.faultline.Site;
import dev.faultline.micrometer.FaultlineMetrics;
import dev.faultline.opentelemetry.FaultlineLogs;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the observability integrations add to the firing thread, one fork per {@code mode}:
 * {@code off} (nothing bound, no recording), {@code jfr} (a JFR recording with
 * {@code dev.faultline.report.Report} enabled), {@code micrometer} ({@link FaultlineMetrics} bound to a
 * Prometheus registry) and {@code otel} ({@link FaultlineLogs} through the real SDK with its
 * batching processor and an exporter that discards). {@code faultline_emitted} fires a site that
 * reports every time (console off, crash ring on, as in production); {@code faultline_suppressed}
 * fires a once-site that already reported, which metrics must leave at a few ns with no lock and
 * no allocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Dfaultline.console=off"})
public class ObservabilityBench {
    static final Site EMITTING = Faultline.site("bench.observability.emitted");
    static final Site ONCE = Faultline.site("bench.observability.once");

    @Param({"off", "jfr", "micrometer", "otel"})
    String mode;

    Recording recording;
    FaultlineMetrics metrics;
    OpenTelemetrySdk sdk;
    FaultlineLogs logs;
    final AtomicLong exported = new AtomicLong();
    int value = 42;

    @Setup(Level.Trial)
    public void setUp() {
        switch (mode) {
            case "jfr":
                recording = new Recording();
                recording.enable("dev.faultline.Report");
                recording.setToDisk(false);
                recording.setMaxSize(16 << 20);
                recording.start();
                break;
            case "micrometer":
                metrics = new FaultlineMetrics();
                metrics.bindTo(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
                break;
            case "otel":
                LogRecordExporter discard = new LogRecordExporter() {
                    @Override
                    public CompletableResultCode export(Collection<LogRecordData> records) {
                        exported.addAndGet(records.size());
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode flush() {
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode shutdown() {
                        return CompletableResultCode.ofSuccess();
                    }
                };
                sdk = OpenTelemetrySdk.builder().setLoggerProvider(SdkLoggerProvider.builder()
                        .addLogRecordProcessor(BatchLogRecordProcessor.builder(discard).build()).build()).build();
                logs = FaultlineLogs.install(sdk);
                break;
            default:
                break;
        }
        ONCE.warnOnce(true); // primes the once-site: every measured firing is suppressed
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (recording != null) {
            recording.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (logs != null) {
            logs.close();
            System.out.println("otel: " + logs.emitted() + " emitted, " + logs.dropped() + " dropped at the queue, "
                    + exported.get() + " exported");
            sdk.close();
        }
        if (ONCE.stats().reported() != 1) {
            throw new IllegalStateException("a suppressed firing was reported: " + ONCE.stats());
        }
    }

    @Benchmark
    public boolean faultline_emitted() {
        return EMITTING.warnOn(value == 42);
    }

    @Benchmark
    public boolean faultline_suppressed() {
        return ONCE.warnOnce(value == 42);
    }
}
