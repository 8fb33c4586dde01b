package dev.faultline.report;

/**
 * What kind of event a {@link Report} describes; the name starts the report's first line. The
 * crash ring stores a report's kind by its position here, so new kinds are only ever added at
 * the end.
 */
public enum ReportKind {
    /** A {@code warnOn}/{@code warnOnce} that fired: the code goes on. */
    WARNING,
    /** A {@code bugOn} that fired: a panic follows. */
    BUG,
    /** A panic raised by policy (panic_on_warn, warn_limit) or by the application. */
    PANIC,
    /** A thread died of an uncaught exception; the process goes on unless policy says otherwise. */
    OOPS,
    /**
     * A plain rate-limited message ({@code Site.printRatelimited}, the kernel's
     * {@code pr_warn_ratelimited}), or a flush of a site's suppressed count: no stack, no
     * taint, no warn count, never a panic. Also the all-clear of a {@link #LOCKUP}: the loop
     * made progress again ("stuck for 7.2 s").
     */
    NOTICE,
    /**
     * A Java-level deadlock: a cycle of threads each waiting for a monitor or a
     * {@code java.util.concurrent} lock that the next one holds (lockdep's "possible circular
     * locking dependency", jstack's "Found one Java-level deadlock"). Reported once per cycle,
     * with every thread of the cycle, its lock and its stack in the dump.
     */
    DEADLOCK,
    /**
     * A hung task: a thread blocked on a monitor, or parked on a lock that another thread owns,
     * for longer than {@code faultline.hung_task_timeout} (kernel {@code hung_task}); its stack
     * and the lock owner's stack.
     */
    HUNG,
    /**
     * A soft lockup: a loop watched by {@code Faultline.watchdog(name, timeout)} stopped
     * touching its watchdog for longer than its timeout while running or blocked (kernel
     * soft-lockup watchdog); the thread's stack at that moment.
     */
    LOCKUP,
    /**
     * A stall of the whole JVM: Faultline's checker thread woke later than it asked by more
     * than {@code faultline.stall_threshold} (jHiccup's measure), with the GC and safepoint
     * figures of that time. No stack: no thread is to blame.
     */
    STALL;

    /**
     * The log level a report of this kind is logged at, the one mapping every bridge uses
     * (System.Logger, SLF4J, Log4j2, OpenTelemetry's severity): {@code WARNING} for
     * {@link #WARNING} and {@link #STALL} (the code goes on; a stall blames no thread),
     * {@code INFO} for {@link #NOTICE} (the kernel's notice sits below warning: a rate-limited
     * message, a suppressed count, an all-clear; it never taints, counts or panics), and
     * {@code ERROR} for every other kind (a BUG, a panic, an oops, a deadlock, a hung task, a
     * soft lockup). Bridges whose levels go higher (OpenTelemetry's {@code FATAL}) may say
     * more for {@link #isFatal() fatal} kinds.
     */
    public System.Logger.Level level() {
        switch (this) {
            case WARNING:
            case STALL:
                return System.Logger.Level.WARNING;
            case NOTICE:
                return System.Logger.Level.INFO;
            default:
                return System.Logger.Level.ERROR;
        }
    }

    /** True for the kinds that end the process's normal life: {@link #BUG} and {@link #PANIC}. */
    public boolean isFatal() {
        return this == BUG || this == PANIC;
    }

    /** The kind named {@code name} ({@code WARNING}, ...), or null for a name this version does not know. */
    public static ReportKind named(String name) {
        for (ReportKind k : values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }
}
