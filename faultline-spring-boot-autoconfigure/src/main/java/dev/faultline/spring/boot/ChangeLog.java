package dev.faultline.spring.boot;

import dev.faultline.logback.Slf4jReports;
import org.apache.commons.logging.Log;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * Logs a configuration change line that Faultline has written to the crash ring already (its
 * own {@code CONFIG} record): with faultline-logback present, through SLF4J with
 * {@link Slf4jReports#MARKER}, by which the crash-ring appender skips it, so the change is one
 * ring record; without it, through {@code fallback} as any line.
 */
final class ChangeLog {
    private static final boolean MARKED = present("dev.faultline.logback.Slf4jReports") && present("org.slf4j.LoggerFactory");

    private ChangeLog() {}

    static void warn(Log fallback, Class<?> logger, String line) {
        if (MARKED) {
            try {
                Marked.warn(logger, line);
                return;
            } catch (Throwable e) {
                // An SLF4J without a backend: the plain log below.
            }
        }
        fallback.warn(line);
    }

    private static boolean present(String name) {
        return ClassUtils.isPresent(name, ChangeLog.class.getClassLoader());
    }

    /** Loaded only when SLF4J and faultline-logback are on the class path. */
    private static final class Marked {
        static void warn(Class<?> logger, String line) {
            LoggerFactory.getLogger(logger).warn(Slf4jReports.MARKER, line);
        }
    }
}
