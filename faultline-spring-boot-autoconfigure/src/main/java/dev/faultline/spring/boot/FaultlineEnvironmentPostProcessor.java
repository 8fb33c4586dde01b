package dev.faultline.spring.boot;

import dev.faultline.Faultline;
import dev.faultline.StartupSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Hands the {@code faultline.*} Spring properties to Faultline before anything can fire a check:
 * right after Boot has loaded {@code application.yml}/{@code .properties} (and profiles, config
 * imports, command-line arguments), before logging is initialised and before any bean exists.
 *
 * <p>Each core key that is set ({@link FaultlineProperties#coreSettings()}) is supplied through
 * {@link StartupSettings#supply} with its origin ({@code Spring property faultline.warn-limit from
 * class path resource [application.yml] - 3:15}), so Faultline validates it exactly like a system
 * property and a bad value gets the same problem line, naming the key, the value and that origin.
 * A system property {@code -Dfaultline.KEY} or an environment variable {@code FAULTLINE_KEY}
 * still wins (Faultline reads those first). {@code oops_handler} defaults to 1 here. Then
 * Faultline is started, so its configuration problems, its crash ring and the recovery of earlier
 * runs happen now, while the application starts, and not on the first request.
 *
 * <p>Never throws into the application: a failure is logged (once logging is up) and the
 * application starts without these settings.
 */
public class FaultlineEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
    /** After Boot's config data processor, which loads application.yml. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;
    /** The channel named by change lines when Faultline had started already. */
    static final String CHANNEL = "spring";

    private final Log log;

    /** Created by Spring Boot with a log that prints once logging is initialised. */
    public FaultlineEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(FaultlineEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            Map<String, String> origins = new LinkedHashMap<>();
            FaultlineProperties properties = Binder.get(environment)
                    .bind("faultline", Bindable.of(FaultlineProperties.class), new OriginRecorder(origins))
                    .orElseGet(FaultlineProperties::new);
            Map<String, String> settings = properties.coreSettings();
            if ("false".equalsIgnoreCase(settings.get("console"))) {
                // YAML reads an unquoted `console: off` as the boolean false, which Spring hands over as "false".
                settings.put("console", "off");
            }
            if (!settings.containsKey("console") && reportsGoToLogging(environment)) {
                // The starter sends every report into the application's logging (Logback); printed
                // on stderr as well, each report would show twice. faultline.console=text brings it back.
                settings.put("console", "off");
                origins.put("console", "the default of faultline-spring-boot-starter, which logs reports through"
                        + " Logback");
            }
            if (!settings.containsKey("oops_handler")) {
                // A service's thread dying of an uncaught exception should leave evidence: on by
                // default in a Boot service; faultline.oops-handler=0 turns it off.
                settings.put("oops_handler", "1");
                origins.put("oops_handler", "the default of faultline-spring-boot-starter");
            }
            for (Map.Entry<String, String> e : settings.entrySet()) {
                String source = origins.getOrDefault(e.getKey(), "Spring property faultline." + e.getKey());
                StartupSettings.Outcome outcome = StartupSettings.supply(e.getKey(), e.getValue(), source, CHANNEL);
                if (log.isDebugEnabled()) {
                    log.debug("faultline." + e.getKey() + " from " + source + ": " + outcome);
                }
            }
            reportUnknownKeys(environment);
            Faultline.policy(); // starts Faultline with these settings
        } catch (Throwable e) {
            log.error("Faultline: could not apply the faultline.* Spring properties; Faultline runs on its system"
                    + " properties, environment variables and defaults", e);
        }
    }

    /**
     * A {@code faultline.*} name in the application's configuration that no setting has gets the
     * line a misspelt system property gets: a core-looking name through Faultline's own problem
     * line (on the console and in the crash ring, with its did-you-mean), a name under the
     * starter's own groups as a WARN with the nearest known name.
     */
    private void reportUnknownKeys(ConfigurableEnvironment environment) {
        List<String> known = SpringKeys.known(StartupSettings.keys());
        for (SpringKeys.Unknown u : SpringKeys.unknown(environment, known)) {
            if (u.starterGroup()) {
                String nearest = SpringKeys.nearest(u.name(), known);
                log.warn("Faultline: unknown setting " + u.name() + " (" + u.origin() + ") is ignored"
                        + (nearest == null ? "" : "; did you mean " + nearest + "?"));
            } else {
                String key = u.name().getElement(1, ConfigurationPropertyName.Form.DASHED).replace('-', '_');
                StartupSettings.supply(key, u.value(), u.origin(), CHANNEL);
            }
        }
    }

    /**
     * True when the starter will log every report through Logback (faultline-logback and Logback
     * present, Logback SLF4J's backend, Boot's logging system not {@code none}, and neither
     * {@code faultline.enabled} nor {@code faultline.logback.ring-appender} turned off), as
     * {@link FaultlineLoggingListener} and {@link FaultlineLogbackAutoConfiguration} decide.
     */
    static boolean reportsGoToLogging(ConfigurableEnvironment environment) {
        if (!on(environment.getProperty("faultline.enabled")) || !on(environment.getProperty("faultline.logback.ring-appender"))
                || "none".equalsIgnoreCase(System.getProperty(LoggingSystem.SYSTEM_PROPERTY))) {
            return false;
        }
        ClassLoader cl = FaultlineEnvironmentPostProcessor.class.getClassLoader();
        return ClassUtils.isPresent("dev.faultline.logback.CrashRingAppender", cl)
                && ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", cl)
                && LogbackRingAppender.logbackIsTheBackend();
    }

    /** As {@code @ConditionalOnProperty(havingValue = "true", matchIfMissing = true)} reads it. */
    private static boolean on(String value) {
        return value == null || value.equalsIgnoreCase("true");
    }

    /** Records where each bound core key came from, for Faultline's problem lines. */
    private static final class OriginRecorder extends AbstractBindHandler {
        private final Map<String, String> origins;

        OriginRecorder(Map<String, String> origins) {
            this.origins = origins;
        }

        @Override
        public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
            ConfigurationProperty property = context.getConfigurationProperty();
            if (property != null && name.getNumberOfElements() == 2) {
                String key = name.getLastElement(ConfigurationPropertyName.Form.DASHED).replace('-', '_');
                String origin = property.getOrigin() == null ? "" : " from " + property.getOrigin();
                origins.put(key, "Spring property " + property.getName() + origin);
            }
            return result;
        }
    }
}
