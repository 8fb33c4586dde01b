/**
 * JFR events: a {@code dev.faultline.Report} event per emitted report and a periodic
 * {@code dev.faultline.Statistics} event, so recordings show warnings on the same timeline as GC
 * and locks. Only {@link dev.faultline.internal.jfr.JfrReports} may be touched without
 * {@code jdk.jfr}: it loads the event classes only when the module is there.
 *
 * <p>May use: {@code dev.faultline.internal.runtime}, {@code dev.faultline.internal.text},
 * {@code dev.faultline.report}, {@code dev.faultline.ring}.
 */
package dev.faultline.internal.jfr;
