/**
 * Run-time control over JMX: the management interface of {@code dev.faultline:type=Faultline}
 * ({@link dev.faultline.jmx.FaultlineMBean}), for JMX clients. Its implementation and
 * registration live in {@code dev.faultline.internal.jmx}.
 *
 * <p>May use: {@code dev.faultline.internal.jmx}.
 */
package dev.faultline.jmx;
