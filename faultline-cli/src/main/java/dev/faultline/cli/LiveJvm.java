package dev.faultline.cli;

import dev.faultline.Faultline;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A running Faultline JVM on this host, by pid, reached through its control socket
 * ({@link TargetProcess#controlSocket()}): a Unix-domain socket that Faultline opens at start,
 * this user's and root's only. Nothing is attached to the process, no agent is started in it,
 * no port is opened, and no address it advertises is followed; a process without the socket
 * (not a Faultline JVM, or one with {@code faultline.control=0}) is left untouched.
 *
 * <p>Each read or change is one request on a new connection, answered within the timeout given
 * ({@link ControlClient}).
 */
final class LiveJvm {
    /** How long a target has to answer one request, unless {@code --timeout} says otherwise. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final TargetProcess target;
    private final Path socket;
    private final Duration timeout;

    private LiveJvm(TargetProcess target, Path socket, Duration timeout) {
        this.target = target;
        this.socket = socket;
        this.timeout = timeout;
    }

    /**
     * The Faultline JVM {@code pid}. Another user's process is refused unless this is root
     * ({@link ExitCodes#REFUSED}); a process without a control socket is not a target
     * ({@link ExitCodes#NO_TARGET}); the socket must answer as that process
     * ({@code Pid}), within {@code timeout} ({@link ExitCodes#TIMED_OUT}).
     */
    static LiveJvm connect(long pid, Duration timeout) throws Unreachable {
        if (pid == ProcessHandle.current().pid()) {
            throw new Unreachable(ExitCodes.NO_TARGET, "pid " + pid + " is this faultline command itself");
        }
        Optional<TargetProcess> found = TargetProcess.of(pid);
        if (found.isEmpty()) {
            throw new Unreachable(ExitCodes.NO_TARGET, "no process with pid " + pid
                    + " (list the Faultline JVMs of this host with: faultline ps)");
        }
        TargetProcess target = found.get();
        String me = System.getProperty("user.name", "");
        if (!target.user.equals(me) && !me.equals("root")) {
            throw new Unreachable(ExitCodes.REFUSED, "pid " + pid + " belongs to user " + Faultline.escape(target.user)
                    + ", not to " + Faultline.escape(me) + ": its control socket is its user's and root's only; run"
                    + " this as that user (sudo -u " + Faultline.escape(target.user) + " ./faultline ...)");
        }
        Path socket = target.controlSocket();
        String what = "pid " + pid + " (" + (target.command.equals("?") ? "" : Faultline.escape(target.command) + ", ")
                + "user " + Faultline.escape(target.user) + ")";
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.io.IOException | RuntimeException e) {
            throw new Unreachable(ExitCodes.NO_TARGET, what + " has no Faultline control socket ("
                    + Faultline.escape(socket.toString()) + "): it is not a Faultline JVM, Faultline has not started in"
                    + " it yet, or it runs with faultline.control=0. Nothing was attached to it or started in it");
        }
        if (!a.isOther()) { // a socket is neither a file, a directory nor a link
            throw new Unreachable(ExitCodes.REFUSED, what + ": " + Faultline.escape(socket.toString()) + " is "
                    + (a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a directory" : "a regular file")
                    + ", not the socket Faultline makes; not followed");
        }
        LiveJvm jvm = new LiveJvm(target, socket, timeout);
        String answered = jvm.text("Pid");
        if (!answered.equals(String.valueOf(target.nspid()))) {
            throw new Unreachable(ExitCodes.REFUSED, what + ": the control socket answers as pid "
                    + Faultline.escape(answered) + ", not as this process; not talked to further");
        }
        return jvm;
    }

    long pid() {
        return target.pid;
    }

    /** The user the process runs as. */
    String user() {
        return target.user;
    }

    /**
     * Says on stderr whose JVM this is when it is not this user's own (root acting on a service
     * user's JVM), so that nobody changes another user's process without being told.
     */
    void sayWhoseIfNotMine() {
        if (!target.user.equals(System.getProperty("user.name", ""))) {
            System.err.println("faultline: pid " + target.pid + " is user " + Faultline.escape(target.user) + "'s JVM");
        }
    }

    /** A one-valued attribute ({@code App}, {@code RunId}, {@code Taint}, ...). */
    String text(String attribute) throws Unreachable {
        List<String> v = request("get", attribute);
        return v.isEmpty() ? "" : v.get(0);
    }

    /** A many-valued attribute ({@code Sysctl}, {@code DebugDomains}, {@code Sites}, ...). */
    List<String> lines(String attribute) throws Unreachable {
        return request("get", attribute);
    }

    /**
     * Calls an operation ({@code sysctl}, {@code setSysctl}, {@code applyDebugSpec}) with
     * string arguments. A key or value the target refuses comes back as an
     * {@link IllegalArgumentException} with the target's message.
     */
    List<String> call(String operation, String... args) throws Unreachable {
        return request(operation, args);
    }

    private List<String> request(String op, String... args) throws Unreachable {
        if (!target.alive()) {
            throw new Unreachable(ExitCodes.NO_TARGET, "pid " + target.pid + " has exited");
        }
        return ControlClient.request(target, socket, timeout, op, args);
    }
}
