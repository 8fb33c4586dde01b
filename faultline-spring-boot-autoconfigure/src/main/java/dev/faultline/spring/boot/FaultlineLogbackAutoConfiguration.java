package dev.faultline.spring.boot;

import ch.qos.logback.classic.LoggerContext;
import dev.faultline.logback.CrashRingAppender;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Logback both ways, with no {@code logback-spring.xml} change: {@link CrashRingAppender} on the
 * root logger (every log line into the crash ring; every report logged under
 * {@code faultline.SITE}; earlier crashed runs announced). Needs {@code faultline-logback} and
 * Logback on the class path, Logback as SLF4J's backend, and
 * {@code faultline.logback.ring-appender} not false.
 */
@AutoConfiguration(after = FaultlineAutoConfiguration.class)
@ConditionalOnClass({CrashRingAppender.class, LoggerContext.class})
@ConditionalOnProperty(prefix = "faultline", name = "enabled", havingValue = "true", matchIfMissing = true)
public class FaultlineLogbackAutoConfiguration {
    @Bean
    @ConditionalOnProperty(prefix = "faultline.logback", name = "ring-appender", havingValue = "true", matchIfMissing = true)
    LogbackRingAppender faultlineLogbackRingAppender(FaultlineProperties properties) {
        return new LogbackRingAppender(properties.getLogback().getReplayLines());
    }
}
