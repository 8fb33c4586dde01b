package dev.faultline.internal;

/**
 * Every configuration key Faultline reads, declared in one place so that the README, the
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

    public static final ConfigKey DIR = Settings.declare("dir", "${java.io.tmpdir}/faultline-${user.name}",
            "a directory path", "crash directory: this run's crash ring, rings of earlier runs, and archive/");
    public static final ConfigKey RING = Settings.declare("ring", "1",
            "0 or 1", "0: no crash ring at all (no file, no recovery of earlier runs)");
    public static final ConfigKey RING_SIZE = Settings.declare("ring_size", "1m",
            "a size in bytes with an optional k, m or g suffix, from 64k to 1g", "size of the crash ring's data region");
    public static final ConfigKey RING_FORCE_MS = Settings.declare("ring_force_ms", "0",
            "an integer from 0 to 86400000", "force the crash ring to disk every this many ms; 0 = only on panic and clean shutdown");
    public static final ConfigKey ARCHIVE_KEEP = Settings.declare("archive_keep", "10",
            "an integer from 1 to 10000", "how many recovered runs to keep in <dir>/archive");

    /** Forces the declarations above to run. */
    public static void load() {
        // Class initialisation does the work.
    }
}
