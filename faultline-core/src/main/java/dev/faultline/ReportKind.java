package dev.faultline;

/** What kind of event a {@link Report} describes; the name starts the report's first line. */
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
     * taint, no warn count, never a panic.
     */
    NOTICE
}
