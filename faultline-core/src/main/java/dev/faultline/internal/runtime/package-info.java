/**
 * The process-wide runtime: sequence numbers, counters, taint, listeners and sinks, building
 * and emitting reports, the gate a panic closes on reporting threads, the dump guard, stack
 * capture, call-site tables and clean shutdown. Not API.
 *
 * <p>May use: the API value types and the leaf packages (clock, config, console, text). Used
 * by: the API package and every subsystem (panic, ring, domain, dump).
 */
package dev.faultline.internal.runtime;
