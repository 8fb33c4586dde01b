/**
 * Start-up: {@link dev.faultline.internal.boot.Boot} is the one class that connects the
 * subsystems, in the order it states (settings, policy, crash ring, panic path, debug
 * domains, JMX). Not API.
 *
 * <p>May use: every package. Used by: the API package only (to trigger the boot).
 */
package dev.faultline.internal.boot;
