/**
 * Faultline's API facade: check sites ({@link dev.faultline.Site}, the static convenience form in
 * {@link dev.faultline.Faultline}), debug domains ({@link dev.faultline.DebugDomain}), the
 * operator's {@link dev.faultline.Policy}, rate limits, watchdogs, and the counting state of a
 * site ({@code SiteState}). The report vocabulary it speaks is in {@code dev.faultline.report}.
 *
 * <p>May use: {@code dev.faultline.dump}, {@code dev.faultline.internal.boot},
 * {@code dev.faultline.internal.clock}, {@code dev.faultline.internal.config},
 * {@code dev.faultline.internal.console}, {@code dev.faultline.internal.domain},
 * {@code dev.faultline.internal.hang}, {@code dev.faultline.internal.jmx},
 * {@code dev.faultline.internal.panic}, {@code dev.faultline.internal.ratelimit},
 * {@code dev.faultline.internal.ring}, {@code dev.faultline.internal.runtime},
 * {@code dev.faultline.internal.text}, {@code dev.faultline.report}, {@code dev.faultline.ring}.
 * Used by: users and integrations; never by the
 * implementation ({@code dev.faultline.internal}), which reads the run-time state from its own
 * holders, except for the value types named in the layering test.
 */
package dev.faultline;
