package dev.faultline.spring.boot;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Attaches the crash-ring appender ({@link LogbackRingAppender}) right after Spring Boot has
 * initialised logging, before the application logs its first line ({@code Starting ...}), so the
 * crash ring holds a Boot start from its first line: the lines that matter for a crash during
 * start-up. Boot initialises logging once the environment is prepared
 * ({@link LoggingApplicationListener}); this listener runs just after it, on the same event.
 * Registered in {@code META-INF/spring.factories}; it does what
 * {@link FaultlineLogbackAutoConfiguration} would do at context refresh (that bean then finds the
 * appender there and leaves it), under the same conditions ({@code faultline.enabled} and
 * {@code faultline.logback.ring-appender} not false, Logback SLF4J's backend). Never throws.
 */
public class FaultlineLoggingListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
    /** Just after Boot's logging listener, which configures Logback on the same event. */
    public static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        try {
            if (FaultlineEnvironmentPostProcessor.reportsGoToLogging(event.getEnvironment())) {
                int replay = Binder.get(event.getEnvironment()).bind("faultline.logback.replay-lines", Integer.class)
                        .orElse(0);
                new LogbackRingAppender(replay);
            }
        } catch (Throwable e) {
            // The auto-configuration attaches it at context refresh instead; nothing to add here.
        }
    }
}
