package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Cli;
import dev.faultline.fixtures.Jvm;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's closing tips work as printed: each command it suggests is run as a user would type
 * it (its environment variables included: the command's JVM is started without the test's
 * FAULTLINE_* variables, with the tip's), and exits with the status the tip names, else 0.
 */
class DemoTipsTest {
    static final Pattern STATUS = Pattern.compile("exit\\s+status\\s+(\\d+)");

    @TempDir
    Path dir;

    record Tip(Map<String, String> env, List<String> args, int status, String text) {}

    static List<Tip> tips(String demoOut) {
        int at = demoOut.indexOf("\nDone. Next, each as printed:\n");
        assertTrue(at >= 0, demoOut);
        List<String> lines = demoOut.substring(at + 1).lines().toList();
        List<Tip> tips = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("  ") || line.startsWith("   ")) {
                continue;
            }
            StringBuilder said = new StringBuilder();
            for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("      "); j++) {
                said.append(lines.get(j).trim()).append(' ');
            }
            Map<String, String> env = new LinkedHashMap<>();
            List<String> args = new ArrayList<>();
            boolean command = false;
            for (String word : line.trim().split(" +")) {
                if (!command && word.matches("[A-Z_]+=.*")) {
                    env.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
                } else if (!command) {
                    assertEquals("./faultline", word, "a tip is an optional environment, then ./faultline: " + line);
                    command = true;
                } else {
                    args.add(word);
                }
            }
            Matcher m = STATUS.matcher(said);
            tips.add(new Tip(env, args, m.find() ? Integer.parseInt(m.group(1)) : 0, line.trim() + " — " + said));
        }
        return tips;
    }

    /** The command as {@code ./faultline} runs it (java -cp ... Main), with exactly the tip's FAULTLINE_* variables. */
    Jvm.Result run(Tip tip) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Jvm.javaBin(), "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + dir, "-cp", Jvm.testClassPath(), Main.class.getName()));
        cmd.addAll(tip.args());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_") || k.equals("JAZZER_FUZZ"));
        pb.environment().putAll(tip.env());
        File out = dir.resolve("out-" + System.nanoTime()).toFile();
        File err = dir.resolve("err-" + System.nanoTime()).toFile();
        Process p = pb.redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the tip did not finish in 180 s: " + tip.text());
        }
        return new Jvm.Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    @Test
    void everyTipRunsAsPrintedWithTheStatusItNames() throws Exception {
        Jvm.Result demo = Cli.run("demo");
        assertEquals(0, demo.exitCode, demo.toString());
        List<Tip> tips = tips(demo.stdout);
        assertEquals(3, tips.size(), tips.toString());
        for (Tip tip : tips) {
            Jvm.Result r = run(tip);
            if (tip.args().equals(List.of("ps")) && r.exitCode == ExitCodes.TIMED_OUT) {
                // Another JVM of this user on a shared, loaded machine did not answer within the
                // timeout: ps lists it with '?' and says so, as documented.
                assertTrue(r.stdout.contains("?") || r.stderr.contains("did not answer"), r.toString());
                continue;
            }
            assertEquals(tip.status(), r.exitCode, tip.text() + "\n" + r);
            if (tip.status() == ExitCodes.PANIC) {
                assertTrue(r.stdout.contains("faultline.panic_on_warn is 1: the first warning (step 1) panics this JVM,"
                        + " which then halts with exit status 70"), r.stdout);
                assertTrue(r.stdout.contains("PANIC: demo.overdraft at "), r.stdout);
                assertTrue(r.stdout.contains("=> panic_on_warn made that warning a panic: this JVM halts now with exit"
                        + " status 70."), r.stdout);
                assertFalse(r.stdout.contains("== 2."), "the tour ends at step 1: " + r.stdout);
                // ... and the command it then prints reads both reports back.
                Matcher show = Pattern.compile("\n   \\./faultline ring show (\\S+)\n").matcher(r.stdout);
                assertTrue(show.find(), r.stdout);
                Jvm.Result ring = run(new Tip(Map.of(), List.of("ring", "show", show.group(1)), 0, "ring show"));
                assertEquals(0, ring.exitCode, ring.toString());
                assertTrue(ring.stdout.contains("WARNING demo.overdraft") || ring.stdout.contains("WARNING: demo.overdraft"),
                        ring.stdout);
                assertTrue(ring.stdout.contains("PANIC: demo.overdraft"), ring.stdout);
            }
        }
    }
}
