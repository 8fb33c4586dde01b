package dev.faultline.jmx;

/**
 * The management interface of {@code dev.faultline:type=Faultline}: the sysctl analog. Every
 * setter changes the running process at once and records one change line, in the crash ring
 * and on the console, naming who asked: {@code (via jmx from 127.0.0.1 as monitorRole)} for a
 * client of an RMI connector (the address it connected from, and the principals the connector
 * authenticated, or {@code , unauthenticated}), {@code (via jmx)} for a call made inside the
 * process, and the origin an instance was made with for {@link FaultlineJmx#control(ChangeOrigin)}.
 * Relaxing a safety setting (panic_on_warn off, a limit raised or removed, a debug domain taken
 * out of {@code panic}) taints the process {@code R}. Bad values are refused with an
 * {@link IllegalArgumentException} that names the value; the process is not touched.
 */
public interface FaultlineMBean {
    /** {@code faultline.panic_on_warn}: every reported warning panics. */
    boolean isPanicOnWarn();

    void setPanicOnWarn(boolean on);

    /** {@code faultline.warn_limit}: panic after this many warnings; 0 = no limit. */
    int getWarnLimit();

    void setWarnLimit(int limit);

    /** {@code faultline.oops_limit}: panic after this many oopses; 0 = no limit. */
    int getOopsLimit();

    void setOopsLimit(int limit);

    /** {@code faultline.panic_timeout}: seconds; &lt;0 halt at once, 0 park forever, &gt;0 wait, then halt. */
    int getPanicTimeout();

    void setPanicTimeout(int seconds);

    /** Warnings reported so far. */
    long getWarnCount();

    /** Threads that died of uncaught exceptions so far. */
    long getOopsCount();

    /** The taint line: {@code Not tainted} or {@code Tainted: W (...)}. */
    String getTaint();

    /** Every debug domain's effective mode and where it comes from, {@code *} first. */
    String[] getDebugDomains();

    /** Names that have a mode set but no registered domain (typos, or code not loaded yet). */
    String[] getUnregisteredDebugDomains();

    /** The effective mode of a domain (or {@code *}): {@code off}, {@code warn}, {@code once} or {@code panic}. */
    String debugMode(String domain);

    /**
     * Sets a domain's (or {@code *}'s) mode: {@code off}, {@code warn}, {@code once},
     * {@code panic}, or {@code inherit} to remove its own setting. Returns the change line, or
     * {@code unchanged}.
     */
    String setDebugMode(String domain, String mode);

    /**
     * Applies a spec in the {@code faultline.debug} grammar; returns one line per malformed
     * entry (those change nothing; the others apply), or nothing.
     */
    String[] applyDebugSpec(String spec);

    /** Kernel {@code clear_warn_once}: every once-site may report once more. */
    void clearWarnOnce();

    /** The application's name ({@code faultline.app}). */
    String getApp();

    /** This run's random id (with the pid it names the run even where every JVM is pid 1). */
    String getRunId();

    /** This process's pid, or -1 when the platform does not tell. */
    long getPid();

    /** The crash ring's file, absolute; empty when the ring is off or kept in memory only. */
    String getRingPath();

    /**
     * Every declared site's counters, in declaration order (at most 16,384), as open data with
     * the items {@code site}, {@code declaringClass} (strings), {@code fired}, {@code reported},
     * {@code suppressed} (longs), {@code firstFired} and {@code lastFired} (ISO-8601 instants,
     * empty when the site never fired). Counters of different sites are read one after another.
     */
    javax.management.openmbean.CompositeData[] getSites();

    /**
     * Faultline's hang checker in figures: one line each for the deadlock scans, the hung-task
     * scans and the stall and watchdog checks (period, runs, wall time per run: mean, last,
     * max), then the checker thread's wake-ups per second and the lateness its clock left out.
     */
    String[] getHangChecker();

    /** {@code faultline.KEY = VALUE} for every key that can be changed at run time. */
    String[] getSysctl();

    /** {@code faultline.KEY: reason} for every key that is read at start-up only. */
    String[] getBootOnlyKeys();

    /**
     * The current value of a run-time key ({@code faultline.KEY} or {@code KEY}).
     *
     * @throws IllegalArgumentException for an unknown or start-up-only key (the message says which and why)
     */
    String sysctl(String key);

    /**
     * Sets a run-time key ({@code faultline.KEY} or {@code KEY}) in the {@code faultline.*}
     * syntax ({@code 1/0}, integers, {@code text/json/off}, a debug spec for {@code debug}),
     * through the same setters as code; the process records the change line naming who asked,
     * and relaxing a safety setting taints it {@code R}. Returns that change line, or
     * {@code faultline.KEY = VALUE (unchanged)}.
     *
     * @throws IllegalArgumentException naming the key and value: unknown key, start-up-only key
     *         (with the reason), or a value the key does not take; nothing changes then (for
     *         {@code debug}, the well-formed entries of the spec do apply)
     */
    String setSysctl(String key, String value);
}
