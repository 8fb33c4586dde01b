/**
 * The process-wide runtime: sequence numbers, counters, taint, listeners and sinks, building
 * and emitting reports, the gate a panic closes on reporting threads, the dump guard, stack
 * capture, call-site tables and clean shutdown. Not API.
 *
 * <p>May use: {@code dev.faultline}, {@code dev.faultline.internal.clock},
 * {@code dev.faultline.internal.config}, {@code dev.faultline.internal.console},
 * {@code dev.faultline.internal.text}, {@code dev.faultline.internal.threads},
 * {@code dev.faultline.report}, {@code dev.faultline.ring} (from the API package only the value and SPI types the layering test
 * names: Registration, DebugMode, PanicError, Watchdog).
 * Used by: the API package and every subsystem (panic, ring, domain, dump).
 */
package dev.faultline.internal.runtime;
