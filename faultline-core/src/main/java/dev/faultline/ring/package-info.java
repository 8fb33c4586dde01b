/**
 * The crash ring's format and its readers: the layout as constants
 * ({@link dev.faultline.ring.RingFormat}), a ring of this run ({@link dev.faultline.ring.CrashRing}),
 * and reading a ring file or directory ({@link dev.faultline.ring.RingReader},
 * {@link dev.faultline.ring.RingScan}, {@link dev.faultline.ring.RingRecord}). The writer and the
 * recovery of earlier runs are not API: they live in {@code dev.faultline.internal.ring}.
 *
 * <p>May use: {@code dev.faultline}, {@code dev.faultline.internal.files},
 * {@code dev.faultline.internal.ring}, {@code dev.faultline.internal.text},
 * {@code dev.faultline.report}.
 */
package dev.faultline.ring;
