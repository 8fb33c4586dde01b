package dev.faultline.jmx;

import dev.faultline.internal.jmx.JmxRegistration;
import javax.management.MBeanServer;

/**
 * Puts Faultline's MBean on an MBean server of your choice. At start-up Faultline registers it
 * on the platform MBean server by itself (unless {@code faultline.jmx=0}); use this for another
 * server, such as one an application server or a test creates.
 */
public final class FaultlineJmx {
    /** The MBean's object name: {@value}. */
    public static final String NAME = JmxRegistration.NAME;

    private FaultlineJmx() {}

    /**
     * Registers a {@link FaultlineMBean} for this process on {@code server} under {@link #NAME}.
     * Never throws: returns false, after one console line saying why, when {@code server} is
     * null, the name is taken (another copy of Faultline in this JVM) or registration fails.
     */
    public static boolean register(MBeanServer server) {
        return JmxRegistration.register(server);
    }
}
