/**
 * The panic path: ownership and the hand-off to the panic thread, the sequence of steps, the
 * dumpers (time-boxed), the oops handler, the exit action, and what a fired check escalates to
 * ({@link dev.faultline.internal.panic.Escalation}). Not API.
 *
 * <p>May use: the runtime, the crash ring's implementation (for the crash directory), the
 * leaf packages, and the API types of {@code dev.faultline} and {@code dev.faultline.panic}.
 */
package dev.faultline.internal.panic;
