/**
 * The machinery behind {@link dev.faultline.DebugDomain}: the {@code faultline.debug} spec
 * parser, the table of domains and their modes, and the per-domain switch. Not API: use
 * {@link dev.faultline.Faultline#domain} and {@link dev.faultline.Faultline#debugDomains()}.
 *
 * <p>May use: {@code dev.faultline}, {@code dev.faultline.internal.config},
 * {@code dev.faultline.internal.console}, {@code dev.faultline.internal.ring},
 * {@code dev.faultline.internal.runtime}, {@code dev.faultline.internal.text},
 * {@code dev.faultline.report} (from the API package only the value and SPI types the layering test
 * names: Registration, DebugMode, PanicError, Watchdog).
 */
package dev.faultline.internal.domain;
