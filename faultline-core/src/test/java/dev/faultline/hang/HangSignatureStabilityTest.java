package dev.faultline.hang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A hang at the same place on two builds is one row: the same deadlock, hung task, lockup and
 * stall compiled as two "builds" whose lines, lambda numbering and thread start order differ,
 * each run in its own JVM, keep their signatures, and the four differ from one another.
 */
class HangSignatureStabilityTest {
    /** {@code %1$s}: build B's extra lines and lambdas; {@code %2$s}: the order the deadlock's threads start in. */
    private static final String HANGS = String.join("\n",
            "package com.acme;",
            "import dev.faultline.Faultline;",
            "import dev.faultline.report.ReportKind;",
            "import dev.faultline.Watchdog;",
            "import java.time.Duration;",
            "import java.util.concurrent.CountDownLatch;",
            "public class Hangs {",
            "%1$s",
            "  static final Object A = new Object();",
            "  static final Object B = new Object();",
            "  static final Object CACHE = new Object();",
            "  static final CountDownLatch BOTH = new CountDownLatch(2);",
            "  static void transfer() {",
            "    synchronized (A) { BOTH.countDown(); await(); synchronized (B) { } }",
            "  }",
            "  static void audit() {",
            "    synchronized (B) { BOTH.countDown(); await(); synchronized (A) { } }",
            "  }",
            "  static void await() {",
            "    try { BOTH.await(); } catch (InterruptedException e) { }",
            "  }",
            "  static void hold() {",
            "    synchronized (CACHE) { try { Thread.sleep(600000); } catch (InterruptedException e) { } }",
            "  }",
            "  static void read() {",
            "    synchronized (CACHE) { }",
            "  }",
            "  static void loop() {",
            "    Watchdog w = Faultline.watchdog(\"pump\", Duration.ofMillis(500));",
            "    w.touch();",
            "    for (;;) { stuck(); }",
            "  }",
            "  static volatile long x;",
            "  static void stuck() {",
            "    for (int i = 0; i < 1000; i++) { x = x * 31 + i; }",
            "  }",
            "  static void start(Runnable r, String name) {",
            "    Thread t = new Thread(r, name); t.setDaemon(true); t.start();",
            "  }",
            "  public static void main(String[] args) throws Exception {",
            "    Faultline.addListener(r -> System.out.println(\"SIG \" + r.kind() + \"|\" + r.site() + \"|\"",
            "        + r.signature().hash() + \"|\" + r.signature().title()));",
            "%2$s",
            "    start(Hangs::hold, \"holder-\" + args[0]);",
            "    Thread.sleep(100);",
            "    start(Hangs::read, \"reader-\" + args[0]);",
            "    start(Hangs::loop, \"loop-\" + args[0]);",
            "    long end = System.nanoTime() + 60_000_000_000L;",
            "    while (System.nanoTime() < end && (Faultline.hangCount(ReportKind.DEADLOCK) == 0",
            "        || Faultline.hangCount(ReportKind.HUNG) == 0 || Faultline.hangCount(ReportKind.LOCKUP) == 0)) {",
            "      Thread.sleep(20);",
            "    }",
            "    Faultline.awaitPrinted(Duration.ofSeconds(10));",
            "    System.out.println(\"DONE\");",
            "    System.exit(0);",
            "  }",
            "}",
            "");

    private static final String SHIFT = String.join("\n",
            "  // build B: more lines, and lambdas before the hangs",
            "  static final Runnable EARLY = () -> { };",
            "  static final java.util.function.Supplier<String> EARLIER = () -> \"x\";",
            "");
    private static final String A_FIRST = "    start(Hangs::transfer, \"t-\" + args[0]);\n    start(Hangs::audit, \"a-\" + args[0]);";
    private static final String B_FIRST = "    start(Hangs::audit, \"a-\" + args[0]);\n    Thread.sleep(50);\n"
            + "    start(Hangs::transfer, \"t-\" + args[0]);";

    @Test
    void theSameHangsFromTwoBuildsKeepTheirSignatures() throws Exception {
        Map<String, String[]> a = run(compile("a", "", A_FIRST), "a");
        Map<String, String[]> b = run(compile("b", SHIFT, B_FIRST), "b");
        assertEquals(a.keySet(), b.keySet());
        assertEquals(java.util.Set.of("DEADLOCK", "HUNG", "LOCKUP"), a.keySet());
        for (String kind : a.keySet()) {
            assertEquals(a.get(kind)[1], b.get(kind)[1], "signature of the " + kind + " in build a and b");
            assertEquals(a.get(kind)[2], b.get(kind)[2], "title of the " + kind);
        }
        assertEquals("DEADLOCK in com.acme.Hangs.audit", a.get("DEADLOCK")[2]);
        assertEquals("HUNG in com.acme.Hangs.read", a.get("HUNG")[2]);
        assertEquals("LOCKUP in pump", a.get("LOCKUP")[2]);
        assertEquals(3, a.values().stream().map(v -> v[1]).distinct().count(), "different hangs, different signatures");
    }

    private static Path compile(String build, String shift, String start) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "signature-builds", "hangs-" + build).toAbsolutePath());
        Path src = Files.createDirectories(dir.resolve("src/com/acme")).resolve("Hangs.java");
        Files.writeString(src, String.format(HANGS, shift, start));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", classes.toString(), "-cp", Path.of("target", "classes").toAbsolutePath().toString(),
                src.toString()).inheritIO().start();
        assertEquals(0, javac.waitFor(), "javac of build " + build);
        return classes;
    }

    /** kind → {site, hash, title} of the first report of that kind the child printed. */
    private static Map<String, String[]> run(Path classes, String build) throws Exception {
        Jvm.Result r = Jvm.run(classes + File.pathSeparator + Path.of("target", "classes").toAbsolutePath(),
                "com.acme.Hangs", List.of("-Dfaultline.deadlock_check=500ms", "-Dfaultline.hung_task_timeout=1",
                        "-Dfaultline.hung_task_check_interval=200ms"), Duration.ofSeconds(90), build);
        assertTrue(r.stdout.contains("DONE"), r.toString());
        Map<String, String[]> out = new TreeMap<>();
        for (String line : r.stdout.split("\n")) {
            if (line.startsWith("SIG ")) {
                String[] f = line.substring(4).split("\\|");
                if (!f[0].equals("NOTICE") && !f[0].equals("STALL")) {
                    out.putIfAbsent(f[0], new String[] {f[1], f[2], f[3]});
                }
            }
        }
        return out;
    }
}
