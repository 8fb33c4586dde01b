package dev.faultline.spring.boot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every Faultline configuration key as a Spring property under {@code faultline}, in kebab case
 * ({@code faultline.warn-limit} for the core key {@code faultline.warn_limit}; Boot's relaxed
 * binding also takes {@code warn_limit} and {@code warnLimit}), plus the starter's own settings
 * ({@link #getLogback() logback}, {@link #getHealth() health}, {@link #getEndpoint() endpoint},
 * {@link #getShutdown() shutdown}).
 *
 * <p>The core keys are strings on purpose: Faultline validates them itself, with the same problem
 * line a bad system property gets (naming the key, the value and where it came from), and the
 * default stays in force; a typed field would make Spring's binder fail the application's start
 * instead. {@link FaultlineEnvironmentPostProcessor} reads them before the application context
 * exists. Unset keys keep Faultline's defaults (docs/operations/configuration.md), except
 * {@code oops-handler}, which the starter turns on unless it is set to 0.
 *
 * <p>The core keys are generated from core's key declarations; {@code FaultlinePropertiesTest}
 * checks that every key Faultline knows is here.
 */
@ConfigurationProperties(prefix = "faultline")
public class FaultlineProperties {
    /**
     * 1: every reported warning panics (kernel panic_on_warn). Takes 1 or 0 (also true or false). Core key faultline.panic_on_warn.
     */
    private String panicOnWarn;

    /**
     * Panic when the process has warned this many times; 0 = no limit. Takes an integer from 0 to 2147483647. Core key faultline.warn_limit.
     */
    private String warnLimit;

    /**
     * Panic when this many threads have died of uncaught exceptions; 0 = no limit. Takes an integer from 0 to 2147483647. Core key faultline.oops_limit.
     */
    private String oopsLimit;

    /**
     * After a panic: negative: halt at once, 0 park forever, positive: wait that long, then halt. Takes an integer number of seconds. Core key faultline.panic_timeout.
     */
    private String panicTimeout;

    /**
     * Exit status of a process halted by a panic. Takes an integer from 1 to 255. Core key faultline.panic_exit_code.
     */
    private String panicExitCode;

    /**
     * 1: a panic throws dev.faultline.PanicError instead of halting the JVM. Takes 1 or 0 (also true or false). Core key faultline.test_mode.
     */
    private String testMode;

    /**
     * How reports are printed on stderr. Takes one of text, json, off (an unquoted YAML off, read as false, is off). With the starter the default is off when reports are logged through Logback (faultline-logback on the class path), else text. Core key faultline.console.
     */
    private String console;

    /**
     * 1: also send every report to System.Logger "faultline.SITE" (java.util.logging by default; SLF4J/Log4j2 through their bridges). Takes 1 or 0 (also true or false). Core key faultline.system_logger.
     */
    private String systemLogger;

    /**
     * Reports per interval of a site declared with RateLimit.processDefault(), and of printRatelimited on sites declared without a limit (kernel default 10). Takes an integer from 0 to 2147483647. Core key faultline.ratelimit_burst.
     */
    private String ratelimitBurst;

    /**
     * Length of that rate-limit window in milliseconds; 0 = no limit (kernel default 5000). Takes an integer from 0 to 2147483647. Core key faultline.ratelimit_interval_ms.
     */
    private String ratelimitIntervalMs;

    /**
     * Debug domain modes: DOMAIN=MODE entries (off, warn, once, panic), comma-separated; * sets the default. Takes a spec such as mm=panic,net=warn,*=off. Core key faultline.debug.
     */
    private String debug;

    /**
     * This host's identity for fleet sampling (DOMAIN=MODE at P%); empty = the HOSTNAME variable, then /etc/hostname. Takes a host name, pod or node name (any text). Core key faultline.host_id.
     */
    private String hostId;

    /**
     * Demote a debug domain from panic to warn when the last N runs each panicked on its check within T seconds of start; 0 = off. Takes N/Ts (runs/seconds, e.g. 3/60s) or 0. Core key faultline.bootloop_guard.
     */
    private String bootloopGuard;

    /**
     * 1: register the MBean dev.faultline:type=Faultline on the platform MBean server. Takes 1 or 0 (also true or false). Core key faultline.jmx.
     */
    private String jmx;

    /**
     * 1: open the control socket /tmp/.faultline-[pid]-[start] (Unix-domain, this user and root only) that faultline ps, status, sysctl and debug talk to. Takes 1 or 0 (also true or false). Core key faultline.control.
     */
    private String control;

    /**
     * Fuzzing mode = test_mode + panic_on_warn, so a warning throws PanicError at its call site; 1: on for the whole process from start-up; auto: on while a Jazzer a FuzzTest runs under the JUnit extension; 0: never. Takes one of 0, 1, auto. Core key faultline.fuzz_mode.
     */
    private String fuzzMode;

    /**
     * Dumps show a field, or a map entry with a string key, as [redacted] when its name contains one of these (case-insensitive). Takes a comma-separated list of names (letters, digits, '_', '-', '.'). Core key faultline.redact.
     */
    private String redact;

    /**
     * 1: a thread dying of an uncaught exception (an oops) panics (kernel panic_on_oops). Takes 1 or 0 (also true or false). Core key faultline.panic_on_oops.
     */
    private String panicOnOops;

    /**
     * 1: install a default uncaught-exception handler that reports a dying thread as an oops, then calls the handler it replaced. Takes 1 or 0 (also true or false). Core key faultline.oops_handler.
     */
    private String oopsHandler;

    /**
     * 1: a thread dying of OutOfMemoryError panics (installs the oops handler). Takes 1 or 0 (also true or false). Core key faultline.panic_on_oom.
     */
    private String panicOnOom;

    /**
     * Built-in dumpers run after a panic: all-thread stacks, running JFR recordings, a heap dump. Takes a comma-separated list of threads, jfr, heap; or none. Core key faultline.panic_dumps.
     */
    private String panicDumps;

    /**
     * Dumpers named here run first, in this order; the others follow, light before heavy. Takes a comma-separated list of dumper names. Core key faultline.panic_dump_order.
     */
    private String panicDumpOrder;

    /**
     * Where JFR and heap dumps are written (owner-only files); empty = the crash directory (faultline.dir). Takes a directory that is not a symbolic link. Core key faultline.panic_dump_dir.
     */
    private String panicDumpDir;

    /**
     * After a panic: 0 halt without running shutdown hooks; positive: run them, halting after at most this many milliseconds. Takes an integer from 0 to 2147483647. Core key faultline.panic_shutdown_hooks_ms.
     */
    private String panicShutdownHooksMs;

    /**
     * The application's name: in the ring header, archive names, reports' JSON and ps; the default crash directory is per application, and a start recovers only its own application's rings. Takes a name of letters, digits, '.', '_' and '-', at most 48 (others become '_'). Core key faultline.app.
     */
    private String app;

    /**
     * Crash directory: this run's crash ring, rings of earlier runs, and archive/. Takes a directory path. Core key faultline.dir.
     */
    private String dir;

    /**
     * 0: no crash ring at all (no file, no recovery of earlier runs). Takes 1 or 0 (also true or false). Core key faultline.ring.
     */
    private String ring;

    /**
     * Size of the crash ring's data region. Takes a size in bytes with an optional k, m or g suffix, from 64k to 1g. Core key faultline.ring_size.
     */
    private String ringSize;

    /**
     * Force the crash ring to disk every this many ms; 0 = only on panic and clean shutdown. Takes an integer from 0 to 86400000. Core key faultline.ring_force_ms.
     */
    private String ringForceMs;

    /**
     * How many recovered runs to keep in DIR/archive. Takes an integer from 1 to 10000. Core key faultline.archive_keep.
     */
    private String archiveKeep;

    /**
     * How often the checker looks for Java-level deadlocks (monitor and java.util.concurrent lock cycles, as jstack finds them); 0 = never. Takes a duration: seconds (e.g. 10 or 2.5), or a number with ms or s (500ms); 0 = off. Core key faultline.deadlock_check.
     */
    private String deadlockCheck;

    /**
     * 1: a DEADLOCK report panics. Takes 1 or 0 (also true or false). Core key faultline.deadlock_panic.
     */
    private String deadlockPanic;

    /**
     * Report a thread blocked on a monitor, or parked on a lock another thread owns, for longer than this (kernel hung_task_timeout_secs); 0 = off. Takes a duration: seconds (e.g. 10 or 2.5), or a number with ms or s (500ms); 0 = off. Core key faultline.hung_task_timeout.
     */
    private String hungTaskTimeout;

    /**
     * How often the checker looks for hung tasks (kernel hung_task_check_interval_secs). Takes a duration as for hung_task_timeout; 0 = every hung_task_timeout. Core key faultline.hung_task_check_interval.
     */
    private String hungTaskCheckInterval;

    /**
     * HUNG reports left: each one counts it down, at 0 no more are made; -1 = no limit (kernel hung_task_warnings). Takes an integer from -1 to 2147483647. Core key faultline.hung_task_warnings.
     */
    private String hungTaskWarnings;

    /**
     * 1: a HUNG report panics (kernel hung_task_panic). Takes 1 or 0 (also true or false). Core key faultline.hung_task_panic.
     */
    private String hungTaskPanic;

    /**
     * 0: watchdogs made by Faultline.watchdog are not checked (kernel soft_watchdog). Takes 1 or 0 (also true or false). Core key faultline.soft_watchdog.
     */
    private String softWatchdog;

    /**
     * 1: a LOCKUP report panics (kernel softlockup_panic). Takes 1 or 0 (also true or false). Core key faultline.softlockup_panic.
     */
    private String softlockupPanic;

    /**
     * Report a STALL when the checker thread wakes this much later than it asked (jHiccup's measure). Takes a duration: seconds (e.g. 10 or 2.5), or a number with ms or s (500ms); 0 = off. Core key faultline.stall_threshold.
     */
    private String stallThreshold;

    /**
     * Seconds (or a number with ms or s) between the heartbeat records in the crash ring (heap, RSS, memory cgroup usage and limit, GC, threads, CPU), the evidence for why a run ended; 0 = off. Read at start. Core key faultline.heartbeat.
     */
    private String heartbeat;

    /** The Logback ring appender on the root logger. */
    private final Logback logback = new Logback();

    /** The health indicator {@code faultline} (opt-in). */
    private final Health health = new Health();

    /** The actuator endpoint {@code faultline}. */
    private final Endpoint endpoint = new Endpoint();

    /** Faultline's clean shutdown after Spring Boot's. */
    private final Shutdown shutdown = new Shutdown();

    public String getPanicOnWarn() {
        return panicOnWarn;
    }

    public void setPanicOnWarn(String panicOnWarn) {
        this.panicOnWarn = panicOnWarn;
    }

    public String getWarnLimit() {
        return warnLimit;
    }

    public void setWarnLimit(String warnLimit) {
        this.warnLimit = warnLimit;
    }

    public String getOopsLimit() {
        return oopsLimit;
    }

    public void setOopsLimit(String oopsLimit) {
        this.oopsLimit = oopsLimit;
    }

    public String getPanicTimeout() {
        return panicTimeout;
    }

    public void setPanicTimeout(String panicTimeout) {
        this.panicTimeout = panicTimeout;
    }

    public String getPanicExitCode() {
        return panicExitCode;
    }

    public void setPanicExitCode(String panicExitCode) {
        this.panicExitCode = panicExitCode;
    }

    public String getTestMode() {
        return testMode;
    }

    public void setTestMode(String testMode) {
        this.testMode = testMode;
    }

    public String getConsole() {
        return console;
    }

    public void setConsole(String console) {
        this.console = console;
    }

    public String getSystemLogger() {
        return systemLogger;
    }

    public void setSystemLogger(String systemLogger) {
        this.systemLogger = systemLogger;
    }

    public String getRatelimitBurst() {
        return ratelimitBurst;
    }

    public void setRatelimitBurst(String ratelimitBurst) {
        this.ratelimitBurst = ratelimitBurst;
    }

    public String getRatelimitIntervalMs() {
        return ratelimitIntervalMs;
    }

    public void setRatelimitIntervalMs(String ratelimitIntervalMs) {
        this.ratelimitIntervalMs = ratelimitIntervalMs;
    }

    public String getDebug() {
        return debug;
    }

    public void setDebug(String debug) {
        this.debug = debug;
    }

    public String getHostId() {
        return hostId;
    }

    public void setHostId(String hostId) {
        this.hostId = hostId;
    }

    public String getBootloopGuard() {
        return bootloopGuard;
    }

    public void setBootloopGuard(String bootloopGuard) {
        this.bootloopGuard = bootloopGuard;
    }

    public String getJmx() {
        return jmx;
    }

    public void setJmx(String jmx) {
        this.jmx = jmx;
    }

    public String getControl() {
        return control;
    }

    public void setControl(String control) {
        this.control = control;
    }

    public String getFuzzMode() {
        return fuzzMode;
    }

    public void setFuzzMode(String fuzzMode) {
        this.fuzzMode = fuzzMode;
    }

    public String getRedact() {
        return redact;
    }

    public void setRedact(String redact) {
        this.redact = redact;
    }

    public String getPanicOnOops() {
        return panicOnOops;
    }

    public void setPanicOnOops(String panicOnOops) {
        this.panicOnOops = panicOnOops;
    }

    public String getOopsHandler() {
        return oopsHandler;
    }

    public void setOopsHandler(String oopsHandler) {
        this.oopsHandler = oopsHandler;
    }

    public String getPanicOnOom() {
        return panicOnOom;
    }

    public void setPanicOnOom(String panicOnOom) {
        this.panicOnOom = panicOnOom;
    }

    public String getPanicDumps() {
        return panicDumps;
    }

    public void setPanicDumps(String panicDumps) {
        this.panicDumps = panicDumps;
    }

    public String getPanicDumpOrder() {
        return panicDumpOrder;
    }

    public void setPanicDumpOrder(String panicDumpOrder) {
        this.panicDumpOrder = panicDumpOrder;
    }

    public String getPanicDumpDir() {
        return panicDumpDir;
    }

    public void setPanicDumpDir(String panicDumpDir) {
        this.panicDumpDir = panicDumpDir;
    }

    public String getPanicShutdownHooksMs() {
        return panicShutdownHooksMs;
    }

    public void setPanicShutdownHooksMs(String panicShutdownHooksMs) {
        this.panicShutdownHooksMs = panicShutdownHooksMs;
    }

    public String getApp() {
        return app;
    }

    public void setApp(String app) {
        this.app = app;
    }

    public String getDir() {
        return dir;
    }

    public void setDir(String dir) {
        this.dir = dir;
    }

    public String getRing() {
        return ring;
    }

    public void setRing(String ring) {
        this.ring = ring;
    }

    public String getRingSize() {
        return ringSize;
    }

    public void setRingSize(String ringSize) {
        this.ringSize = ringSize;
    }

    public String getRingForceMs() {
        return ringForceMs;
    }

    public void setRingForceMs(String ringForceMs) {
        this.ringForceMs = ringForceMs;
    }

    public String getArchiveKeep() {
        return archiveKeep;
    }

    public void setArchiveKeep(String archiveKeep) {
        this.archiveKeep = archiveKeep;
    }

    public String getDeadlockCheck() {
        return deadlockCheck;
    }

    public void setDeadlockCheck(String deadlockCheck) {
        this.deadlockCheck = deadlockCheck;
    }

    public String getDeadlockPanic() {
        return deadlockPanic;
    }

    public void setDeadlockPanic(String deadlockPanic) {
        this.deadlockPanic = deadlockPanic;
    }

    public String getHungTaskTimeout() {
        return hungTaskTimeout;
    }

    public void setHungTaskTimeout(String hungTaskTimeout) {
        this.hungTaskTimeout = hungTaskTimeout;
    }

    public String getHungTaskCheckInterval() {
        return hungTaskCheckInterval;
    }

    public void setHungTaskCheckInterval(String hungTaskCheckInterval) {
        this.hungTaskCheckInterval = hungTaskCheckInterval;
    }

    public String getHungTaskWarnings() {
        return hungTaskWarnings;
    }

    public void setHungTaskWarnings(String hungTaskWarnings) {
        this.hungTaskWarnings = hungTaskWarnings;
    }

    public String getHungTaskPanic() {
        return hungTaskPanic;
    }

    public void setHungTaskPanic(String hungTaskPanic) {
        this.hungTaskPanic = hungTaskPanic;
    }

    public String getSoftWatchdog() {
        return softWatchdog;
    }

    public void setSoftWatchdog(String softWatchdog) {
        this.softWatchdog = softWatchdog;
    }

    public String getSoftlockupPanic() {
        return softlockupPanic;
    }

    public void setSoftlockupPanic(String softlockupPanic) {
        this.softlockupPanic = softlockupPanic;
    }

    public String getStallThreshold() {
        return stallThreshold;
    }

    public void setStallThreshold(String stallThreshold) {
        this.stallThreshold = stallThreshold;
    }

    public String getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(String heartbeat) {
        this.heartbeat = heartbeat;
    }

    public Logback getLogback() {
        return logback;
    }

    public Health getHealth() {
        return health;
    }

    public Endpoint getEndpoint() {
        return endpoint;
    }

    public Shutdown getShutdown() {
        return shutdown;
    }

    /**
     * The core keys that are set, by core name ({@code warn_limit}), in the order Faultline
     * declares them; unset keys are left out.
     */
    public Map<String, String> coreSettings() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("panic_on_warn", panicOnWarn);
        values.put("warn_limit", warnLimit);
        values.put("oops_limit", oopsLimit);
        values.put("panic_timeout", panicTimeout);
        values.put("panic_exit_code", panicExitCode);
        values.put("test_mode", testMode);
        values.put("console", console);
        values.put("system_logger", systemLogger);
        values.put("ratelimit_burst", ratelimitBurst);
        values.put("ratelimit_interval_ms", ratelimitIntervalMs);
        values.put("debug", debug);
        values.put("host_id", hostId);
        values.put("bootloop_guard", bootloopGuard);
        values.put("jmx", jmx);
        values.put("control", control);
        values.put("fuzz_mode", fuzzMode);
        values.put("redact", redact);
        values.put("panic_on_oops", panicOnOops);
        values.put("oops_handler", oopsHandler);
        values.put("panic_on_oom", panicOnOom);
        values.put("panic_dumps", panicDumps);
        values.put("panic_dump_order", panicDumpOrder);
        values.put("panic_dump_dir", panicDumpDir);
        values.put("panic_shutdown_hooks_ms", panicShutdownHooksMs);
        values.put("app", app);
        values.put("dir", dir);
        values.put("ring", ring);
        values.put("ring_size", ringSize);
        values.put("ring_force_ms", ringForceMs);
        values.put("archive_keep", archiveKeep);
        values.put("deadlock_check", deadlockCheck);
        values.put("deadlock_panic", deadlockPanic);
        values.put("hung_task_timeout", hungTaskTimeout);
        values.put("hung_task_check_interval", hungTaskCheckInterval);
        values.put("hung_task_warnings", hungTaskWarnings);
        values.put("hung_task_panic", hungTaskPanic);
        values.put("soft_watchdog", softWatchdog);
        values.put("softlockup_panic", softlockupPanic);
        values.put("stall_threshold", stallThreshold);
        values.put("heartbeat", heartbeat);
        values.values().removeIf(v -> v == null);
        return values;
    }

    /** The Logback ring appender. */
    public static class Logback {
        /**
         * Whether to attach Faultline's crash-ring appender to Logback's root logger (it also logs
         * every report under faultline.SITE and announces recovered crashed runs). Left alone when
         * the root logger already has one (from logback-spring.xml).
         */
        private boolean ringAppender = true;

        /** How many of each recovered crashed run's last ring records to replay at INFO (0 to 1000). */
        private int replayLines;

        public boolean isRingAppender() {
            return ringAppender;
        }

        public void setRingAppender(boolean ringAppender) {
            this.ringAppender = ringAppender;
        }

        public int getReplayLines() {
            return replayLines;
        }

        public void setReplayLines(int replayLines) {
            this.replayLines = replayLines;
        }
    }

    /** The health indicator. */
    public static class Health {
        /**
         * Whether to contribute the health indicator "faultline": DOWN once a thread died of an
         * uncaught exception (taint D), OUT_OF_SERVICE when warn_limit or oops_limit is within
         * limit-margin of panicking the process.
         */
        private boolean enabled;

        /** How many warnings (or oopses) before warn_limit (or oops_limit) turn the health OUT_OF_SERVICE. */
        private int limitMargin = 1;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getLimitMargin() {
            return limitMargin;
        }

        public void setLimitMargin(int limitMargin) {
            this.limitMargin = limitMargin;
        }
    }

    /** The actuator endpoint. */
    public static class Endpoint {
        /** How many sites the endpoint lists, those that fired most first. */
        private int topSites = 20;

        public int getTopSites() {
            return topSites;
        }

        public void setTopSites(int topSites) {
            this.topSites = topSites;
        }
    }

    /** The clean shutdown. */
    public static class Shutdown {
        /**
         * How long Faultline's own shutdown hook waits for Spring Boot's shutdown (closing the
         * contexts, then its shutdown handlers) before it marks the crash ring clean anyway.
         */
        private Duration maxWait = Duration.ofSeconds(30);

        public Duration getMaxWait() {
            return maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }
    }
}
