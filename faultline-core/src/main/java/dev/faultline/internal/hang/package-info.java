/**
 * Hangs leave evidence too: the checker thread and its detectors of Java-level deadlocks, hung
 * tasks (threads stuck behind a lock another thread holds), soft lockups (watched loops that
 * stopped making progress) and stalls of the whole JVM, after the kernel's lockdep,
 * {@code hung_task} and soft-lockup watchdog, and jHiccup. Their reports (DEADLOCK, HUNG,
 * LOCKUP, STALL) take the same road as a warning: ring first, then console, logs, listeners and
 * exporters. Not API.
 *
 * <p>May use: the runtime ({@code Core}: reports and their road), the panic path (the
 * {@code *_panic} keys), the signature rule, the leaf packages, and the API types of
 * {@code dev.faultline} ({@code Report}, {@code ReportKind}, {@code Signature}, {@code Taint},
 * {@code Watchdog}) and {@code dev.faultline.ring} ({@code RingFormat}'s codes). Never the
 * facade ({@code Faultline}, {@code Policy}, {@code DebugDomains}, {@code Site}).
 */
package dev.faultline.internal.hang;
