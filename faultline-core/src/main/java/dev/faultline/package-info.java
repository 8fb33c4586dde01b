/**
 * Faultline's API facade: check sites ({@link dev.faultline.Site}, the static convenience form in
 * {@link dev.faultline.Faultline}), debug domains ({@link dev.faultline.DebugDomain}), the
 * operator's {@link dev.faultline.Policy}, rate limits, watchdogs, and the counting state of a
 * site ({@code SiteState}). The report vocabulary it speaks is in {@code dev.faultline.report}.
 *
 * <p>May use: every package of core. Used by: users and integrations; never by the
 * implementation ({@code dev.faultline.internal}), which reads the run-time state from its own
 * holders, except for the value types named in the layering test.
 */
package dev.faultline;
