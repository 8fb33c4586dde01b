package dev.faultline.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.spring.boot.fixtures.PolicyApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The faultline.* Spring properties reach Faultline before the application's code runs, below
 * the system property and the environment variable, and a bad one gets core's own problem line,
 * naming the key, the value and where it came from. Each case is a real Boot application in a
 * child JVM: Faultline reads its start-up settings once per process.
 */
class PrecedenceTest {
    @Test
    void systemPropertyBeatsEnvironmentBeatsApplicationYml() throws Exception {
        // precedence.yml: warn-limit 7, panic-timeout 5, oops-limit 8, app spring-precedence.
        Run r = run(List.of("-Dfaultline.panic_timeout=9"), Map.of("FAULTLINE_OOPS_LIMIT", "11", "FAULTLINE_PANIC_TIMEOUT", "1",
                "FAULTLINE_OOPS_HANDLER", "0"));
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.stdout.contains("policy: warn_limit=7 panic_timeout=9 oops_limit=11 panic_exit_code=70"
                + " app=spring-precedence"), r.toString());
        assertTrue(r.stdout.contains("oops handler: false"), "the environment turned off the starter's default: " + r);
    }

    @Test
    void commandLineArgumentsAreSpringPropertiesToo() throws Exception {
        Run r = run(List.of(), Map.of(), "--faultline.warn-limit=12");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.stdout.contains("policy: warn_limit=12 panic_timeout=5 oops_limit=8"), r.toString());
        assertTrue(r.stdout.contains("oops handler: true"), "the starter's default: " + r);
    }

    @Test
    void aBadValueGetsTheSameLineAsABadSystemPropertyNamingTheKeyAndTheFileAndTheAppStarts() throws Exception {
        Run r = run(List.of(), Map.of(), "--spring.profiles.active=bad");
        assertEquals(0, r.exit, r.toString());
        // precedence-bad.yml: panic-exit-code 999, ring_size (snake case) lots.
        assertTrue(r.stderr.contains("faultline: invalid value '999' for faultline.panic_exit_code (from Spring property"
                + " faultline.panic-exit-code from class path resource [precedence-bad.yml] - "), r.toString());
        assertTrue(r.stderr.contains("expected an integer from 1 to 255; keeping the default 70"), r.toString());
        assertTrue(r.stderr.contains("invalid value 'lots' for faultline.ring_size (from Spring property"
                + " faultline.ring-size from class path resource [precedence-bad.yml]"), r.toString());
        assertTrue(r.stdout.contains("panic_exit_code=70"), r.toString());
    }

    private record Run(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private static Run run(List<String> jvmOptions, Map<String, String> env, String... args) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "precedence-runs").toAbsolutePath());
        List<String> cmd = new ArrayList<>(List.of(Jvm.javaBin(), "-cp", Jvm.testClassPath()));
        cmd.addAll(jvmOptions);
        cmd.add("-Dfaultline.dir=" + Files.createTempDirectory(dir, "run"));
        cmd.add(PolicyApp.class.getName());
        cmd.add("--spring.config.name=precedence");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child did not finish: " + Files.readString(out) + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
