/**
 * Hangs leave evidence too: the checker thread and its detectors of Java-level deadlocks, hung
 * tasks (threads stuck behind a lock another thread holds), soft lockups (watched loops that
 * stopped making progress) and stalls of the whole JVM, after the kernel's lockdep,
 * {@code hung_task} and soft-lockup watchdog, and jHiccup. Their reports (DEADLOCK, HUNG,
 * LOCKUP, STALL) take the same road as a warning: ring first, then console, logs, listeners and
 * exporters. Not API.
 *
 * <p>May use: {@code dev.faultline}, {@code dev.faultline.internal.clock},
 * {@code dev.faultline.internal.config}, {@code dev.faultline.internal.exit},
 * {@code dev.faultline.internal.panic}, {@code dev.faultline.internal.runtime},
 * {@code dev.faultline.internal.signature}, {@code dev.faultline.internal.text},
 * {@code dev.faultline.internal.threads}, {@code dev.faultline.report} (from the API package
 * only the value and SPI types the layering test names: Registration, DebugMode, PanicError,
 * Watchdog).
 */
package dev.faultline.internal.hang;
