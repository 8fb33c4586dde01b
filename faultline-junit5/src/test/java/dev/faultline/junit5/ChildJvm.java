package dev.faultline.junit5;

import dev.faultline.junit5.fixtures.KitMain;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A finished child JVM that ran {@link KitMain} on one fixture class. */
final class ChildJvm {
    final int exit;
    final String out;
    final String err;

    private ChildJvm(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code fixture} in a fresh JVM with {@code jvmOptions} (no FAULTLINE_* variables inherited). */
    static ChildJvm run(Class<?> fixture, String... jvmOptions) throws Exception {
        Path out = Files.createTempFile("faultline-junit5", ".out");
        Path err = Files.createTempFile("faultline-junit5", ".err");
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-XX:TieredStopAtLevel=1");
            cmd.addAll(List.of(jvmOptions));
            // The child's crash ring goes under target/, never into the user's default crash directory.
            cmd.add("-Dfaultline.dir=" + Files.createDirectories(Path.of("target", "faultline-children").toAbsolutePath()));
            cmd.addAll(List.of("-cp", classPath(), KitMain.class.getName(), fixture.getName()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_") || k.equals("JAZZER_FUZZ"));
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("child JVM did not finish within 120 s:\n" + Files.readString(out)
                        + "\n" + Files.readString(err));
            }
            return new ChildJvm(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The test class path: surefire names it explicitly; elsewhere the JVM's own. */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isEmpty() ? cp : System.getProperty("java.class.path");
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
}
