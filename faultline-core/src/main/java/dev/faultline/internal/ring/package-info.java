/**
 * The crash ring's writer side: the lock-free writer and its in-flight slots, opening this
 * run's ring, and recovering and archiving the rings of earlier runs. Not API; the format and
 * the readers are in {@code dev.faultline.ring}.
 *
 * <p>May use: {@code dev.faultline.internal.config}, {@code dev.faultline.internal.console},
 * {@code dev.faultline.internal.exit}, {@code dev.faultline.internal.files},
 * {@code dev.faultline.internal.runtime}, {@code dev.faultline.internal.text},
 * {@code dev.faultline.internal.threads}, {@code dev.faultline.report},
 * {@code dev.faultline.ring}.
 */
package dev.faultline.internal.ring;
