package dev.faultline.spring.boot;

import dev.faultline.Faultline;
import dev.faultline.Registration;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.SmartLifecycle;

/**
 * Puts Faultline's clean shutdown at the right point of Spring Boot's.
 *
 * <p>At a clean exit Faultline's own JVM shutdown hook flushes suppressed counts, prints what is
 * left, forces the crash ring and marks it clean. JVM shutdown hooks run concurrently, and Boot
 * closes the application in its own hook: the web server drains, beans stop and log. Lines
 * logged into the ring after the clean mark would make the next start archive this run as a
 * crash. So:
 * <ol>
 *   <li>{@link #start()} (when the context is refreshed) opens a
 *       {@link Faultline#deferCleanShutdown deferral}: Faultline's hook waits for Boot (at most
 *       {@code faultline.shutdown.max-wait}, 30 s by default);</li>
 *   <li>{@link #stop()} runs in the last lifecycle phase, after the web server has stopped taking
 *       and finished its requests ({@value #PHASE}, below the web server's phases): it flushes the
 *       suppressed counts as reports and waits up to 5 s until they are printed and logged, while
 *       the application's logging still runs;</li>
 *   <li>the deferral is closed by Boot's shutdown handler, which runs after every context was
 *       closed; then Faultline's hook forces the ring and marks it clean. When the context is
 *       closed while the JVM goes on (a test, a refresh), {@link #stop()} closes it at once.</li>
 * </ol>
 * Never throws into Boot's shutdown: a failure is logged and the shutdown goes on.
 */
public class FaultlineShutdownLifecycle implements SmartLifecycle {
    /** Lower than every phase Boot uses (web server: DEFAULT_PHASE - 2048): stopped last. */
    public static final int PHASE = Integer.MIN_VALUE + 1000;
    private static final Log LOG = LogFactory.getLog(FaultlineShutdownLifecycle.class);
    private static final Duration PRINT_WAIT = Duration.ofSeconds(5);

    private final Duration maxWait;
    private volatile boolean running;
    private volatile Registration deferral;

    /** {@code maxWait}: how long Faultline's hook waits for Boot's shutdown; null means 30 s. */
    public FaultlineShutdownLifecycle(Duration maxWait) {
        this.maxWait = maxWait == null ? Duration.ofSeconds(30) : maxWait;
    }

    @Override
    public void start() {
        running = true;
        try {
            Registration r = Faultline.deferCleanShutdown("spring-boot", maxWait);
            deferral = r;
            SpringApplication.getShutdownHandlers().add(r::close);
        } catch (Throwable e) {
            LOG.warn("Faultline: could not order its clean shutdown after Spring Boot's; the crash ring may be"
                    + " marked clean before the application has closed", e);
        }
    }

    @Override
    public void stop() {
        running = false;
        try {
            long announced = Faultline.flushSuppressed();
            if (!Faultline.awaitPrinted(PRINT_WAIT) && announced > 0) {
                LOG.warn("Faultline: suppressed counts flushed but not all printed within " + PRINT_WAIT.toSeconds() + " s");
            }
        } catch (Throwable e) {
            LOG.warn("Faultline: could not flush suppressed counts at shutdown", e);
        }
        Registration r = deferral;
        if (r != null && !jvmShuttingDown()) {
            // The context closes but the process goes on: no shutdown of Boot's to wait for.
            r.close();
            deferral = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** True once the JVM has begun its shutdown (it then refuses new shutdown hooks). */
    static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { }, "faultline-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        } catch (SecurityException e) {
            return false;
        }
    }
}
