/**
 * Faultline core: kernel-style runtime assertions and crash evidence for JVM services.
 *
 * <p>Only the API packages are exported. Everything under {@code dev.faultline.internal} is the
 * implementation: it may change in any release, and other modules (Faultline's own
 * integrations included) use the exported API instead.
 *
 * <p>The management, JFR, HotSpot and jdk.net modules are optional ({@code requires static}): in a
 * runtime image without them, JMX control, deadlock and hung-task detection, the control socket,
 * JFR dumps and heap dumps each say in one line that they are not available, and everything else
 * works.
 */
module dev.faultline {
    requires static java.management;
    requires static jdk.management;
    requires static jdk.jfr;
    // Peer credentials of the control socket's clients; without it the socket is not opened.
    requires static jdk.net;
    // Only to name the address of a remote JMX client in change lines.
    requires static java.rmi;
    // Only dev.faultline.ring.CrashRingHandler uses it, and only where JUL is configured.
    requires static java.logging;

    exports dev.faultline;
    exports dev.faultline.dump;
    exports dev.faultline.jmx;
    exports dev.faultline.panic;
    exports dev.faultline.report;
    exports dev.faultline.ring;
}
