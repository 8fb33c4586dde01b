/**
 * The report vocabulary and its whole codec, the ground floor of Faultline: the immutable
 * {@link dev.faultline.report.Report} with its {@link dev.faultline.report.ReportKind kind},
 * {@link dev.faultline.report.Taint taint} and {@link dev.faultline.report.Signature signature},
 * the exception that carries a report's stack into a logger
 * ({@link dev.faultline.report.ReportTrace}), what a listener is given
 * ({@link dev.faultline.report.ReportListener}, {@link dev.faultline.report.MissedReports}), a
 * site's counters ({@link dev.faultline.report.SiteStats}), and the text and JSON writers and
 * reader behind them (package-private {@code ReportText}, {@code ReportJson},
 * {@code ReportSchema}, {@code FlatJson}, {@code StackFrames}). Integrations speak these words
 * instead of keeping their own.
 *
 * <p>May use: {@code dev.faultline.internal.signature}, {@code dev.faultline.internal.text}.
 * Used by: everyone.
 */
package dev.faultline.report;
