/**
 * The console: Faultline's lines on standard error (or a redirected stream), with a raw
 * fallback that never throws. A leaf: uses nothing of Faultline.
 *
 * <p>May use: nothing of Faultline.
 */
package dev.faultline.internal.console;
