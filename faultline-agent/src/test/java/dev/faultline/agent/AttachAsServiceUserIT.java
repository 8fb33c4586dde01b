package dev.faultline.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.acme.attach.Ticker;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The production shape: the service runs as the unprivileged user fl-svc; its own user loads
 * the agent with {@code faultline agent}, and the hostile neighbour fl-other is refused without
 * the service being touched.
 */
class AttachAsServiceUserIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theServicesOwnUserLoadsTheAgentAndAnotherUserIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to become fl-svc and fl-other");
        assumeTrue(new ProcessBuilder("id", "fl-svc").start().waitFor() == 0
                && new ProcessBuilder("id", "fl-other").start().waitFor() == 0, "no users fl-svc and fl-other");
        Path cliJar = cliJar();
        assumeTrue(cliJar != null, "the faultline-cli jar is not built (run through verify)");
        Path base = Files.createTempDirectory("faultline-agent-attach-it-");
        Process service = null;
        try {
            Path agent = Files.copy(Child.agentJar(), base.resolve("faultline-agent.jar"));
            Path cli = Files.copy(cliJar, base.resolve("faultline-cli.jar"));
            Path classes = base.resolve("classes/com/acme/attach");
            Files.createDirectories(classes);
            Files.copy(Path.of(Child.fixturesOnly(), "com/acme/attach/Ticker.class"), classes.resolve("Ticker.class"));
            try (Stream<Path> all = Files.walk(base)) {
                for (Path p : all.collect(Collectors.toList())) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            service = new ProcessBuilder(as("fl-svc", java, "-Xverify:all", "-Dfaultline.dir=" + base.resolve("crash"), "-cp",
                    base.resolve("classes").toString(), Ticker.class.getName()))
                    .redirectErrorStream(true).redirectOutput(base.resolve("service.out").toFile()).start();
            awaitFile(base.resolve("service.out"), "tick 20");

            Result other = run(as("fl-other", java, "-jar", cli.toString(), "agent", String.valueOf(service.pid()),
                    "assert:com.acme.attach=warn", "--jar", agent.toString()));
            assertEquals(5, other.exit, other.toString());
            assertTrue(other.err.contains("pid " + service.pid() + " belongs to user fl-svc, not to fl-other"), other.toString());
            Thread.sleep(300);
            assertFalse(Files.readString(base.resolve("service.out")).contains("faultline-agent"),
                    "nothing was loaded into the service");
            assertTrue(service.isAlive());

            Result own = run(as("fl-svc", java, "-jar", cli.toString(), "agent", String.valueOf(service.pid()),
                    "assert:com.acme.attach=warn", "--jar", agent.toString()));
            assertEquals(0, own.exit, own.toString());
            assertTrue(own.out.contains("1 loaded classes in scope, 1 of them retransformed (1 asserts)"), own.toString());
            awaitFile(base.resolve("service.out"), "WARNING: assert:com.acme.attach at com.acme.attach.Ticker.tick(Ticker.java:");
            assertTrue(service.isAlive());
        } finally {
            if (service != null) {
                service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            new ProcessBuilder("rm", "-rf", base.toString()).start().waitFor();
        }
    }

    private static List<String> as(String user, String... command) {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups"));
        cmd.addAll(List.of(command));
        return cmd;
    }

    private static Path cliJar() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.contains("faultline-cli") && entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                return Path.of(entry);
            }
        }
        return null;
    }

    private static void awaitFile(Path file, String needle) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(file).contains(needle)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("'" + needle + "' not in " + file + ":\n" + Files.readString(file));
            }
            Thread.sleep(50);
        }
    }

    private static Result run(List<String> cmd) throws Exception {
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
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd));
        t.join();
        return new Result(p.exitValue(), out, err.toString());
    }

    private static final class Result {
        final int exit;
        final String out;
        final String err;

        Result(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }
}
