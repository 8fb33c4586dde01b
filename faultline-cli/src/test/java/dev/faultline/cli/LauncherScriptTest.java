package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Docs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./faultline} script on its first run: it shows the build's progress
 * (one line per module, a count of downloads) instead of minutes of silence, keeps Maven's log,
 * prints its end when the build fails, and builds nothing when the jar is up to date. The real
 * script runs in a copy of the repository's root whose {@code mvnw} prints what Maven prints on
 * a fresh machine and whose {@code java} says how it was called.
 */
class LauncherScriptTest {
    @TempDir
    Path root;

    record Run(int status, String stdout, String stderr) {}

    void fakeMaven(String body) throws Exception {
        Files.copy(Docs.root().resolve("faultline"), root.resolve("faultline"));
        Files.writeString(root.resolve("mvnw"), "#!/usr/bin/env bash\n" + body);
        Path java = Files.createDirectories(root.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\necho \"java $*\"\n");
        for (Path p : new Path[] {root.resolve("faultline"), root.resolve("mvnw"), java}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    Run run(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = root.resolve("faultline").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        Path out = root.resolve("stdout");
        Path err = root.resolve("stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the script did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static final String FRESH_MACHINE = """
            echo "Couldn't find MAVEN_HOME, downloading and installing it ..."
            echo "[INFO] Scanning for projects..."
            for i in $(seq 1 150); do
              echo "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/x/$i.pom"
              echo "[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/x/$i.pom (2 kB at 9 kB/s)"
            done
            echo "[INFO] Building Faultline core 0.1.0-SNAPSHOT                             [1/2]"
            echo "[INFO] Building Faultline CLI 0.1.0-SNAPSHOT                              [2/2]"
            """;

    @Test
    void aFirstRunShowsTheBuildsProgressThenRunsTheCommand() throws Exception {
        fakeMaven(FRESH_MACHINE + """
                mkdir -p faultline-cli/target && echo jar > faultline-cli/target/faultline-cli.jar
                echo "[INFO] BUILD SUCCESS"
                """);
        Run r = run("demo");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.stderr().startsWith("faultline: building the command line tool (first run, or sources changed);"
                + " Maven's log: " + root.resolve("faultline-cli/target/faultline-build.log")), r.stderr());
        assertTrue(r.stderr().contains("\nfaultline:   fetching Maven itself (once)\n"), r.stderr());
        assertTrue(r.stderr().contains("\nfaultline:   1 files downloaded so far (dependencies, once)\n"), r.stderr());
        assertTrue(r.stderr().contains("\nfaultline:   100 files downloaded so far (dependencies, once)\n"), r.stderr());
        assertTrue(r.stderr().contains("\nfaultline:   [1/2] Faultline core\nfaultline:   [2/2] Faultline CLI\n"), r.stderr());
        assertTrue(r.stderr().endsWith("faultline:   built (150 files downloaded)\n"), r.stderr());
        assertTrue(Files.readString(root.resolve("faultline-cli/target/faultline-build.log")).contains("[INFO] BUILD SUCCESS"));
        assertEquals("java -jar " + root.resolve("faultline-cli/target/faultline-cli.jar") + " demo\n", r.stdout());

        Run again = run("ps");
        assertEquals("", again.stderr(), "an up-to-date jar is not built again");
        assertEquals("java -jar " + root.resolve("faultline-cli/target/faultline-cli.jar") + " ps\n", again.stdout());
    }

    @Test
    void aFailedBuildShowsTheEndOfMavensLogAndRunsNothing() throws Exception {
        fakeMaven(FRESH_MACHINE + """
                echo "[ERROR] COMPILATION ERROR : Main.java:[3,1] class, interface, enum, or record expected"
                echo "[INFO] BUILD FAILURE"
                exit 1
                """);
        Run r = run("demo");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.stderr().contains("faultline: the build failed; the end of "
                + root.resolve("faultline-cli/target/faultline-build.log") + ":\n"), r.stderr());
        assertTrue(r.stderr().contains("[ERROR] COMPILATION ERROR : Main.java:[3,1]"), r.stderr());
        assertFalse(r.stdout().contains("java -jar"), "nothing runs after a failed build: " + r.stdout());
    }
}
