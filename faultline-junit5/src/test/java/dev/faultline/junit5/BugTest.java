package dev.faultline.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.junit5.fixtures.BugFixtures;
import dev.faultline.junit5.fixtures.KitMain;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A BUG under the extension fails its test and never halts the test JVM — checked in a real
 * child JVM started with test mode explicitly off, where a halting panic would end the process
 * with the panic exit code before it could print "still alive".
 */
class BugTest {

    @Test
    void aBugFailsItsTestAndTheTestJvmGoesOn() throws Exception {
        Child c = Child.run(BugFixtures.Bugs.class);
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.out.contains("test_mode at start=0"), c.toString());
        assertTrue(c.out.contains("result bugOnTheTestThread() FAILED dev.faultline.PanicError: BUG at fixture.queue"),
                c.toString());
        assertTrue(c.out.contains("result bugOnAnotherThread() FAILED org.opentest4j.AssertionFailedError: Faultline:"
                + " 1 unexpected report during Bugs.bugOnAnotherThread()"), c.toString());
        assertTrue(c.out.contains("result anExpectedBug() SUCCESSFUL"), c.toString());
        assertTrue(c.out.contains("result aCleanTestAfterwards() SUCCESSFUL"), c.toString());
        assertTrue(c.out.contains("test_mode at end=1"), c.toString());
        assertTrue(c.out.contains("still alive"), c.toString());
        assertTrue(c.err.contains("faultline: faultline.test_mode changed from 0 to 1 (via junit5 extension)"),
                c.toString());
    }

    /** A finished child JVM running {@link KitMain} on one fixture class. */
    static final class Child {
        final int exit;
        final String out;
        final String err;

        private Child(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        static Child run(Class<?> fixture) throws Exception {
            Path out = Files.createTempFile("faultline-junit5", ".out");
            Path err = Files.createTempFile("faultline-junit5", ".err");
            try {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                ProcessBuilder pb = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1",
                        "-Dfaultline.test_mode=0", "-cp", classPath(), KitMain.class.getName(), fixture.getName()))
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
                Process p = pb.start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("child JVM did not finish within 120 s:\n" + Files.readString(out)
                            + "\n" + Files.readString(err));
                }
                return new Child(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }

        /** The test class path: surefire names it explicitly; elsewhere the JVM's own. */
        private static String classPath() {
            String cp = System.getProperty("surefire.test.class.path");
            return cp != null && !cp.isEmpty() ? cp : System.getProperty("java.class.path").replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }
}
