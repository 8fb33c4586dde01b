package dev.faultline.spring.boot;

import dev.faultline.opentelemetry.FaultlineLogs;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Faultline's reports as OpenTelemetry log records through the application context's
 * {@link OpenTelemetry} bean ({@link FaultlineLogs#install(OpenTelemetry)}): the one Boot's
 * OpenTelemetry auto-configuration makes, or the application's own. Each earlier crashed run
 * recovered at start is one record too. Needs {@code faultline-opentelemetry} and the
 * OpenTelemetry API on the class path and an {@code OpenTelemetry} bean; stopped with the
 * context.
 */
@AutoConfiguration(after = FaultlineAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration")
@ConditionalOnClass({FaultlineLogs.class, OpenTelemetry.class})
@ConditionalOnBean(OpenTelemetry.class)
@ConditionalOnProperty(prefix = "faultline", name = "enabled", havingValue = "true", matchIfMissing = true)
public class FaultlineOpenTelemetryAutoConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    FaultlineLogs faultlineLogs(OpenTelemetry openTelemetry) {
        return FaultlineLogs.install(openTelemetry);
    }
}
