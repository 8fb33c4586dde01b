package dev.faultline.internal.jmx;

import dev.faultline.internal.console.Console;
import dev.faultline.internal.text.Escape;
import dev.faultline.jmx.FaultlineMBean;
import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registers the {@link FaultlineMBean} under {@value #NAME}. Registration never throws: when it
 * cannot be done, one line on the console says why, and the application goes on without
 * run-time control through JMX.
 */
public final class JmxRegistration {
    /** The MBean's object name. */
    public static final String NAME = "dev.faultline:type=Faultline";

    private JmxRegistration() {}

    /**
     * Registers the MBean on {@code server}. Returns true when it was registered; otherwise
     * prints one line saying why (no server, the name already taken — for example by another
     * copy of Faultline in this JVM — or any other failure) and returns false.
     */
    public static boolean register(MBeanServer server) {
        if (server == null) {
            Console.line("faultline: no MBean server to register " + NAME + " on; run-time control through JMX is"
                    + " not available");
            return false;
        }
        try {
            server.registerMBean(new StandardMBean(new FaultlineControl(null), FaultlineMBean.class), new ObjectName(NAME));
            return true;
        } catch (InstanceAlreadyExistsException e) {
            Console.line("faultline: the MBean " + NAME + " is already registered (another copy of Faultline in"
                    + " this JVM?); this copy is not reachable through JMX");
        } catch (Throwable e) {
            Console.line("faultline: could not register the MBean " + NAME + ": " + Escape.text(String.valueOf(e))
                    + "; run-time control through JMX is not available");
        }
        return false;
    }

    /** The MBean's implementation with change lines naming {@code origin} (built by the caller). */
    public static FaultlineMBean control(String origin) {
        return new FaultlineControl(origin);
    }

    /** Registers on the platform MBean server; a JVM without one gets one line, not an exception. */
    static void registerOnPlatformServer() {
        MBeanServer server;
        try {
            server = ManagementFactory.getPlatformMBeanServer();
        } catch (Throwable e) {
            Console.line("faultline: no platform MBean server (" + Escape.text(String.valueOf(e)) + "); "
                    + NAME + " is not registered and run-time control through JMX is not available");
            return;
        }
        register(server);
    }
}
