/**
 * The crash ring's writer side: the lock-free writer and its in-flight slots, opening this
 * run's ring, and recovering and archiving the rings of earlier runs. Not API; the format and
 * the readers are in {@code dev.faultline.ring}.
 *
 * <p>May use: the runtime (to know the run), the leaf packages, and {@code dev.faultline.ring}.
 */
package dev.faultline.internal.ring;
