package dev.faultline.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Faultline in a Spring Boot application: the {@code faultline.*} properties (applied earlier,
 * by {@link FaultlineEnvironmentPostProcessor}), the oops handler, the site signatures the
 * endpoint shows, and a clean shutdown after Boot's own. The integrations (Micrometer,
 * OpenTelemetry, Logback, actuator) have auto-configurations of their own, each conditional on
 * its library. Turned off as a whole by {@code faultline.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "faultline", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(FaultlineProperties.class)
public class FaultlineAutoConfiguration {
    // Spring binds faultline.oops_handler from -Dfaultline.oops_handler and FAULTLINE_OOPS_HANDLER
    // too, above application.yml: the operator's setting wins over the starter's default.
    @Bean
    @ConditionalOnMissingBean
    FaultlineOopsHandler faultlineOopsHandler(FaultlineProperties properties) {
        return new FaultlineOopsHandler(properties.getOopsHandler());
    }

    @Bean
    @ConditionalOnMissingBean
    SiteSignatures faultlineSiteSignatures() {
        return new SiteSignatures();
    }

    @Bean
    @ConditionalOnMissingBean
    FaultlineShutdownLifecycle faultlineShutdownLifecycle(FaultlineProperties properties) {
        return new FaultlineShutdownLifecycle(properties.getShutdown().getMaxWait());
    }
}
