package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The same bugs compiled as two "builds" whose lines, lambda numbering and anonymous-class
 * numbering differ, each run in its own JVM (another pid, another run id): every bug keeps its
 * signature, and different bugs keep different ones.
 */
class SignatureStabilityTest {
    /** {@code %1$s} shifts lines and adds lambdas and an anonymous class before the bugs in build B. */
    private static final String LEDGER = String.join("\n",
            "package com.acme;",
            "import dev.faultline.Faultline;",
            "import dev.faultline.Site;",
            "public class Ledger {",
            "  static final Site OVERDRAFT = Faultline.site(\"ledger.overdraft\");",
            "%1$s",
            "  static void post(long amount) {",
            "%2$s",
            "    Faultline.warnOn(amount < 0, \"negative amount %%s\", amount);",
            "  }",
            "  static void refund(long amount) {",
            "    Faultline.warnOn(amount < 0, \"negative refund\");",
            "  }",
            "  static void transfer(long balance) {",
            "%2$s",
            "    OVERDRAFT.warnOn(balance < 0);",
            "  }",
            "  static void settle() {",
            "    Runnable r = () -> Faultline.warnOn(true, \"in a lambda\");",
            "    r.run();",
            "  }",
            "  static void oops() throws InterruptedException {",
            "    Thread t = new Thread(() -> { throw new IllegalStateException(\"boom\"); }, \"worker\");",
            "    t.start();",
            "    t.join();",
            "  }",
            "  public static void main(String[] args) throws Exception {",
            "    Faultline.addListener(r -> System.out.println(\"SIG \" + r.kind() + \" \" + args[0] + \" \" + r.message()",
            "        + \"|\" + r.site() + \"|\" + r.signature().hash() + \"|\" + r.signature().title()));",
            "    post(-1);",
            "    refund(-1);",
            "    transfer(-1);",
            "    settle();",
            "    oops();",
            "    System.out.println(\"DONE\");",
            "  }",
            "}",
            "");

    private static final String SHIFT = String.join("\n",
            "  // build B: more lines, and more lambdas and an anonymous class before the bugs",
            "  static final Runnable EARLY = () -> {};",
            "  static final Runnable EARLIER = new Runnable() { public void run() {} };",
            "  static final java.util.function.Supplier<String> EARLIEST = () -> \"x\";",
            "");

    @Test
    void sameBugsFromTwoBuildsWithShiftedLinesKeepTheirSignatures() throws Exception {
        Map<String, String[]> a = run(compile("a", ""), "a");
        Map<String, String[]> b = run(compile("b", SHIFT), "b");
        assertEquals(a.keySet(), b.keySet());
        assertEquals(5, a.size(), a.keySet().toString());
        for (String bug : a.keySet()) {
            assertEquals(a.get(bug)[1], b.get(bug)[1], "signature of " + bug);
            assertEquals(a.get(bug)[2], b.get(bug)[2], "title of " + bug);
        }
        // The convenience form's site names carry the line, which moved; the signature does not.
        String postSiteA = a.get("WARNING negative amount -1")[0];
        String postSiteB = b.get("WARNING negative amount -1")[0];
        assertNotEquals(postSiteA, postSiteB);
        assertTrue(postSiteA.matches("com\\.acme\\.Ledger\\.post:\\d+"), postSiteA);
        assertEquals(5, a.values().stream().map(v -> v[1]).distinct().count(), "different bugs, different signatures");
        assertEquals("WARNING in com.acme.Ledger.post", a.get("WARNING negative amount -1")[2]);
        assertEquals("WARNING in com.acme.Ledger.refund", a.get("WARNING negative refund")[2]);
        assertEquals("WARNING in com.acme.Ledger.lambda$settle$*", a.get("WARNING in a lambda")[2]);
        assertEquals("OOPS: java.lang.IllegalStateException in com.acme.Ledger.lambda$oops$*",
                a.get("OOPS " + oopsMessage(a))[2]);
    }

    private static String oopsMessage(Map<String, String[]> sigs) {
        return sigs.keySet().stream().filter(k -> k.startsWith("OOPS ")).findFirst().orElseThrow().substring(5);
    }

    private static Path compile(String build, String shift) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Path.of("target", "signature-builds", build).toAbsolutePath());
        Path src = Files.createDirectories(dir.resolve("src/com/acme")).resolve("Ledger.java");
        Files.writeString(src, String.format(LEDGER, shift, shift.isEmpty() ? "" : "    // moved down\n    //\n"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        // The JDK's own javac, as a build server would run it (the test runs inside core's module).
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", classes.toString(), "-cp", Path.of("target", "classes").toAbsolutePath().toString(),
                src.toString()).inheritIO().start();
        assertEquals(0, javac.waitFor(), "javac of build " + build);
        return classes;
    }

    /** bug (kind + message) → {site, hash, title}, as the child printed them. */
    private static Map<String, String[]> run(Path classes, String build) throws Exception {
        Jvm.Result r = Jvm.run(classes + File.pathSeparator + Path.of("target", "classes").toAbsolutePath(),
                "com.acme.Ledger", List.of("-Dfaultline.oops_handler=1"), Duration.ofSeconds(60), build);
        assertTrue(r.stdout.contains("DONE"), r.toString());
        Map<String, String[]> out = new TreeMap<>();
        for (String line : r.stdout.split("\n")) {
            if (line.startsWith("SIG ")) {
                String[] f = line.split("\\|");
                String head = f[0].substring(4);
                String kind = head.substring(0, head.indexOf(' '));
                String message = head.substring(head.indexOf(' ', kind.length() + 1) + 1);
                out.put(kind + " " + message, new String[] {f[1], f[2], f[3]});
            }
        }
        return out;
    }
}
