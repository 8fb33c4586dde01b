package dev.faultline.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.faultline.Faultline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code faultline agent <pid> <spec>}: loads faultline-agent into a running JVM (any JVM, with
 * or without Faultline) through the Attach API. The agent rewrites the assert statements of the
 * packages that the spec's {@code assert:PACKAGE} entries name — in the classes already loaded
 * (retransformed) and in every class loaded later — and applies the spec.
 *
 * <p>The command starts no management agent in the target and trusts nothing the target says:
 * the one thing it reads back is the agent's status line (a system property the agent sets),
 * printed escaped and cut to {@value #MAX_STATUS} characters. Attaching and loading together
 * are bounded by {@code --timeout}.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Load faultline-agent into a running JVM: the assert statements of the packages that the spec's"
                + " assert:PACKAGE entries name (and their subpackages) become the debug domains assert:PACKAGE, in the"
                + " classes already loaded and in those loaded later, and the spec applies. The JVM needs no Faultline of"
                + " its own.",
                "Exit status: 0 loaded, 2 usage error (a spec without an assert:PACKAGE entry), 3 no agent jar (see --jar),"
                        + " 4 no such pid or not a JVM, 5 attach refused, the agent failed to load, or no answer within"
                        + " --timeout."})
public final class AgentCommand implements Callable<Integer> {
    static final int MAX_STATUS = 2000;
    static final String STATUS_PROPERTY = "dev.faultline.agent.status";
    static final String JAR = "faultline-agent.jar";

    @Parameters(index = "0", paramLabel = "<pid>", description = "The JVM's process id.")
    long pid;

    @Parameters(index = "1", paramLabel = "<spec>", description = "A debug spec naming at least one package, for"
            + " example assert:com.acme=warn or assert:com.acme=off (rewritten, switchable later with faultline debug).")
    String spec;

