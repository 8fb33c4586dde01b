/**
 * The panic path: ownership and the hand-off to the panic thread, the sequence of steps, the
 * dumpers (time-boxed), the oops handler, the exit action, and what a fired check escalates to
 * ({@link dev.faultline.internal.panic.Escalation}). Not API.
 *
 * <p>May use: {@code dev.faultline}, {@code dev.faultline.internal.clock},
 * {@code dev.faultline.internal.config}, {@code dev.faultline.internal.console},
 * {@code dev.faultline.internal.files}, {@code dev.faultline.internal.ring},
 * {@code dev.faultline.internal.runtime}, {@code dev.faultline.internal.text},
 * {@code dev.faultline.internal.threads}, {@code dev.faultline.panic}, {@code dev.faultline.report}
 * (from the API package only the value and SPI types the layering test names: Registration,
 * DebugMode, PanicError, Watchdog).
 */
package dev.faultline.internal.panic;
