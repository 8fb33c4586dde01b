package dev.faultline.spring.boot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.faultline.logback.CrashRingAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code faultline.logback.ring-appender=false} leaves Logback alone. A JVM of its own: nothing attached before. */
class LogbackOptOutTest {
    @Test
    void theOptOutPropertyLeavesTheRootLoggerAlone() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FaultlineAutoConfiguration.class, FaultlineLogbackAutoConfiguration.class))
                .withPropertyValues("faultline.logback.ring-appender=false")
                .run(context -> {
                    assertFalse(context.containsBean("faultlineLogbackRingAppender"));
                    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
                    root.iteratorForAppenders().forEachRemaining(a -> assertFalse(a instanceof CrashRingAppender, a.getName()));
                });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FaultlineAutoConfiguration.class, FaultlineLogbackAutoConfiguration.class))
                .run(context -> assertTrue(context.getBean(LogbackRingAppender.class).attached()));
    }
}
