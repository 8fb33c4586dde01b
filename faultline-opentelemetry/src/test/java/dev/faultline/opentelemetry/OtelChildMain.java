package dev.faultline.opentelemetry;

import dev.faultline.Faultline;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.util.concurrent.TimeUnit;

/**
 * A service's start: the real SDK with the OTLP/HTTP exporter to {@code args[0]}, then
 * {@link FaultlineLogs}, one warning, and a clean shutdown that flushes the SDK.
 */
public final class OtelChildMain {
    public static void main(String[] args) throws Exception {
        OpenTelemetrySdk sdk = sdk(args[0]);
        try (FaultlineLogs logs = FaultlineLogs.install(sdk)) {
            Faultline.site("child.after-restart").warnOn(true, "the service is back");
            System.out.println("installed, recovered runs " + Faultline.recoveredRuns().size());
        }
        sdk.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS);
        sdk.close();
        System.out.println("DONE");
    }

    static OpenTelemetrySdk sdk(String endpoint) {
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint).build();
        return OpenTelemetrySdk.builder()
                .setLoggerProvider(SdkLoggerProvider.builder()
                        .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter)
                                .setScheduleDelay(100, TimeUnit.MILLISECONDS).build())
                        .build())
                .build();
    }
}
