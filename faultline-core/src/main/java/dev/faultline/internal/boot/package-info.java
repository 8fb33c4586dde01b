/**
 * Start-up: {@link dev.faultline.internal.boot.Boot} is the one class that connects the
 * subsystems, in the order it states (settings, policy, crash ring, panic path, debug
 * domains, JMX). Not API.
 *
 * <p>May use: {@code dev.faultline.internal.config}, {@code dev.faultline.internal.console},
 * {@code dev.faultline.internal.domain}, {@code dev.faultline.internal.exit},
 * {@code dev.faultline.internal.hang}, {@code dev.faultline.internal.jfr},
 * {@code dev.faultline.internal.jmx}, {@code dev.faultline.internal.panic},
 * {@code dev.faultline.internal.ring}, {@code dev.faultline.internal.runtime},
 * {@code dev.faultline.internal.text}, {@code dev.faultline.report},
 * {@code dev.faultline.ring}.
 * Used by: the API package only (to trigger the boot).
 */
package dev.faultline.internal.boot;
