/**
 * Time: the tickers sites read (a coarse jiffies clock and the system clock) and pausing
 * without losing an interrupt. Uses only the thread factory of {@code internal.threads}.
 *
 * <p>May use: {@code dev.faultline.internal.threads}.
 */
package dev.faultline.internal.clock;
