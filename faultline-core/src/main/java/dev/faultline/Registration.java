package dev.faultline;

/** Handle returned by a registration; {@link #close()} undoes it and never throws. */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    /** Removes the registration. Idempotent. */
    @Override
    void close();
}
