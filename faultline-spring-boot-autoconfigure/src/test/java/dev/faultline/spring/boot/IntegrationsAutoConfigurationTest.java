package dev.faultline.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.faultline.Faultline;
import dev.faultline.Site;
import dev.faultline.logback.CrashRingAppender;
import dev.faultline.micrometer.FaultlineMetrics;
import dev.faultline.opentelemetry.FaultlineLogs;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Each integration is wired in a real application context when its library is there, and not
 * when it is missing: Micrometer, OpenTelemetry, Logback (with the reports' way out through
 * SLF4J), and the oops handler.
 */
class IntegrationsAutoConfigurationTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Site METERED = Faultline.site("autoconfig.metered");
    static final Site EXPORTED = Faultline.site("autoconfig.exported");
    static final Site LOGGED = Faultline.site("autoconfig.logged");

    final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
            FaultlineAutoConfiguration.class, FaultlineMetricsAutoConfiguration.class,
            FaultlineOpenTelemetryAutoConfiguration.class, FaultlineLogbackAutoConfiguration.class,
            FaultlineActuatorAutoConfiguration.class));

    @Test
    void theMetricsBinderIsOnTheApplicationsMeterRegistry() {
        runner.run(context -> {
            assertNotNull(context.getBean(FaultlineMetrics.class));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            METERED.warnOn(true, "metered");
            assertTrue(Faultline.awaitPrinted(WAIT));
            await(() -> registry.find("faultline.site.fired").tag("site", "autoconfig.metered").functionCounter() != null);
            assertEquals(1.0, registry.get("faultline.site.fired").tag("site", "autoconfig.metered").functionCounter().count());
            assertNotNull(registry.find("faultline.warnings").functionCounter());
        });
    }

    @Test
    void noMicrometerNoBinder() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertFalse(context.containsBean("faultlineMetrics")));
    }

    @Test
    void reportsGoToTheContextsOpenTelemetryBean() {
        InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
        runner.withBean(OpenTelemetry.class, () -> OpenTelemetrySdk.builder().setLoggerProvider(SdkLoggerProvider.builder()
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build()).build()).run(context -> {
                    assertNotNull(context.getBean(FaultlineLogs.class));
                    EXPORTED.warnOn(true, "exported");
                    await(() -> exporter.getFinishedLogRecordItems().stream().anyMatch(IntegrationsAutoConfigurationTest::isExported));
                    LogRecordData record = exporter.getFinishedLogRecordItems().stream()
                            .filter(IntegrationsAutoConfigurationTest::isExported).findFirst().orElseThrow();
                    assertTrue(record.getBody().asString().startsWith("WARNING: autoconfig.exported"), record.toString());
                });
    }

    @Test
    void noOpenTelemetryBeanNoExport() {
        runner.run(context -> assertFalse(context.containsBean("faultlineLogs")));
        runner.withClassLoader(new FilteredClassLoader(OpenTelemetry.class))
                .run(context -> assertFalse(context.containsBean("faultlineLogs")));
    }

    @Test
    void theRingAppenderIsOnTheRootLoggerAndReportsAreLoggedUnderTheirSite() {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> siteLog = new ListAppender<>();
        siteLog.setContext(logback);
        siteLog.start();
        logback.getLogger("faultline.autoconfig.logged").addAppender(siteLog);
        runner.run(context -> {
            assertTrue(ringAppenders(logback.getLogger(Logger.ROOT_LOGGER_NAME)) == 1, "one ring appender on the root logger");
            LOGGED.warnOn(true, "logged %s", 42);
            await(() -> !siteLog.list.isEmpty());
            ILoggingEvent e = siteLog.list.get(0);
            assertEquals("WARN", e.getLevel().toString());
            assertTrue(e.getFormattedMessage().startsWith("WARNING: autoconfig.logged"), e.getFormattedMessage());
            assertNotNull(e.getThrowableProxy());
        });
        // A second context in the same JVM does not add a second appender.
        runner.run(context -> assertEquals(1, ringAppenders(logback.getLogger(Logger.ROOT_LOGGER_NAME))));
    }

    @Test
    void theOopsHandlerIsInstalledUnlessTurnedOff() {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        runner.withPropertyValues("faultline.oops-handler=0").run(context -> {
            assertFalse(context.getBean(FaultlineOopsHandler.class).installed());
            assertEquals(before, Thread.getDefaultUncaughtExceptionHandler());
        });
        // The operator's system property wins over the starter's default, as it does in core
        // (the environment variable's case runs in PrecedenceTest, in a child JVM).
        System.setProperty("faultline.oops_handler", "0");
        try {
            runner.run(context -> assertFalse(context.getBean(FaultlineOopsHandler.class).installed()));
        } finally {
            System.clearProperty("faultline.oops_handler");
        }
        runner.run(context -> {
            assertTrue(context.getBean(FaultlineOopsHandler.class).installed());
            assertTrue(Thread.getDefaultUncaughtExceptionHandler() != before, "the oops handler is the default handler");
        });
        assertEquals(before, Thread.getDefaultUncaughtExceptionHandler(), "closing the context restored the handler");
    }

    private static boolean isExported(LogRecordData r) {
        return r.getBody().asString().contains("autoconfig.exported");
    }

    private static int ringAppenders(Logger root) {
        int n = 0;
        for (Iterator<ch.qos.logback.core.Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof CrashRingAppender) {
                n++;
            }
        }
        return n;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }
}
