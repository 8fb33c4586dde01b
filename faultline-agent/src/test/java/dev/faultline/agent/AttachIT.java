package dev.faultline.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.attach.Ticker;
import com.sun.tools.attach.VirtualMachine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loading the agent into a running JVM (no Faultline, no agent at its start) retransforms the
 * classes it has already loaded: their asserts become the domain and report at once. Both
 * through the Attach API directly and through {@code faultline agent PID SPEC}, whose exit
 * statuses are checked here too.
 */
class AttachIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String SITE = "WARNING: assert:com.acme.attach at com.acme.attach.Ticker.tick(Ticker.java:";

    static List<String> jdks() {
        return Child.jdks();
    }

    private static Child ticker(String jdk) throws Exception {
        Child c = Child.start(jdk, Child.fixturesOnly(), List.of(), Ticker.class.getName());
        c.awaitOut("tick 20", WAIT);
        return c;
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void attachingRetransformsTheAlreadyLoadedClassesAndTheirAssertsReport(String jdk) throws Exception {
        Child c = ticker(jdk);
        try {
            assertFalse(c.err().contains("WARNING"), c.err());
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(c.process.pid()));
            String status;
            try {
                vm.loadAgent(Child.agentJar().toString(), "assert:com.acme.attach=warn");
                status = vm.getSystemProperties().getProperty(AssertAgent.STATUS_PROPERTY);
            } finally {
                vm.detach();
            }
            assertTrue(status.contains("1 loaded classes in scope, 1 of them retransformed (1 asserts)"), status);
            String err = c.awaitErr(SITE, WAIT);
            assertTrue(err.contains("\nMessage: attached assert, tick "), err);
            assertTrue(c.process.isAlive(), "a warning lets the service go on");
            // A second load widens nothing here and applies its spec: the domain goes quiet.
            vm = VirtualMachine.attach(String.valueOf(c.process.pid()));
            try {
                vm.loadAgent(Child.agentJar().toString(), "assert:com.acme.attach=off");
            } finally {
                vm.detach();
            }
            c.awaitErr("debug domain assert:com.acme.attach changed from warn to off (via faultline-agent)", WAIT);
            Thread.sleep(300);
            int reports = Child.count(c.err(), SITE);
            Thread.sleep(500);
            assertEquals(reports, Child.count(c.err(), SITE), "no report after the domain went off\n" + c);
        } finally {
            c.kill();
        }
    }

    @Test
    void faultlineAgentLoadsItAndSaysWhatItDid() throws Exception {
        Child c = ticker(System.getProperty("java.home"));
        try {
            Cli r = Cli.run("agent", String.valueOf(c.process.pid()), "assert:com.acme.attach=once", "--jar",
                    Child.agentJar().toString());
            assertEquals(0, r.exit, r.toString());
            assertTrue(r.out.startsWith("faultline: agent loaded into pid " + c.process.pid() + ": rewriting com.acme.attach;"
                    + " 1 loaded classes in scope, 1 of them retransformed (1 asserts)"), r.toString());
            c.awaitErr(SITE, WAIT);
            Thread.sleep(500);
            assertEquals(1, Child.count(c.err(), SITE), "once: one report\n" + c);
        } finally {
            c.kill();
        }
    }

    @Test
    void faultlineAgentExitStatusesNameThePidAndTheReason() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Cli none = Cli.run("agent", String.valueOf(gone.pid()), "assert:x=warn", "--jar", Child.agentJar().toString());
        assertEquals(4, none.exit, none.toString());
        assertTrue(none.err.contains("no process with pid " + gone.pid()), none.toString());

        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Cli notJvm = Cli.run("agent", String.valueOf(sleeper.pid()), "assert:x=warn", "--jar", Child.agentJar().toString());
            assertEquals(4, notJvm.exit, notJvm.toString());
            assertTrue(notJvm.err.contains("pid " + sleeper.pid() + " (") && notJvm.err.contains("is not a JVM"), notJvm.toString());
            assertTrue(sleeper.isAlive(), "a process that is not a JVM is never sent the attach signal");
        } finally {
            sleeper.destroyForcibly().waitFor();
        }

        Cli usage = Cli.run("agent", "1", "mm=warn", "--jar", Child.agentJar().toString());
        assertEquals(2, usage.exit, usage.toString());
        assertTrue(usage.err.contains("names no package"), usage.toString());

        Cli noJar = Cli.run("agent", "1", "assert:x=warn", "--jar", "/nonexistent/faultline-agent.jar");
        assertEquals(3, noJar.exit, noJar.toString());
        assertTrue(noJar.err.contains("no readable agent jar at /nonexistent/faultline-agent.jar"), noJar.toString());
    }

    @Test
    void aJvmThatDoesNotAnswerIsGivenUpOnAfterTheTimeout() throws Exception {
        Child c = ticker(System.getProperty("java.home"));
        try {
            new ProcessBuilder("kill", "-STOP", String.valueOf(c.process.pid())).start().waitFor();
            long start = System.nanoTime();
            Cli r = Cli.run("agent", String.valueOf(c.process.pid()), "assert:com.acme.attach=warn", "--jar",
                    Child.agentJar().toString(), "--timeout", "2");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertEquals(5, r.exit, r.toString());
            assertTrue(r.err.contains("pid " + c.process.pid() + " did not attach and load the agent within 2 s")
                    || r.err.contains("pid " + c.process.pid() + " refused attach or did not answer"), r.toString());
            assertTrue(seconds < 30, "the command gave up after " + seconds + " s");
            // Nothing left behind in the target's working directory by the attach that gave up.
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("").toAbsolutePath())) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().equals(".attach_pid" + c.process.pid()))
                        .collect(java.util.stream.Collectors.toList()));
            }
        } finally {
            new ProcessBuilder("kill", "-CONT", String.valueOf(c.process.pid())).start().waitFor();
            c.kill();
        }
    }

    /** The {@code faultline} command, run from the test class path in a JVM of its own. */
    static final class Cli {
        final int exit;
        final String out;
        final String err;

        private Cli(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        static Cli run(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "dev.faultline.cli.Main"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            StringBuilder err = new StringBuilder();
            Thread t = new Thread(() -> {
                try {
                    err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (java.io.IOException ignored) {
                    // gone
                }
            });
            t.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("faultline " + String.join(" ", args) + " did not finish");
            }
            t.join();
            return new Cli(p.exitValue(), out, err.toString());
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }
}
