package dev.faultline.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.acme.panics.Invariant;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.io.IOException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In mode panic a false assert is a BUG: the process panics with the report in its crash ring
 * and exits with Faultline's exit code; nothing after the assert runs. Also as an unprivileged
 * user, as pid 1 of its own PID namespace.
 */
class AssertPanicIT {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final String DETAIL = "the queue size is -1";

    static List<String> jdks() {
        return Child.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void panicModeMakesAFalseAssertABugWithTheRingEvidence(String jdk) throws Exception {
        Child c = Child.start(jdk, Child.fixturesOnly(), List.of("-javaagent:" + Child.agentJar(),
                "-Dfaultline.debug=assert:com.acme.panics=panic"), Invariant.class.getName());
        assertEquals(70, c.waitFor(TIMEOUT), c.toString());
        assertEquals("before\n", c.out(), "nothing after the assert runs");
        assertTrue(c.err().contains("BUG: assert:com.acme.panics at com.acme.panics.Invariant.main(Invariant.java:"),
                c.err());
        assertTrue(c.err().contains("Faultline panic - not syncing: BUG at assert:com.acme.panics"), c.err());
        assertBugInRing(c.crashDir);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void warnModeLetsTheSameAssertGoOn(String jdk) throws Exception {
        Child c = Child.start(jdk, Child.fixturesOnly(), List.of("-javaagent:" + Child.agentJar(),
                "-Dfaultline.debug=assert:com.acme.panics=warn"), Invariant.class.getName());
        assertEquals(0, c.waitFor(TIMEOUT), c.toString());
        assertEquals("before\nafter\n", c.out());
        assertTrue(c.err().contains("\nMessage: " + DETAIL + "\n"), c.err());
    }

    /** The crash path as production runs it: a service user, pid 1 of its own PID namespace. */
    @Test
    void panicModeAsAnUnprivilegedUserAsPidOne() throws Exception {
        unprivilegedPanic(false);
    }

    /** As above, and the BUG is in the crash ring. */
    @Test
    void panicModeAsAnUnprivilegedUserLeavesTheBugInItsRing() throws Exception {
        unprivilegedPanic(true);
    }

    private void unprivilegedPanic(boolean ring) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to become fl-svc");
        assumeTrue(new ProcessBuilder("id", "fl-svc").start().waitFor() == 0, "no user fl-svc");
        // Everything fl-svc reads is a copy in a world-readable directory of the test's own.
        Path base = Files.createTempDirectory("faultline-agent-it-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            Path jar = Files.copy(Child.agentJar(), base.resolve("faultline-agent.jar"));
            Path classes = base.resolve("classes/com/acme/panics");
            Files.createDirectories(classes);
            Files.copy(Path.of(Child.fixturesOnly(), "com/acme/panics/Invariant.class"), classes.resolve("Invariant.class"));
            try (Stream<Path> all = Files.walk(base)) {
                for (Path p : all.collect(Collectors.toList())) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            Path crash = base.resolve("crash");
            Files.createDirectory(crash);
            new ProcessBuilder("chown", "fl-svc:fl-svc", crash.toString()).start().waitFor();
            // setpriv execs the JVM (runuser would fork it), so the JVM is the namespace's pid 1.
            List<String> cmd = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc", "setpriv",
                    "--reuid=fl-svc", "--regid=fl-svc", "--init-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xverify:all",
                    "-Dfaultline.dir=" + crash, "-javaagent:" + jar, "-Dfaultline.debug=assert:com.acme.panics=panic",
                    "-cp", base.resolve("classes").toString(), Invariant.class.getName()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            String text = new String(out, StandardCharsets.UTF_8);
            assertEquals(70, p.exitValue(), text);
            assertTrue(text.contains("BUG: assert:com.acme.panics at com.acme.panics.Invariant.main"), text);
            assertTrue(text.contains(", pid 1, "), "the JVM was pid 1 of its namespace\n" + text);
            assertFalse(text.contains("\nafter\n"), text);
            if (ring) {
                assertBugInRing(crash);
            }
        } finally {
            new ProcessBuilder("rm", "-rf", base.toString()).start().waitFor();
        }
    }

    private static void assertBugInRing(Path crashDir) throws IOException {
        List<RingRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.walk(crashDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".ring")).collect(Collectors.toList())) {
                records.addAll(RingReader.read(f).records());
            }
        }
        assertTrue(records.stream().anyMatch(r -> r.isReport() && r.kind().equals("BUG")
                        && r.payload().contains(DETAIL) && r.payload().contains("assert:com.acme.panics")),
                records.stream().map(RingRecord::firstLine).collect(Collectors.joining("\n")));
    }
}
