package dev.faultline.dump;

/**
 * Opt-in: a type that knows how to copy its own state for a dump. This is the fast, exact path:
 * the dump calls {@link #snapshot()} once and formats the returned value instead of reading the
 * object's fields itself.
 *
 * <pre>{@code
 * final class Account implements Snapshottable {
 *     private long balance;
 *     private long reserved;
 *     record State(long balance, long reserved) {}
 *
 *     public synchronized void move(long amount) { ... }
 *
 *     @Override
 *     public State snapshot() {          // one consistent copy, no lock held by the dump
 *         return new State(balance, reserved);
 *     }
 * }
 * }</pre>
 *
 * <p><b>Contract.</b> {@code snapshot()} runs on the thread that is dumping, possibly while a
 * check is firing or a panic is in progress, so it must return quickly and must not wait for a
 * lock another thread may hold. Return an immutable value — ideally a record of primitives,
 * strings and other immutable values: a record's fields are read once and are exact by
 * construction. A returned mutable object is still copied and re-read like any other object.
 *
 * <p><b>Under failure.</b> If {@code snapshot()} throws (any exception or error), the dump says
 * {@code snapshot() threw X} and falls back to reading the object's fields by reflection.
 * Returning {@code null} shows {@code null}. Returning the object itself, or another
 * {@code Snapshottable}, is formatted by reflection without calling {@code snapshot()} again.
 * A check fired inside {@code snapshot()} is counted ({@link Snapshots#suppressedChecks()})
 * and suppressed.
 */
@FunctionalInterface
public interface Snapshottable {
    /** An immutable copy of this object's state, built without blocking. */
    Object snapshot();
}
