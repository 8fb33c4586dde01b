/**
 * The panic path's API: dumpers and notifiers ({@link dev.faultline.panic.Panics}), the reasons
 * a dump runs for, and what a dumper is told ({@link dev.faultline.panic.DumpContext}).
 *
 * <p>May use: the API package and its own implementation, {@code dev.faultline.internal.panic}
 * (a facade over it).
 */
package dev.faultline.panic;
