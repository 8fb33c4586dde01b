package dev.faultline.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.fixtures.Jvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core as a named module, the way a modular application uses it: an application module that
 * requires {@code dev.faultline} compiles against the exported API, cannot compile against an
 * internal package, and at run time warns, panics in test mode and is controlled over JMX
 * (whose MBean implementation sits in a package the module does not export).
 */
class ModulePathTest {
    private static final String MAIN = String.join("\n",
            "package acme.app;",
            "import dev.faultline.Faultline;",
            "import dev.faultline.PanicError;",
            "import dev.faultline.Site;",
            "import java.lang.management.ManagementFactory;",
            "import javax.management.ObjectName;",
            "public final class Main {",
            "    static final Site NEGATIVE = Faultline.site(\"ledger.negative-balance\");",
            "    public static void main(String[] args) throws Exception {",
            "        System.out.println(\"warned \" + NEGATIVE.warnOn(true, \"balance %s\", -5));",
            "        try {",
            "            Faultline.site(\"ledger.corrupt\").bugOn(true);",
            "        } catch (PanicError e) {",
            "            System.out.println(\"panicked \" + e.getMessage());",
            "        }",
            "        ObjectName name = new ObjectName(\"dev.faultline:type=Faultline\");",
            "        for (int i = 0; i < 200 && !ManagementFactory.getPlatformMBeanServer().isRegistered(name); i++) {",
            "            Thread.sleep(25);",
            "        }",
            "        Object count = ManagementFactory.getPlatformMBeanServer().getAttribute(name, \"WarnCount\");",
            "        System.out.println(\"jmx warn count \" + count);",
            "        System.out.println(\"ring \" + Faultline.ring().file());",
            "    }",
            "}",
            "");

    @TempDir
    Path tmp;

    @Test
    void anApplicationModuleUsesTheExportedApiAndRunsOnTheModulePath() throws Exception {
        Path app = source("acme.app", "module acme.app { requires dev.faultline; requires java.management; }", MAIN);
        Path out = tmp.resolve("out");
        String errors = compile(app, out);
        assertEquals("", errors, "the application module compiles against the exported API");

        Jvm.Result run = Jvm.runModule(coreModule() + java.io.File.pathSeparator + out, "acme.app/acme.app.Main",
                List.of("-Dfaultline.test_mode=1", "-Dfaultline.dir=" + tmp.resolve("crash")), Duration.ofSeconds(60));
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.stdout.contains("warned true"), run.toString());
        assertTrue(run.stdout.contains("panicked BUG at ledger.corrupt"), run.toString());
        assertTrue(run.stdout.contains("jmx warn count 1"), run.toString());
        assertTrue(run.stdout.contains("ring " + tmp.resolve("crash")), "the crash ring is on disk: " + run);
        assertTrue(run.stderr.contains("WARNING: ledger.negative-balance at acme.app/acme.app.Main.main"), "the warning was printed: " + run);
        assertFalse(run.stderr.contains("IllegalAccess"), run.toString());
    }

    @Test
    void anInternalPackageIsNotVisibleToAnotherModule() throws Exception {
        Path app = source("acme.sneaky", "module acme.sneaky { requires dev.faultline; }",
                "package acme.app;\nimport dev.faultline.internal.runtime.Counters;\n"
                        + "public final class Main { long n = Counters.warnCount(); }\n");
        String errors = compile(app, tmp.resolve("sneaky-out"));
        assertTrue(errors.contains("package dev.faultline.internal.runtime is not visible"), errors);
    }

    private Path source(String module, String descriptor, String main) throws IOException {
        Path dir = tmp.resolve(module);
        Files.createDirectories(dir.resolve("acme/app"));
        Files.writeString(dir.resolve("module-info.java"), descriptor);
        Files.writeString(dir.resolve("acme/app/Main.java"), main);
        return dir;
    }

    /** Compiles with the JDK's own javac beside the running java; returns its errors ("" when it succeeded). */
    private static String compile(Path sourceDir, Path out) throws IOException, InterruptedException {
        Path javac = Path.of(Jvm.javaBin()).resolveSibling("javac");
        Process p = new ProcessBuilder(javac.toString(), "--release", "17", "--module-path", coreModule(),
                "-d", out.toString(), sourceDir.resolve("module-info.java").toString(),
                sourceDir.resolve("acme/app/Main.java").toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        return rc == 0 ? "" : text.isEmpty() ? "javac exited " + rc : text;
    }

    /** Core's compiled classes (with module-info.class), as the test runs against them. */
    private static String coreModule() {
        try {
            return Path.of(Faultline.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
