/**
 * Threads Faultline starts, made so that they hold on to nothing of the application: the system
 * thread group and no context class loader. A leaf: uses nothing of Faultline.
 */
package dev.faultline.internal.threads;
