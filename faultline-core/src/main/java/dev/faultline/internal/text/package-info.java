/**
 * Text: escaping of control characters (report text cannot be forged) and lenient message
 * formatting that never throws. A leaf: uses nothing of Faultline.
 *
 * <p>May use: nothing of Faultline.
 */
package dev.faultline.internal.text;
