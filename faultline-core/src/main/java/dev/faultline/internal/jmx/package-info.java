/**
 * Run-time control from outside: the MBean {@code dev.faultline:type=Faultline} (its
 * implementation over the public API and its registration on the platform MBean server, off the
 * calling thread), and the local control socket the {@code faultline} command talks to, which
 * answers through the same implementation. Not API.
 *
 * <p>May use: {@code dev.faultline}, {@code dev.faultline.internal.config},
 * {@code dev.faultline.internal.console}, {@code dev.faultline.internal.domain},
 * {@code dev.faultline.internal.hang}, {@code dev.faultline.internal.ring},
 * {@code dev.faultline.internal.runtime}, {@code dev.faultline.internal.text},
 * {@code dev.faultline.internal.threads}, {@code dev.faultline.jmx}, {@code dev.faultline.report},
 * {@code dev.faultline.ring} (from the API package only the value and SPI types the layering test
 * names: Registration, DebugMode, PanicError, Watchdog).
 */
package dev.faultline.internal.jmx;
