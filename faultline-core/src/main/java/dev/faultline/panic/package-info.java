/**
 * The panic path's API: dumpers and notifiers ({@link dev.faultline.panic.Panics}), the reasons
 * a dump runs for, and what a dumper is told ({@link dev.faultline.panic.DumpContext}).
 *
 * <p>May use: {@code dev.faultline}, {@code dev.faultline.internal.panic},
 * {@code dev.faultline.report}.
 */
package dev.faultline.panic;
