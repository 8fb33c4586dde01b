/**
 * Configuration: every {@code faultline.*} key declared once, read from system properties and
 * the environment, with problems reported by key, value and source. A leaf: uses only the text
 * package.
 *
 * <p>May use: {@code dev.faultline.internal.text}.
 */
package dev.faultline.internal.config;
