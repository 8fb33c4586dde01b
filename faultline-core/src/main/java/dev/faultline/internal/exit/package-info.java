/**
 * Why a run ended: the marks a run leaves in its crash ring for the next start (its facts at
 * start, signals, shutdown progress, heartbeats) and the classifier that reads them, with what
 * the host still shows (hs_err files, the memory cgroup's OOM kills, the boot id), into an
 * {@link dev.faultline.ring.RunExit}.
 *
 * <p>May use: {@code dev.faultline.internal.files}, {@code dev.faultline.internal.text},
 * {@code dev.faultline.internal.threads}, {@code dev.faultline.ring}.
 */
package dev.faultline.internal.exit;
