package dev.faultline.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.faultline.Faultline;
import java.io.IOException;
import java.util.Optional;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A connection to the Faultline MBean of a running JVM on this host, by pid: the Attach API
 * finds the JVM, starts its local management agent when it has none running (the JDK's own
 * {@code jcmd PID ManagementAgent.start_local}), and JMX talks to
 * {@code dev.faultline:type=Faultline} over the agent's local connector.
 *
 * <p>Before attaching, the pid is checked against the JVMs the Attach API lists: attaching
 * to a process that is not a JVM would send it SIGQUIT, which kills most programs.
 */
final class LiveJvm implements AutoCloseable {
    static final String MBEAN = "dev.faultline:type=Faultline";
    private static final String CONNECTOR = "com.sun.management.jmxremote.localConnectorAddress";

    private final long pid;
    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final ObjectName name;

    private LiveJvm(long pid, JMXConnector connector, MBeanServerConnection server, ObjectName name) {
        this.pid = pid;
        this.connector = connector;
        this.server = server;
        this.name = name;
    }

    /** Connects to the Faultline MBean of JVM {@code pid}; see the class comment. */
    static LiveJvm connect(long pid) throws Unreachable {
        return connect(pid, true);
    }

    /**
     * As {@link #connect(long)}; with {@code startAgent} false a JVM whose management agent is
     * not running already is reported unreachable instead of having its agent started.
     */
    static LiveJvm connect(long pid, boolean startAgent) throws Unreachable {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            throw new Unreachable(ExitCodes.NO_TARGET, "no process with pid " + pid
                    + " (list the Faultline JVMs of this host with: faultline ps)");
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new Unreachable(ExitCodes.NO_TARGET, "pid " + pid + " is this faultline command itself");
        }
        String me = System.getProperty("user.name", "");
        String owner = process.get().info().user().orElse("");
        if (!owner.isEmpty() && !owner.equals(me) && !me.equals("root")) {
            throw new Unreachable(ExitCodes.REFUSED, "pid " + pid + " belongs to user " + owner + ", not to " + me
                    + ": the JVM only accepts attach from its own user; run this as that user (sudo -u " + owner
                    + " ./faultline ...)");
        }
        String command = process.get().info().command().orElse("?");
        if (!listed(pid)) {
            if (looksLikeJava(command)) {
                // A JVM that the Attach API does not list does not take attach requests.
                throw new Unreachable(ExitCodes.REFUSED, "pid " + pid + " (" + Faultline.escape(command)
                        + ") refused attach: it is a JVM that does not accept it (started with"
                        + " -XX:+DisableAttachMechanism or -XX:-UsePerfData, or in another container); restart it"
                        + " without that flag to control it from outside");
            }
            throw new Unreachable(ExitCodes.NO_TARGET, "pid " + pid + " (" + Faultline.escape(command)
                    + ") is not a JVM that this user can attach to: not a Java process, or a JVM of another"
                    + " container; give the pid of a Faultline JVM (see: faultline ps)");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(String.valueOf(pid));
        } catch (AttachNotSupportedException | IOException | SecurityException e) {
            throw new Unreachable(ExitCodes.REFUSED, "pid " + pid + " refused attach (" + Faultline.escape(
                    String.valueOf(e.getMessage())) + "): a JVM started with -XX:+DisableAttachMechanism cannot be"
                    + " controlled from outside; restart it without that flag, or run faultline as the JVM's user");
        }
        String address;
        try {
            address = vm.getAgentProperties().getProperty(CONNECTOR);
            if (address == null && startAgent) {
                address = vm.startLocalManagementAgent();
            }
        } catch (IOException | RuntimeException e) {
            throw new Unreachable(ExitCodes.REFUSED, "pid " + pid + ": could not start its local management agent ("
                    + Faultline.escape(String.valueOf(e)) + "); a runtime without the jdk.management.agent module"
                    + " cannot be controlled over JMX");
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // The attach connection is done with either way.
            }
        }
        if (address == null) {
            throw new Unreachable(ExitCodes.NO_TARGET, "pid " + pid + " has no management agent running");
        }
        JMXConnector connector = null;
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName(MBEAN);
            if (!server.isRegistered(name)) {
                connector.close();
                throw new Unreachable(ExitCodes.NO_TARGET, "pid " + pid + " (" + Faultline.escape(command)
                        + ") is not a Faultline JVM: no " + MBEAN + " is registered (Faultline starts on its first"
                        + " use; faultline.jmx=0 turns the MBean off)");
            }
            return new LiveJvm(pid, connector, server, name);
        } catch (IOException | javax.management.JMException | RuntimeException e) {
            closeQuietly(connector);
            throw new Unreachable(ExitCodes.REFUSED, "pid " + pid + ": cannot talk JMX to it at " + address + " ("
                    + Faultline.escape(String.valueOf(e)) + ")");
        }
    }

    /** True when the executable is a Java launcher ({@code .../bin/java}). */
    private static boolean looksLikeJava(String command) {
        String name = command.substring(Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\')) + 1);
        return name.equals("java") || name.equals("java.exe") || name.equals("javaw.exe");
    }

    /** True when the Attach API lists {@code pid} among this user's JVMs. */
    static boolean listed(long pid) {
        String id = String.valueOf(pid);
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    long pid() {
        return pid;
    }

    /** An attribute of the MBean. */
    Object get(String attribute) throws Unreachable {
        try {
            return server.getAttribute(name, attribute);
        } catch (Exception e) {
            throw lost(e);
        }
    }

    String text(String attribute) throws Unreachable {
        return String.valueOf(get(attribute));
    }

    String[] lines(String attribute) throws Unreachable {
        Object v = get(attribute);
        return v instanceof String[] ? (String[]) v : new String[0];
    }

    /**
     * Calls an operation with string arguments. An {@link IllegalArgumentException} thrown by
     * the MBean (a bad key or value) comes back as itself, with the MBean's message.
     */
    Object call(String operation, String... args) throws Unreachable {
        String[] signature = new String[args.length];
        java.util.Arrays.fill(signature, String.class.getName());
        try {
            return server.invoke(name, operation, args, signature);
        } catch (RuntimeMBeanException e) {
            if (e.getCause() instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e.getCause();
            }
            throw lost(e);
        } catch (Exception e) {
            throw lost(e);
        }
    }

    private Unreachable lost(Exception e) {
        return new Unreachable(ExitCodes.REFUSED, "pid " + pid + ": the JMX call failed ("
                + Faultline.escape(String.valueOf(e)) + "); did the process exit?");
    }

    private static void closeQuietly(JMXConnector c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Closing a broken connection is best effort.
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(connector);
    }
}
