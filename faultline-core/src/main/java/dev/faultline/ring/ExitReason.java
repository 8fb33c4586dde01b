package dev.faultline.ring;

import java.util.Locale;

/**
 * Why a run ended, as the next start (or {@code faultline runs}) decides it from the run's crash
 * ring and what the host still shows. A closed set, in the order the evidence is weighed: a
 * stronger piece of evidence names the run even when weaker ones are present too (a run that
 * panicked and was then killed during its panic is {@link #PANIC}).
 *
 * <p>The names ({@link #label()}) are the ones printed and exported: {@code clean},
 * {@code panic}, {@code signal}, {@code jvm_crash}, {@code java_oom}, {@code oom_killed},
 * {@code host_down}, {@code killed}, {@code unknown}.
 */
public enum ExitReason {
    /** Every shutdown hook finished and no signal was recorded: {@code System.exit}, or the last thread ended. */
    CLEAN,
    /** A Faultline panic: a BUG, {@code panic_on_warn}, {@code warn_limit}, {@code oops_limit}; named after the panic's own report. */
    PANIC,
    /** SIGTERM, SIGINT or SIGHUP arrived; the evidence says whether the shutdown hooks then finished or the run was killed during them. */
    SIGNAL,
    /** A HotSpot fatal error: its {@code hs_err_pid<pid>.log} was found, matched to the run and archived with it. */
    JVM_CRASH,
    /** An {@code OutOfMemoryError} shortly before the end ({@code -XX:+ExitOnOutOfMemoryError}, {@code CrashOnOutOfMemoryError}, a heap full after GC). */
    JAVA_OOM,
    /** The kernel's OOM killer: the run's memory cgroup counted an OOM kill after the run started, or its last heartbeat was at the limit. */
    OOM_KILLED,
    /** The host rebooted or died: its boot id changed since the run started. */
    HOST_DOWN,
    /** Ended with no shutdown and no other evidence: SIGKILL or {@code Runtime.halt}. */
    KILLED,
    /** Not even that can be told (the ring names no run, or its header is damaged). */
    UNKNOWN;

    /** The lower-case name printed and exported ({@code jvm_crash}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason whose {@link #label()} (or name) is {@code text}, ignoring case; {@link #UNKNOWN} for anything else. */
    public static ExitReason of(String text) {
        if (text != null) {
            for (ExitReason r : values()) {
                if (r.name().equalsIgnoreCase(text.trim())) {
                    return r;
                }
            }
        }
        return UNKNOWN;
    }
}
