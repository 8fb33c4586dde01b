/**
 * Snapshot dumps of objects other threads may be mutating ({@code dump_page()} for the JVM):
 * copy, re-read and compare, mark a dump "not faithful" when it never settles, redact
 * sensitive fields, never throw. Public: {@link dev.faultline.dump.Snapshots},
 * {@link dev.faultline.dump.Snapshot}, {@link dev.faultline.dump.Snapshottable},
 * {@link dev.faultline.dump.Sensitive}; the rest is package-private.
 *
 * <p>May use: {@code dev.faultline.internal.config}, {@code dev.faultline.internal.runtime},
 * {@code dev.faultline.internal.text}, {@code dev.faultline.internal.threads}.
 */
package dev.faultline.dump;
