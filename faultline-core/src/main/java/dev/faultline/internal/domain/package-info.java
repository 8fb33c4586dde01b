/**
 * The machinery behind {@link dev.faultline.DebugDomain}: the {@code faultline.debug} spec
 * parser, the table of domains and their modes, and the per-domain switch. Not API: use
 * {@link dev.faultline.Faultline#domain} and {@link dev.faultline.Faultline#debugDomains()}.
 *
 * <p>May use: the runtime (taint) and the leaf packages.
 */
package dev.faultline.internal.domain;
