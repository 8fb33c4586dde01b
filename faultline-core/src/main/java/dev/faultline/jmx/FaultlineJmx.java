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

    /**
     * The MBean's implementation for another management channel (an HTTP endpoint, an admin
     * console): the same reads, and the same setters as the registered MBean, whose change lines
     * name {@code channel} instead of {@code jmx} ({@code faultline: faultline.warn_limit changed
     * from 0 to 100 (via actuator)}); relaxing a safety setting taints the process {@code R};
     * bad values are refused with an {@link IllegalArgumentException} naming the key or domain
     * and the value, and nothing changes. Registers nothing; each call returns a new, stateless
     * object over the one process-wide runtime. A channel that serves requests should name who
     * asked: {@link #control(ChangeOrigin)}.
     *
     * @param channel a name of letters, digits, {@code .}, {@code _} or {@code -} (1 to 32)
     * @throws IllegalArgumentException when {@code channel} is null or not such a name
     */
    public static FaultlineMBean control(String channel) {
        return control(ChangeOrigin.of(channel));
    }

    /**
     * As {@link #control(String)}, with change lines naming {@code origin}: the channel, the
     * request's remote address and its principal ({@code (via actuator from 10.0.0.7 as
     * alice)}). Make one per request: the object is cheap and keeps nothing but the origin.
     *
     * @throws IllegalArgumentException when {@code origin} is null
     */
    public static FaultlineMBean control(ChangeOrigin origin) {
        if (origin == null) {
            throw new IllegalArgumentException("origin must not be null");
        }
        return JmxRegistration.control(origin.toString());
    }
}
