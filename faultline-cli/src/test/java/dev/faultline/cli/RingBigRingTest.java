package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.ring.CraftedRing;
import dev.faultline.ring.RingFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ring show}, {@code ring show --json}, {@code ring verify} and {@code triage} on a 1 GiB
 * ring (a sparse file) in a CLI with a 32 MiB heap: before, each read the whole gigabyte into
 * the heap and failed with OutOfMemoryError.
 */
class RingBigRingTest {
    @TempDir
    Path dir;

    int faultline(Path out, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Jvm.javaBin(), "-Xmx32m", "-XX:+UseSerialGC", "-cp",
                Jvm.testClassPath(), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "timed out: " + String.join(" ", args));
        return p.exitValue();
    }

    @Test
    void a1GiBRingIsShownVerifiedAndTriagedWithA32MiBHeap() throws Exception {
        Path crash = Files.createDirectories(dir.resolve("crash"));
        Path file = crash.resolve("4242-" + CraftedRing.RUN + ".ring");
        CraftedRing ring = CraftedRing.inFile(file, RingFormat.MAX_CAPACITY);
        int records = ring.denseFrames(0, 1 << 20, 1, "newest lap")
                + ring.denseFrames(512 << 20, (512 << 20) + (4 << 20), 0, "older lap");

        Path out = dir.resolve("verify.txt");
        assertEquals(0, faultline(out, "ring", "verify", file.toString()), Files.readString(dir.resolve("err.txt")));
        assertTrue(Files.readString(out).startsWith("OK      " + file + ": run " + CraftedRing.RUN + " pid 4242 started"
                + " 2023-11-14T22:13:20Z, did not shut down cleanly; " + records + " valid, 0 torn, 0 corrupt\n"),
                Files.readString(out));

        out = dir.resolve("show.txt");
        assertEquals(0, faultline(out, "ring", "show", file.toString()), Files.readString(dir.resolve("err.txt")));
        try (Stream<String> lines = Files.lines(out)) {
            List<String> shown = lines.filter(l -> l.startsWith("#")).toList();
            assertEquals(records, shown.size());
            assertTrue(shown.get(0).startsWith("#" + RingFormat.sequenceOf(512L << 20) + " "), shown.get(0));
            assertTrue(shown.get(0).endsWith(" d: older lap"), shown.get(0));
            assertTrue(shown.get(shown.size() - 1).endsWith(" d: newest lap"), shown.get(shown.size() - 1));
        }

        out = dir.resolve("show.json");
        assertEquals(0, faultline(out, "ring", "show", "--json", file.toString()), Files.readString(dir.resolve("err.txt")));
        String json = Files.readString(out);
        assertTrue(json.startsWith("{\"file\":"), json.substring(0, 200));
        assertTrue(json.contains("\"valid\":" + records + ","), json.substring(0, 400));
        assertTrue(json.endsWith("\"live\":false}\n"), json.substring(json.length() - 200));

        out = dir.resolve("triage.txt");
        assertEquals(0, faultline(out, "triage", crash.toString()), Files.readString(dir.resolve("err.txt")));
        assertTrue(Files.readString(out).endsWith("0 bugs, 0 reports\n"), Files.readString(out));
    }
}
