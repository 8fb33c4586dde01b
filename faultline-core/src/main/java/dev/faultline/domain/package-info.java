/**
 * The machinery behind {@link dev.faultline.DebugDomain}: the {@code faultline.debug} spec
 * parser ({@link dev.faultline.domain.DebugSpec}), the table of domains and their modes
 * ({@link dev.faultline.domain.DomainTable}) and the per-domain switch
 * ({@link dev.faultline.domain.DomainState}). Not API: use {@link dev.faultline.Faultline#domain}
 * and {@link dev.faultline.Faultline#debugDomains()}.
 */
package dev.faultline.domain;
