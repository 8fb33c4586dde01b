/**
 * Time: the tickers sites read (a coarse jiffies clock and the system clock) and pausing
 * without losing an interrupt. A leaf: uses nothing of Faultline.
 */
package dev.faultline.internal.clock;
