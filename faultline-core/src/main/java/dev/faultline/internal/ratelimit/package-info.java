/**
 * The rate limiter behind rate-limited sites (kernel {@code lib/ratelimit.c}): burst per
 * interval, lock-free, never losing a count. A leaf: uses nothing of Faultline.
 *
 * <p>May use: nothing of Faultline.
 */
package dev.faultline.internal.ratelimit;
