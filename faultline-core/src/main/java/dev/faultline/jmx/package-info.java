/**
 * Run-time control over JMX: the MBean {@code dev.faultline:type=Faultline}
 * ({@link dev.faultline.jmx.FaultlineMBean}) and its registration
 * ({@link dev.faultline.jmx.FaultlineJmx}). Everything else here is not API.
 */
package dev.faultline.jmx;
