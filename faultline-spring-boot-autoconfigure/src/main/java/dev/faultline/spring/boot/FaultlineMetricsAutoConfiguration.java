package dev.faultline.spring.boot;

import dev.faultline.micrometer.FaultlineMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Faultline's meters ({@code faultline.site.fired}, {@code faultline.warnings},
 * {@code faultline.taint}, ...; see {@link FaultlineMetrics}) on every {@link MeterRegistry} of
 * the application: the binder is a {@code MeterBinder} bean, which Boot's metrics
 * auto-configuration binds to each registry it configures (so they appear in
 * {@code /actuator/prometheus} with the Prometheus registry). Needs {@code faultline-micrometer}
 * and Micrometer on the class path; closed with the context (its meters removed).
 */
@AutoConfiguration(after = FaultlineAutoConfiguration.class)
@ConditionalOnClass({FaultlineMetrics.class, MeterRegistry.class})
@ConditionalOnProperty(prefix = "faultline", name = "enabled", havingValue = "true", matchIfMissing = true)
public class FaultlineMetricsAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    FaultlineMetrics faultlineMetrics() {
        return new FaultlineMetrics();
    }
}
