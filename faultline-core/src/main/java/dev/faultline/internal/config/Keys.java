package dev.faultline.internal.config;

/**
 * Every configuration key Faultline reads, declared in one place so that docs/operations/configuration.md, the
 * unknown-key check and the error messages agree. Integration modules declare theirs here too,
 * so a key they read is never reported as unknown by core.
 */
public final class Keys {
    private Keys() {}

    public static final ConfigKey PANIC_ON_WARN = Settings.declare("panic_on_warn", "0",
            "0 or 1", "1: every reported warning panics (kernel panic_on_warn)");
    public static final ConfigKey WARN_LIMIT = Settings.declare("warn_limit", "0",
            "an integer from 0 to 2147483647", "panic when the process has warned this many times; 0 = no limit");
    public static final ConfigKey OOPS_LIMIT = Settings.declare("oops_limit", "10000",
            "an integer from 0 to 2147483647", "panic when this many threads have died of uncaught exceptions; 0 = no limit");
    public static final ConfigKey PANIC_TIMEOUT = Settings.declare("panic_timeout", "-1",
            "an integer number of seconds", "after a panic: <0 halt at once, 0 park forever, >0 wait that long, then halt");
    public static final ConfigKey PANIC_EXIT_CODE = Settings.declare("panic_exit_code", "70",
            "an integer from 1 to 255", "exit status of a process halted by a panic");
    public static final ConfigKey TEST_MODE = Settings.declare("test_mode", "0",
            "0 or 1", "1: a panic throws dev.faultline.PanicError instead of halting the JVM");
    public static final ConfigKey CONSOLE = Settings.declare("console", "text",
            "one of text, json, off", "how reports are printed on stderr");
    public static final ConfigKey SYSTEM_LOGGER = Settings.declare("system_logger", "0",
            "0 or 1", "1: also send every report to System.Logger \"dev.faultline\" (reaches SLF4J/Log4j2 through their bridges)");
    public static final ConfigKey RATELIMIT_BURST = Settings.declare("ratelimit_burst", "10",
            "an integer from 0 to 2147483647", "reports per interval of a site declared with RateLimit.processDefault(), and of printRatelimited on sites declared without a limit (kernel default 10)");
    public static final ConfigKey RATELIMIT_INTERVAL_MS = Settings.declare("ratelimit_interval_ms", "5000",
            "an integer from 0 to 2147483647", "length of that rate-limit window in milliseconds; 0 = no limit (kernel default 5000)");
    public static final ConfigKey DEBUG = Settings.declare("debug", "",
            "a spec such as mm=panic,net=warn,*=off", "debug domain modes: DOMAIN=MODE entries (off, warn, once, panic), comma-separated; * sets the default");
    public static final ConfigKey HOST_ID = Settings.declare("host_id", "",
            "a host name, pod or node name (any text)", "this host's identity for fleet sampling (DOMAIN=MODE@P%); empty = the HOSTNAME variable, then /etc/hostname");
    public static final ConfigKey BOOTLOOP_GUARD = Settings.declare("bootloop_guard", "3/60s",
            "N/Ts (runs/seconds, e.g. 3/60s) or 0", "demote a debug domain from panic to warn when the last N runs each panicked on its check within T seconds of start; 0 = off");
    public static final ConfigKey JMX = Settings.declare("jmx", "1",
            "0 or 1", "1: register the MBean dev.faultline:type=Faultline on the platform MBean server");
    public static final ConfigKey CONTROL = Settings.declare("control", "1",
            "0 or 1", "1: open the control socket /tmp/.faultline-<pid>-<start> (Unix-domain, this user and root only) that faultline ps, status, sysctl and debug talk to");

    public static final ConfigKey FUZZ_MODE = Settings.declare("fuzz_mode", "auto",
            "one of 0, 1, auto", "fuzzing mode = test_mode + panic_on_warn, so a warning throws PanicError at its call site;"
            + " 1: on for the whole process from start-up; auto: on while a Jazzer @FuzzTest runs under the JUnit extension;"
            + " 0: never");
    public static final ConfigKey REDACT = Settings.declare("redact", "password,secret,token,key,credential",
            "a comma-separated list of names (letters, digits, '_', '-', '.')",
            "dumps show a field, or a map entry with a string key, as <redacted> when its name contains one of these (case-insensitive)");

