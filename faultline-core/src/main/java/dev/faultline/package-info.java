/**
 * Faultline's API: check sites ({@link dev.faultline.Site}, the static convenience form in
 * {@link dev.faultline.Faultline}), debug domains ({@link dev.faultline.DebugDomain}), the
 * operator's {@link dev.faultline.Policy}, rate limits, taint, and the immutable
 * {@link dev.faultline.Report} with its text and JSON rendering (package-private
 * {@code ReportText}, {@code ReportJson}) and the counting state of a site
 * ({@code SiteState}).
 *
 * <p>May use: every package of core. Used by: everyone; its value types ({@code Report},
 * {@code ReportKind}, {@code Taint}, {@code Policy}, {@code DebugMode}) are the vocabulary of
 * the whole library.
 */
package dev.faultline;
