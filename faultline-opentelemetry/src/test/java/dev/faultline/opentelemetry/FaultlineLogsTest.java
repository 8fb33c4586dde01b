package dev.faultline.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.report.Report;
import dev.faultline.fixtures.BugMain;
import dev.faultline.fixtures.Jvm;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * End to end: the real OpenTelemetry SDK with its batching processor and OTLP/HTTP exporter,
 * sending to a receiver in the test that decodes the OTLP protobuf payload.
 */
class FaultlineLogsTest {
    private static void post(long amount) {
        Faultline.site(FaultlineLogsTest.class, "ledger.negative-balance").warnOn(amount < 0, "balance %s", amount);
    }

    @Test
    void aReportArrivesAsOneLogRecordWithSemanticAttributes() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            OpenTelemetrySdk sdk = OtelChildMain.sdk(receiver.endpoint());
            List<Report> reports = new ArrayList<>();
            try (FaultlineLogs logs = FaultlineLogs.install(sdk); var l = Faultline.addListener(reports::add)) {
                post(-5);
                // The listener runs on faultline-listeners: closing the exporter does not wait for it.
                assertTrue(Faultline.awaitPrinted(Duration.ofSeconds(30)), "the listener did not get the report");
                logs.close();
                assertEquals(0, logs.dropped());
            }
            sdk.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS);
            Report report = reports.get(0);
            OtlpReceiver.Received r = receiver.await(x -> "ledger.negative-balance".equals(
                    x.attributes.get("faultline.site")), 15_000);
            sdk.close();
            assertEquals("dev.faultline", r.scope);
            assertEquals("WARNING", r.severityText);
            assertEquals(13, r.severityNumber, "WARN");
            assertEquals(report.headline(), r.body);
            assertEquals("WARNING", r.attributes.get("faultline.kind"));
            assertEquals(report.signature().hash(), r.attributes.get("faultline.signature"));
            assertEquals("WARNING in dev.faultline.opentelemetry.FaultlineLogsTest.post",
                    r.attributes.get("faultline.title"));
            assertEquals(Faultline.runId(), r.attributes.get("faultline.run_id"));
            assertEquals(Thread.currentThread().getName(), r.attributes.get("thread.name"));
            assertEquals("dev.faultline.opentelemetry.FaultlineLogsTest", r.attributes.get("code.namespace"));
            assertEquals("post", r.attributes.get("code.function"));
            assertEquals("balance -5", r.attributes.get("exception.message"));
            assertTrue(r.attributes.get("exception.stacktrace").contains("\tat dev.faultline.opentelemetry."
                    + "FaultlineLogsTest.post(FaultlineLogsTest.java:"), r.attributes.toString());
            assertTrue(r.attributes.containsKey("faultline.taint"), r.attributes.toString());
        }
    }

    @Test
    void aRunThatDiedIsAnnouncedAtTheNextStartWithItsIdsAndLastReport() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "otel-crash").toAbsolutePath()),
                "dir");
        // Both runs are one application: a start recovers only its own application's rings.
        List<String> options = List.of("-Dfaultline.dir=" + dir, "-Dfaultline.app=otel-test");
        Jvm.Result crashed = Jvm.run(Jvm.testClassPath(), BugMain.class.getName(), options, Duration.ofSeconds(60));
        assertTrue(crashed.stdout.contains("before") && !crashed.stdout.contains("after"), crashed.toString());
        Matcher run = Pattern.compile("run ([0-9a-f]{16})").matcher(crashed.stderr);
        assertTrue(run.find(), crashed.toString());
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            Jvm.Result next = Jvm.run(Jvm.testClassPath(), OtelChildMain.class.getName(), options,
                    Duration.ofSeconds(60), receiver.endpoint());
            assertTrue(next.stdout.contains("installed, recovered runs 1") && next.stdout.contains("DONE"),
                    next.toString());
            OtlpReceiver.Received dead = receiver.await(x -> "true".equals(x.attributes.get("faultline.recovered")),
                    15_000);
            assertEquals(run.group(1), dead.attributes.get("faultline.run_id"));
            assertEquals("BUG", dead.attributes.get("faultline.kind"), dead.toString());
            assertEquals("BUG", dead.severityText);
            assertEquals(21, dead.severityNumber, "FATAL");
            assertEquals("child.invariant", dead.attributes.get("faultline.site"));
            assertEquals("BUG in dev.faultline.fixtures.BugMain.main", dead.attributes.get("faultline.title"));
            assertTrue(dead.attributes.get("faultline.last_report").contains("the queue size is -1"), dead.toString());
            receiver.await(x -> "child.after-restart".equals(x.attributes.get("faultline.site")), 15_000);
        }
    }

    @Test
    void anIdleExporterWaitsWithoutATimeoutAndCloseEndsIt() throws Exception {
        try (FaultlineLogs logs = FaultlineLogs.install(io.opentelemetry.api.OpenTelemetry.noop())) {
            Thread exporter = null;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("faultline-otel") && t.isAlive()
                        && (exporter == null || t.getId() > exporter.getId())) {
                    exporter = t; // the newest: earlier tests' exporters are closed and gone
                }
            }
            assertTrue(exporter != null, "no faultline-otel thread");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (exporter.getState() != Thread.State.WAITING && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
            // WAITING, not TIMED_WAITING: nothing to export, so nothing wakes it.
            assertEquals(Thread.State.WAITING, exporter.getState(), "an idle exporter polls on a timer");
            post(-7);
            logs.close();
            exporter.join(10_000);
            assertTrue(!exporter.isAlive(), "close() did not end the exporter");
            assertEquals(1, logs.emitted());
        }
    }
}