    public static final ConfigKey PANIC_ON_OOPS = Settings.declare("panic_on_oops", "0",
            "0 or 1", "1: a thread dying of an uncaught exception (an oops) panics (kernel panic_on_oops)");
    public static final ConfigKey OOPS_HANDLER = Settings.declare("oops_handler", "0",
            "0 or 1", "1: install a default uncaught-exception handler that reports a dying thread as an oops, then calls the handler it replaced");
    public static final ConfigKey PANIC_ON_OOM = Settings.declare("panic_on_oom", "0",
            "0 or 1", "1: a thread dying of OutOfMemoryError panics (installs the oops handler)");
    public static final ConfigKey PANIC_DUMPS = Settings.declare("panic_dumps", "threads,jfr",
            "a comma-separated list of threads, jfr, heap; or none", "built-in dumpers run after a panic: all-thread stacks, running JFR recordings, a heap dump");
    public static final ConfigKey PANIC_DUMP_ORDER = Settings.declare("panic_dump_order", "",
            "a comma-separated list of dumper names", "dumpers named here run first, in this order; the others follow, light before heavy");
    public static final ConfigKey PANIC_DUMP_DIR = Settings.declare("panic_dump_dir", "",
            "a directory that is not a symbolic link", "where JFR and heap dumps are written (owner-only files); empty = the crash directory (faultline.dir)");
    public static final ConfigKey PANIC_SHUTDOWN_HOOKS_MS = Settings.declare("panic_shutdown_hooks_ms", "0",
            "an integer from 0 to 2147483647", "after a panic: 0 halt without running shutdown hooks; >0 run them, halting after at most this many milliseconds");

    public static final ConfigKey APP = Settings.declare("app", "the main class, or the -jar file's name",
            "a name of letters, digits, '.', '_' and '-', at most 48 (others become '_')",
            "the application's name: in the ring header, archive names, reports' JSON and ps; the default crash directory is per application, and a start recovers only its own application's rings");
    public static final ConfigKey DIR = Settings.declare("dir", "${java.io.tmpdir}/faultline-${user.name}/${faultline.app}",
            "a directory path", "crash directory: this run's crash ring, rings of earlier runs, and archive/");
    public static final ConfigKey RING = Settings.declare("ring", "1",
            "0 or 1", "0: no crash ring at all (no file, no recovery of earlier runs)");
    public static final ConfigKey RING_SIZE = Settings.declare("ring_size", "1m",
            "a size in bytes with an optional k, m or g suffix, from 64k to 1g", "size of the crash ring's data region");
    public static final ConfigKey RING_FORCE_MS = Settings.declare("ring_force_ms", "0",
            "an integer from 0 to 86400000", "force the crash ring to disk every this many ms; 0 = only on panic and clean shutdown");
    public static final ConfigKey ARCHIVE_KEEP = Settings.declare("archive_keep", "10",
            "an integer from 1 to 10000", "how many recovered runs to keep in <dir>/archive");
    public static final ConfigKey HEARTBEAT = Settings.declare("heartbeat", "10",
            "a duration: seconds (e.g. 10 or 2.5), or a number with ms or s (500ms), at most a day; 0 = off",
            "write a heartbeat (heap, RSS, memory cgroup usage and limit, GC, threads, CPU) into the crash ring at"
            + " start and this often, for the next start to tell why the run ended");

    // Hangs: the checker thread's detectors (internal.hang). Durations are seconds, as the
    // kernel's *_secs keys, or a number with ms or s.
    private static final String DURATION = "a duration: seconds (e.g. 10 or 2.5), or a number with ms or s (500ms);"
            + " 0 = off";
    public static final ConfigKey DEADLOCK_CHECK = Settings.declare("deadlock_check", "10", DURATION,
            "how often the checker looks for Java-level deadlocks (monitor and java.util.concurrent lock cycles, as"
            + " jstack finds them); 0 = never");
    public static final ConfigKey DEADLOCK_PANIC = Settings.declare("deadlock_panic", "0",
            "0 or 1", "1: a DEADLOCK report panics");
    public static final ConfigKey HUNG_TASK_TIMEOUT = Settings.declare("hung_task_timeout", "120", DURATION,
            "report a thread blocked on a monitor, or parked on a lock another thread owns, for longer than this"
            + " (kernel hung_task_timeout_secs); 0 = off");
    public static final ConfigKey HUNG_TASK_CHECK_INTERVAL = Settings.declare("hung_task_check_interval", "10",
            "a duration as for hung_task_timeout; 0 = every hung_task_timeout",
            "how often the checker looks for hung tasks (kernel hung_task_check_interval_secs)");
    public static final ConfigKey HUNG_TASK_WARNINGS = Settings.declare("hung_task_warnings", "10",
            "an integer from -1 to 2147483647", "HUNG reports left: each one counts it down, at 0 no more are made;"
            + " -1 = no limit (kernel hung_task_warnings)");
    public static final ConfigKey HUNG_TASK_PANIC = Settings.declare("hung_task_panic", "0",
            "0 or 1", "1: a HUNG report panics (kernel hung_task_panic)");
    public static final ConfigKey SOFT_WATCHDOG = Settings.declare("soft_watchdog", "1",
            "0 or 1", "0: watchdogs made by Faultline.watchdog are not checked (kernel soft_watchdog)");
    public static final ConfigKey SOFTLOCKUP_PANIC = Settings.declare("softlockup_panic", "0",
            "0 or 1", "1: a LOCKUP report panics (kernel softlockup_panic)");
    public static final ConfigKey STALL_THRESHOLD = Settings.declare("stall_threshold", "5", DURATION,
            "report a STALL when the checker thread wakes this much later than it asked (jHiccup's measure)");

    /** Forces the declarations above to run. */
    public static void load() {
        // Class initialisation does the work.
    }
}
