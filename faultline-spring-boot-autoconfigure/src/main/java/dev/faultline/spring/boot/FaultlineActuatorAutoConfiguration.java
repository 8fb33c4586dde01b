package dev.faultline.spring.boot;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The actuator parts, each conditional on the actuator being on the class path: the endpoint
 * {@code faultline} (created when it is available, i.e. exposed, by Boot's standard rules) and the
 * opt-in health indicator {@code faultline}.
 */
@AutoConfiguration(after = FaultlineAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnProperty(prefix = "faultline", name = "enabled", havingValue = "true", matchIfMissing = true)
public class FaultlineActuatorAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(endpoint = FaultlineEndpoint.class)
    FaultlineEndpoint faultlineEndpoint(ObjectProvider<SiteSignatures> signatures, FaultlineProperties properties) {
        return new FaultlineEndpoint(signatures.getIfAvailable(), properties.getEndpoint().getTopSites());
    }

    /** Opt-in, and like every health indicator it also follows {@code management.health.faultline.enabled}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnProperty(prefix = "faultline.health", name = "enabled", havingValue = "true")
    @ConditionalOnEnabledHealthIndicator("faultline")
    static class Health {
        @Bean(name = "faultlineHealthIndicator")
        @ConditionalOnMissingBean(name = "faultlineHealthIndicator")
        FaultlineHealthIndicator faultlineHealthIndicator(FaultlineProperties properties) {
            return new FaultlineHealthIndicator(properties.getHealth().getLimitMargin());
        }
    }
}
