/**
 * Threads Faultline starts, made so that they hold on to nothing of the application: the system
 * thread group and no context class loader; and threads as text, in jstack's format
 * ({@link dev.faultline.internal.threads.ThreadText}). A leaf: uses only {@code internal.text}.
 *
 * <p>May use: {@code dev.faultline.internal.text}.
 */
package dev.faultline.internal.threads;
