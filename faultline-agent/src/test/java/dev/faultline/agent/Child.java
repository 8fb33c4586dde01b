package dev.faultline.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for the agent's tests: a chosen JDK, always {@code -Xverify:all} (every rewritten
 * class is checked by the verifier), its own crash directory, and output collected as it comes.
 */
final class Child {
    /** The JDKs every test runs on: the one running the tests (17) and the newer one installed beside it. */
    static final String NEWER_JDK = "/usr/lib/jvm/temurin-25-jdk-amd64";

    final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    final Path crashDir;

    private Child(Process process, Path crashDir) {
        this.process = process;
        this.crashDir = crashDir;
        drain(process.getInputStream(), out);
        drain(process.getErrorStream(), err);
    }

    /** The JDK homes to run on: this one, and {@link #NEWER_JDK} when it is installed. */
    static List<String> jdks() {
        List<String> homes = new ArrayList<>();
        homes.add(System.getProperty("java.home"));
        if (Files.isExecutable(Path.of(NEWER_JDK, "bin", "java"))) {
            homes.add(NEWER_JDK);
        }
        return homes;
    }

    static Path agentJar() {
        Path jar = Path.of(System.getProperty("faultline.agent.jar", "target/faultline-agent.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no agent jar at " + jar + " (these tests run after package)");
        }
        return jar;
    }

    /** The test classes only: an application that has no faultline-core. */
    static String fixturesOnly() {
        return Path.of("target", "test-classes").toAbsolutePath().toString();
    }

    /** The fixtures and faultline-core: an application that depends on Faultline itself. */
    static String fixturesWithCore() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.contains("faultline-core") && !entry.contains("test")) {
                return fixturesOnly() + File.pathSeparator + entry;
            }
        }
        throw new IllegalStateException("faultline-core is not on the test class path");
    }

    static Child start(String jdk, String classPath, List<String> options, String main, String... args)
            throws IOException {
        Path base = Files.createDirectories(Path.of("target", "agent-children").toAbsolutePath());
        Path dir = Files.createTempDirectory(base, "child");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(jdk, "bin", "java").toString());
        cmd.add("-Xverify:all");
        cmd.add("-Dfaultline.dir=" + dir);
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(main);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("FAULTLINE_DEBUG");
        return new Child(pb.start(), dir);
    }

    /** Runs to the end; kills the child and fails after {@code timeout}. Returns the exit code. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("child did not finish within " + timeout + "\n" + this);
        }
        // the readers finish with the streams
        for (int i = 0; i < 100 && (readers > 0); i++) {
            Thread.sleep(20);
        }
        return process.exitValue();
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** Waits until stdout has printed {@code needle}; fails with everything printed after {@code timeout}. */
    String awaitOut(String needle, Duration timeout) throws InterruptedException {
        return await(out, needle, timeout);
    }

    String awaitErr(String needle, Duration timeout) throws InterruptedException {
        return await(err, needle, timeout);
    }

    private String await(StringBuffer b, String needle, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!b.toString().contains(needle)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("'" + needle + "' not printed within " + timeout + "\n" + this);
            }
            if (!process.isAlive() && !b.toString().contains(needle)) {
                Thread.sleep(200);
                if (!b.toString().contains(needle)) {
                    throw new AssertionError("child exited before printing '" + needle + "'\n" + this);
                }
            }
            Thread.sleep(10);
        }
        return b.toString();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private volatile int readers;

    private void drain(InputStream in, StringBuffer to) {
        synchronized (this) {
            readers++;
        }
        Thread t = new Thread(() -> {
            byte[] b = new byte[8192];
            try {
                for (int n; (n = in.read(b)) > 0; ) {
                    to.append(new String(b, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the child is gone
            } finally {
                synchronized (this) {
                    readers--;
                }
            }
        }, "child-output");
        t.setDaemon(true);
        t.start();
    }

    /** How often {@code needle} occurs in {@code text}. */
    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    @Override
    public String toString() {
        return "--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
}
