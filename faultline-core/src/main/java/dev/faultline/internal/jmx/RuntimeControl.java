package dev.faultline.internal.jmx;

import dev.faultline.internal.threads.SystemThreads;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;

/**
 * Start-up of run-time control from outside, called once by {@code Boot}: register the MBean,
 * and open the control socket the {@code faultline} command talks to ({@link ControlSocket}).
 * Nothing here throws.
 *
 * <p>The MBean is registered on a daemon thread: the first touch of the platform MBean server
 * costs tens of milliseconds, and the core runtime often starts on the first warning, in the
 * middle of a request. This class names no {@code javax.management} type, so it loads even
 * in a runtime image without the {@code java.management} module; the thread then prints one
 * line instead.
 */
public final class RuntimeControl {
    private RuntimeControl() {}

    /**
     * Unless {@code faultline.jmx=0}, starts the MBean registration; unless
     * {@code faultline.control=0}, the control socket's thread.
     */
    public static void boot() {
        try {
            if (Settings.bool(Keys.JMX)) {
                SystemThreads.daemon(RuntimeControl::register, "faultline-jmx").start();
            }
        } catch (Throwable e) {
            Settings.problem("could not start the JMX registration: " + e
                    + "; run-time control through JMX is not available");
        }
        try {
            if (Settings.bool(Keys.CONTROL)) {
                SystemThreads.daemon(ControlSocket::serve, "faultline-control").start();
            }
        } catch (Throwable e) {
            Settings.problem("could not start the control socket: " + e
                    + "; faultline status, sysctl and debug cannot reach this process");
        }
    }

    private static void register() {
        try {
            JmxRegistration.registerOnPlatformServer();
        } catch (Throwable e) {
            Settings.problem("JMX is not available in this runtime (" + e + "); " + JmxRegistration.NAME
                    + " is not registered");
        }
    }
}
