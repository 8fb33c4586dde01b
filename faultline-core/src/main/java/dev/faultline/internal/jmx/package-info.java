/**
 * Run-time control from outside: the MBean {@code dev.faultline:type=Faultline} (its
 * implementation over the public API and its registration on the platform MBean server, off the
 * calling thread), and the local control socket the {@code faultline} command talks to, which
 * answers through the same implementation. Not API.
 *
 * <p>May use: the API, the debug-domain table and the leaf packages.
 */
package dev.faultline.internal.jmx;
