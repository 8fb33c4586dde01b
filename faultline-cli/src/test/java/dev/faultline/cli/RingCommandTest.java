package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.internal.ring.RingWriter;
import dev.faultline.ring.LogLine;
import dev.faultline.ring.RingFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code faultline ring show} and {@code faultline ring verify} on ring files written by the real writer. */
class RingCommandTest {
    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut;
    PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    int run(String... args) {
        return Main.commandLine().execute(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    Path ring(String name) throws Exception {
        RingWriter w = RingWriter.inMemory(64 * 1024, 321, 1_700_000_000_000L, "0123456789abcdef");
        w.append(Level.INFO, "app.Orders", "order 7 accepted");
        w.append(Level.ERROR, "app.Db", "line one\nforged line");
        return Files.write(dir.resolve(name), w.snapshot());
    }

    @Test
    void verifyPassesAnIntactRingAndCountsItsRecords() throws Exception {
        Path f = ring("1-a.ring");
        assertEquals(0, run("ring", "verify", f.toString()));
        assertTrue(out().startsWith("OK      " + f + ": run 0123456789abcdef pid 321 started 2023-11-14T22:13:20Z,"
                + " did not shut down cleanly; 2 valid, 0 torn, 0 corrupt\n"), out());
        assertTrue(out().endsWith("1 ring checked, 0 corrupt\n"), out());
    }

    @Test
    void verifyExitsNonZeroOnACorruptRecordAndSaysWhere() throws Exception {
        Path f = ring("1-a.ring");
        byte[] b = Files.readAllBytes(f);
        b[RingFormat.HEADER_LENGTH + RingFormat.FRAME_HEADER + 2] ^= 1;
        Files.write(f, b);
        ring("2-b.ring");
        assertEquals(1, run("ring", "verify", dir.toString()));
        assertTrue(out().contains("CORRUPT " + f + ": "), out());
        assertTrue(out().contains("1 valid, 0 torn, 1 corrupt"), out());
        assertTrue(out().contains("        offset 0: corrupt frame (checksum mismatch)\n"), out());
        assertTrue(out().endsWith("2 rings checked, 1 corrupt\n"), out());
    }

    /** A ring cut to 1,000 of its 1,048,704 bytes verified OK: what is missing was never looked for. */
    @Test
    void verifyFailsOnATruncatedRing() throws Exception {
        RingWriter w = RingWriter.inMemory(1 << 20, 321, 1_700_000_000_000L, "0123456789abcdef");
        w.append(Level.INFO, "app.Orders", "order 7 accepted");
        Path f = Files.write(dir.resolve("1-a.ring"), java.util.Arrays.copyOf(w.snapshot(), 1000));
        assertEquals(1, run("ring", "verify", f.toString()));
        assertTrue(out().startsWith("CORRUPT " + f + ": run 0123456789abcdef pid 321 started 2023-11-14T22:13:20Z,"
                + " did not shut down cleanly; 1 valid, 0 torn, 0 corrupt; truncated\n"), out());
        assertTrue(out().contains("        truncated: 872 of 1048576 data bytes present\n"), out());
        assertEquals(1, run("ring", "show", f.toString()));
    }

    @Test
    void verifyExitsNonZeroOnAFileThatIsNotARing() throws Exception {
        Path f = Files.writeString(dir.resolve("x.ring"), "plain text ".repeat(20));
        assertEquals(1, run("ring", "verify", f.toString()));
        assertTrue(out().contains("CORRUPT " + f + ": not a Faultline crash ring (wrong magic"), out());
    }

    @Test
    void anEmptyDirectoryHasNoRingsToRead() {
        assertEquals(3, run("ring", "show", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("faultline: no crash rings in " + dir), err.toString());
    }

    @Test
    void showPrintsRecordsInOrderWithControlCharactersEscaped() throws Exception {
        ring("1-a.ring");
        assertEquals(0, run("ring", "show", dir.toString()));
        String[] lines = out().split("\n");
        assertEquals(3, lines.length, out());
        assertTrue(lines[1].matches("#1 2\\S+Z \\[.*] INFO app.Orders: order 7 accepted"), lines[1]);
        assertTrue(lines[2].endsWith("] ERROR app.Db: line one\\nforged line"), lines[2]);
    }

    @Test
    void showJsonIsOneObjectPerRingWithItsRecords() throws Exception {
        ring("1-a.ring");
        assertEquals(0, run("ring", "show", "--json", dir.toString()));
        String[] lines = out().split("\n");
        assertEquals(1, lines.length, out());
        assertTrue(lines[0].startsWith("{\"file\":\"" + dir.resolve("1-a.ring") + "\",\"ring\":true,\"headerValid\":true,"
                + "\"run\":\"0123456789abcdef\",\"pid\":321,\"start\":\"2023-11-14T22:13:20Z\",\"clean\":false,"
                + "\"valid\":2,\"torn\":0,\"corrupt\":0,\"problems\":[],\"records\":[{\"seq\":1,"), lines[0]);
        assertTrue(lines[0].contains("\"kind\":\"ERROR\",\"logger\":\"app.Db\",\"message\":\"line one\\nforged line\"}],\"app\":null,\"live\":false}"),
                lines[0]);
    }

    @Test
    void showPutsApplicationLinesAndReportsOnOneTimeline() throws Exception {
        RingWriter w = RingWriter.inMemory(64 * 1024, 321, 1_700_000_000_000L, "0123456789abcdef");
        LogLine line = new LogLine();
        w.append(line.reset().level(Level.INFO).logger("app.Orders").thread("http-1", 11).message("order 7 accepted")
                .keyValue("request", "r-1"));
        w.append(Report.builder(ReportKind.WARNING).site("orders.negative_total").message("total -5")
                .thread("http-1", 11).time(java.time.Instant.ofEpochMilli(1_700_000_000_500L)).build());
        w.append(line.reset().level(Level.ERROR).logger("app.Db").thread("db-2", 12).message("connection lost")
                .throwable(new java.io.IOException("reset by peer")));
        Files.write(dir.resolve("1-a.ring"), w.snapshot());
        assertEquals(0, run("ring", "show", dir.toString()));
        String o = out();
        int first = o.indexOf("[http-1] INFO app.Orders: order 7 accepted {request=r-1}");
        int report = o.indexOf("[http-1] WARNING orders.negative_total: ");
        int last = o.indexOf("[db-2] ERROR app.Db: connection lost\n  java.io.IOException: reset by peer");
        assertTrue(first > 0 && report > first && last > report, o);
    }
}
