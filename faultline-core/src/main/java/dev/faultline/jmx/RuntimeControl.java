package dev.faultline.jmx;

import dev.faultline.domain.DomainTable;
import dev.faultline.internal.Keys;
import dev.faultline.internal.Settings;

/**
 * Start-up of run-time control, called once from the core runtime's initialisation: read the
 * boot debug spec, then register the MBean. Nothing here throws.
 *
 * <p>The MBean is registered on a daemon thread: the first touch of the platform MBean server
 * costs tens of milliseconds, and the core runtime often starts on the first warning, in the
 * middle of a request. This class names no {@code javax.management} type, so it loads even
 * in a runtime image without the {@code java.management} module; the thread then prints one
 * line instead.
 */
public final class RuntimeControl {
    private RuntimeControl() {}

    /** Applies {@code faultline.debug} and, unless {@code faultline.jmx=0}, starts the MBean registration. */
    public static void boot() {
        try {
            DomainTable.boot();
        } catch (Throwable e) {
            Settings.problem("could not apply " + Keys.DEBUG.property() + ": " + e + "; every debug domain stays off");
        }
        try {
            if (!Settings.bool(Keys.JMX)) {
                return;
            }
            Thread t = new Thread(RuntimeControl::register, "faultline-jmx");
            t.setDaemon(true);
            t.start();
        } catch (Throwable e) {
            Settings.problem("could not start the JMX registration: " + e
                    + "; run-time control through JMX is not available");
        }
    }

    private static void register() {
        try {
            FaultlineJmx.registerOnPlatformServer();
        } catch (Throwable e) {
            Settings.problem("JMX is not available in this runtime (" + e + "); " + FaultlineJmx.NAME
                    + " is not registered");
        }
    }
}
