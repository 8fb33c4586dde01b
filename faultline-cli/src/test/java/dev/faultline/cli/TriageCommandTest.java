package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Signature;
import dev.faultline.internal.ring.RingWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code faultline triage} over two hosts' crash directories holding rings from two builds whose
 * lines differ: one row per bug, counted across hosts and runs.
 */
class TriageCommandTest {
    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream oldOut;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A report of the negative-balance bug from a build where the check is on {@code line}. */
    private static Report post(int line, long seconds, String run) {
        return Report.builder(ReportKind.WARNING).sequence(seconds).site("com.acme.Ledger.post:" + line)
                .message("balance -1").time(Instant.ofEpochSecond(1_700_000_000L + seconds)).process(7, run)
                .stack(List.of(new StackTraceElement("com.acme.Ledger", "post", "Ledger.java", line),
                        new StackTraceElement("com.acme.Api", "handle", "Api.java", line + 100)))
                .build();
    }

    private static Report refund(String run) {
        return Report.builder(ReportKind.WARNING).sequence(99).site("ledger.refund").process(7, run)
                .time(Instant.ofEpochSecond(1_700_000_050L))
                .stack(List.of(new StackTraceElement("com.acme.Ledger", "refund", "Ledger.java", 80))).build();
    }

    private Path ring(Path file, String run, Report... reports) throws Exception {
        RingWriter w = RingWriter.inMemory(64 * 1024, 7, 1_700_000_000_000L, run);
        w.append(Level.INFO, "app.Orders", "an application line, not a report");
        for (Report r : reports) {
            w.append(r);
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, w.snapshot());
    }

    @Test
    void oneRowPerBugAcrossHostsRunsAndBuilds() throws Exception {
        Path hostA = dir.resolve("host-a");
        Path hostB = dir.resolve("host-b");
        String runA1 = "00000000000000a1";
        String runA2 = "00000000000000a2";
        String runB1 = "00000000000000b1";
        ring(hostA.resolve("1-a1.ring"), runA1, post(42, 1, runA1), post(42, 2, runA1), post(42, 3, runA1),
                refund(runA1));
        ring(hostA.resolve("archive/run-a2/ring.bin"), runA2, post(57, 4, runA2), post(57, 5, runA2));
        ring(hostB.resolve("archive/run-b1/ring.bin"), runB1, post(57, 9, runB1));

        int rc = new CommandLine(new Main()).execute("triage", hostA.toString(), hostB.toString());
        assertEquals(0, rc, out());
        String sig = Signature.of(ReportKind.WARNING, "com.acme.Ledger.post:42", post(42, 1, runA1).stack()).hash();
        List<String> lines = out().lines().toList();
        assertEquals(4, lines.size(), out());
        assertTrue(lines.get(0).startsWith("SIGNATURE"), out());
        assertTrue(lines.get(1).matches(sig + "\\s+6\\s+2\\s+3\\s+2023-11-14T22:13:21Z\\s+2023-11-14T22:13:29Z\\s+"
                + "WARNING in com\\.acme\\.Ledger\\.post"), out());
        assertTrue(lines.get(2).matches("[0-9a-f]{16}\\s+1\\s+1\\s+1\\s+.*WARNING in com\\.acme\\.Ledger\\.refund"), out());
        assertEquals("2 bugs, 7 reports", lines.get(3));

        out.reset();
        assertEquals(0, new CommandLine(new Main()).execute("triage", "--json", hostA.toString(), hostB.toString()));
        String json = out().trim();
        assertTrue(json.startsWith("[{\"signature\":\"" + sig + "\",\"title\":\"WARNING in com.acme.Ledger.post\","
                + "\"kind\":\"WARNING\",\"count\":6,\"hosts\":[\"" + hostA + "\",\"" + hostB + "\"],\"runs\":[\""
                + runA1 + "/7\",\"" + runA2 + "/7\",\"" + runB1 + "/7\"],\"first_seen\":\"2023-11-14T22:13:21Z\","
                + "\"last_seen\":\"2023-11-14T22:13:29Z\"},"), json);
        assertTrue(json.endsWith("\"count\":1,\"hosts\":[\"" + hostA + "\"],\"runs\":[\"" + runA1
                + "/7\"],\"first_seen\":\"2023-11-14T22:14:10Z\",\"last_seen\":\"2023-11-14T22:14:10Z\"}]"), json);
    }

    @Test
    void aReportWithoutASignatureLineGetsOneByTheSameRule() {
        Report r = post(42, 1, "r");
        String legacy = r.toText().replaceAll("(?m)^Signature: .*\n", "");
        assertTrue(!legacy.contains("Signature:"));
        assertEquals(r.signature(), Signature.ofText(ReportKind.WARNING, r.site(), legacy));
        assertEquals("WARNING in com.acme.Ledger.post", Signature.ofText(ReportKind.WARNING, r.site(), legacy).title());
    }

    @Test
    void noRingAnywhereExitsThree() {
        assertEquals(3, new CommandLine(new Main()).execute("triage", dir.resolve("nothing").toString()));
    }
}
