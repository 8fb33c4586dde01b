/**
 * Signatures: the rule that turns a report's kind, site and stack into a stable key for "the
 * same bug" across hosts, runs and rebuilds. A leaf: uses nothing of Faultline.
 *
 * <p>May use: nothing of Faultline.
 */
package dev.faultline.internal.signature;
