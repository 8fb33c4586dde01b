/**
 * Why a run ended: the marks a run leaves in its crash ring for the next start (its facts at
 * start, signals, shutdown progress, heartbeats) and the classifier that reads them, with what
 * the host still shows (hs_err files, the memory cgroup's OOM kills, the boot id), into an
 * {@link dev.faultline.ring.RunExit}.
 */
package dev.faultline.internal.exit;
