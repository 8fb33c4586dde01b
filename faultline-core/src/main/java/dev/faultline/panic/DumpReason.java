package dev.faultline.panic;

/**
 * Why dumpers are being run, after the kernel's {@code kmsg_dump_reason}. The order matters:
 * a dumper registered with a maximum reason receives every reason up to and including it, so
 * {@code OOPS} gets panics and oopses, {@code SHUTDOWN} gets everything.
 */
public enum DumpReason {
    /** The process panicked and is about to halt (or park, per {@code panic_timeout}). */
    PANIC,
    /** A thread died of an uncaught exception; the process goes on. */
    OOPS,
    /** {@link Panics#emergencyRestart(String)}: the application halts the process on purpose. */
    EMERG,
    /** A clean JVM shutdown (shutdown hooks are running). */
    SHUTDOWN;

    /** True when a dumper registered with {@code maxReason} wants a dump for this reason. */
    public boolean wantedBy(DumpReason maxReason) {
        return maxReason != null && ordinal() <= maxReason.ordinal();
    }
}