    @Option(names = "--jar", paramLabel = "<file>", description = "The agent jar (default: " + JAR + " beside the"
            + " faultline-cli jar, or faultline-agent/target/" + JAR + " in a source tree). The target JVM's user must be"
            + " able to read it.")
    Path jar;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "60", description = "How long to wait for the"
            + " target to attach and load the agent (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        String problem = specProblem(spec);
        if (problem != null) {
            System.err.println("faultline: " + problem);
            return ExitCodes.USAGE;
        }
        if (timeoutSeconds <= 0) {
            System.err.println("faultline: --timeout must be at least 1 second, not " + timeoutSeconds);
            return ExitCodes.USAGE;
        }
        Path agentJar = jar != null ? jar.toAbsolutePath() : defaultJar();
        if (agentJar == null || !Files.isRegularFile(agentJar) || !Files.isReadable(agentJar)) {
            System.err.println("faultline: no readable agent jar at " + (agentJar != null ? agentJar : defaultCandidates())
                    + "; build it (./mvnw -pl faultline-agent -am package) or give its path with --jar");
            return ExitCodes.NOTHING_TO_READ;
        }
        try {
            checkTarget();
        } catch (Unreachable e) {
            System.err.println("faultline: " + e.getMessage());
            return e.exitCode();
        }
        // The JDK's own attach gives up first (and removes the .attach_pid file it made in the
        // target's directory) when the target does not answer; --timeout bounds the rest.
        // (It waits in growing steps and may pass its limit by a few steps: half of ours leaves room.)
        System.setProperty("sun.tools.attach.attachTimeout", Long.toString(Math.max(500, timeoutSeconds * 500)));
        FutureTask<String> load = new FutureTask<>(() -> load(agentJar));
        Thread worker = new Thread(load, "faultline-agent-attach");
        worker.setDaemon(true); // a target that never answers must not keep this command alive
        worker.start();
        try {
            String status = load.get(timeoutSeconds, TimeUnit.SECONDS);
            System.out.println("faultline: agent loaded into pid " + pid + ": " + status);
            return ExitCodes.OK;
        } catch (TimeoutException e) {
            try {
                worker.join(1000); // a moment for the JDK's attach to clean up after itself
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
            System.err.println("faultline: pid " + pid + " did not attach and load the agent within " + timeoutSeconds
                    + " s (it may still be loading it: retransforming many classes takes time); raise --timeout");
            return ExitCodes.TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.REFUSED;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Unreachable) {
                System.err.println("faultline: " + cause.getMessage());
                return ((Unreachable) cause).exitCode();
            }
            System.err.println("faultline: pid " + pid + ": loading the agent failed (" + Faultline.escape(String.valueOf(cause))
                    + ")");
            return ExitCodes.REFUSED;
        }
    }

    /** Why {@code spec} cannot be given to the agent, or null. The target validates the rest and says so in its log. */
    static String specProblem(String spec) {
        if (spec == null || spec.isBlank()) {
            return "missing spec: name the packages whose asserts to rewrite, e.g. assert:com.acme=warn";
        }
        if (spec.length() > 8192) {
            return "spec too long (" + spec.length() + " characters, at most 8192)";
        }
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "spec has a control character at position " + (i + 1);
            }
        }
        for (String entry : spec.split(",")) {
            int eq = entry.indexOf('=');
            String target = (eq < 0 ? entry : entry.substring(0, eq)).strip();
            if (target.regionMatches(true, 0, "assert:", 0, 7)) {
                return null;
            }
        }
        return "spec '" + Faultline.escape(spec) + "' names no package: give at least one assert:PACKAGE=MODE entry"
                + " (e.g. assert:com.acme=warn); to change plain domains use: faultline debug " + "<pid> <spec>";
    }

    private void checkTarget() throws Unreachable {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            throw new Unreachable(ExitCodes.NO_TARGET, "no process with pid " + pid);
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new Unreachable(ExitCodes.NO_TARGET, "pid " + pid + " is this faultline command itself");
        }
        String me = System.getProperty("user.name", "");
        String owner = process.get().info().user().orElse("");
        if (!owner.isEmpty() && !owner.equals(me) && !me.equals("root")) {
            throw new Unreachable(ExitCodes.REFUSED, "pid " + pid + " belongs to user " + Faultline.escape(owner)
                    + ", not to " + Faultline.escape(me) + ": a JVM only accepts attach from its own user; run this as"
                    + " that user");
        }
        // Attaching to a process that is not a JVM would send it SIGQUIT, which kills most programs.
        String id = String.valueOf(pid);
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(id)) {
                return;
            }
        }
        String command = process.get().info().command().orElse("?");
        throw new Unreachable(ExitCodes.NO_TARGET, "pid " + pid + " (" + Faultline.escape(command) + ") is not a JVM"
                + " that this user can attach to: not a Java process, a JVM started with -XX:+DisableAttachMechanism or"
                + " -XX:-UsePerfData, or one in another container");
    }

    /** Attaches, loads the agent, reads its status line back, detaches. Runs on the bounded worker. */
    private String load(Path agentJar) throws Unreachable {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(String.valueOf(pid));
        } catch (AttachNotSupportedException | IOException | SecurityException e) {
            throw new Unreachable(ExitCodes.REFUSED, "pid " + pid + " refused attach or did not answer (" + Faultline.escape(
                    String.valueOf(e.getMessage())) + ")");
        }
        try {
            vm.loadAgent(agentJar.toString(), spec);
            String status = vm.getSystemProperties().getProperty(STATUS_PROPERTY);
            return status == null ? "(the agent left no status line)" : shown(status);
        } catch (AgentLoadException | IOException e) {
            throw new Unreachable(ExitCodes.REFUSED, "pid " + pid + " could not load the agent from " + agentJar + " ("
                    + Faultline.escape(String.valueOf(e.getMessage())) + "); the JVM's user must be able to read that jar");
        } catch (AgentInitializationException e) {
            throw new Unreachable(ExitCodes.REFUSED, "pid " + pid + ": the agent failed to start (return code "
                    + e.returnValue() + "); see the JVM's stderr");
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // done with it either way
            }
        }
    }

    private static String shown(String status) {
        String s = Faultline.escape(status);
        return s.length() <= MAX_STATUS ? s : s.substring(0, MAX_STATUS) + "... (cut)";
    }

    private static Path defaultJar() {
        for (Path p : candidates()) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String defaultCandidates() {
        List<String> c = new ArrayList<>();
        for (Path p : candidates()) {
            c.add(p.toString());
        }
        return c.isEmpty() ? JAR + " (nowhere to look: give --jar)" : String.join(" or ", c);
    }

    /** Beside this command's jar, or in the source tree this command was built in. */
    private static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        try {
            Path self = Path.of(AgentCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = self.getParent();
            if (dir != null) {
                out.add(dir.resolve(JAR));
                out.add(dir.resolve("../../faultline-agent/target/" + JAR).normalize());
            }
        } catch (Exception e) {
            // no location known: --jar it is
        }
        return out;
    }
}
