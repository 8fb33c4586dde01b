package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Cli;
import dev.faultline.fixtures.Docs;
import dev.faultline.fixtures.Jvm;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.ring.Recovery;
import dev.faultline.internal.ring.RingWriter;
import dev.faultline.ring.RingFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The exit statuses of the {@code faultline} command, one meaning each: 0 ok, 1 corrupt data
 * found, 2 usage error, 3 nothing to read or unreadable input, 4 no target, 5 refused, 6 timed out,
 * 70 its own JVM panicked; that the usage and docs/operations/cli.md list exactly those; and
 * the error cases that lead there.
 */
class ExitCodesTest {
    /** A pid no process has (above Linux's largest pid_max), so recovery archives the ring at once. */
    static final long DEAD_PID = 999_999_999L;

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

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    Path ring(Path in, String name) throws Exception {
        RingWriter w = RingWriter.inMemory(64 * 1024, DEAD_PID, 1_700_000_000_000L, "0123456789abcdef");
        w.append(Level.INFO, "app.Orders", "order 7 accepted");
        return Files.write(in.resolve(name), w.snapshot());
    }

    /** A crash directory as a restarted service leaves it: the earlier run's ring recovered into archive/. */
    Path archivedRun() throws Exception {
        ring(dir, "1-a.ring");
        List<Path> archived = new Recovery(dir, 10, ProcessHandle.current().pid(), "this-run", line -> {}).run();
        assertEquals(1, archived.size(), archived.toString());
        Path run = archived.get(0);
        assertTrue(Files.isRegularFile(run.resolve("ring.bin")), run.toString());
        assertEquals(dir.resolve("archive"), run.getParent());
        return run;
    }

    @Test
    void showOnAMissingPathNamesThePathAndExitsThree() {
        Path missing = dir.resolve("no-such-crash-dir");
        assertEquals(3, run("ring", "show", missing.toString()));
        assertTrue(err().contains("faultline: no such file or directory: " + missing), err());
        assertEquals("", out());
    }

    @Test
    void verifyOnAMissingPathIsNothingToReadNotCorrupt() {
        Path missing = dir.resolve("gone.ring");
        assertEquals(3, run("ring", "verify", missing.toString()));
        assertTrue(err().contains("faultline: no such file or directory: " + missing), err());
        assertFalse(out().contains("CORRUPT"), out());
    }

    @Test
    void verifyOnAnEmptyDirectoryExitsThree() {
        assertEquals(3, run("ring", "verify", dir.toString()));
        assertTrue(err().contains("faultline: no crash rings in " + dir), err());
    }

    @Test
    void showReadsTheArchiveDirectory() throws Exception {
        Path run = archivedRun();
        assertEquals(0, run("ring", "show", dir.resolve("archive").toString()), err());
        assertTrue(out().startsWith(run.resolve("ring.bin") + ": run 0123456789abcdef pid " + DEAD_PID), out());
        assertTrue(out().contains("INFO app.Orders: order 7 accepted"), out());
    }

    @Test
    void showAndVerifyAcceptTheCrashDirTheArchiveDirARunDirOrAFile() throws Exception {
        Path run = archivedRun();
        Path bin = run.resolve("ring.bin");
        for (Path target : List.of(dir, dir.resolve("archive"), run, bin)) {
            out.reset();
            err.reset();
            assertEquals(0, run("ring", "show", target.toString()), target + ": " + err());
            assertTrue(out().startsWith(bin + ": run 0123456789abcdef"), target + ": " + out());
            assertTrue(out().contains("order 7 accepted"), target + ": " + out());
            out.reset();
            assertEquals(0, run("ring", "verify", target.toString()), target + ": " + err());
            assertTrue(out().startsWith("OK      " + bin + ": "), target + ": " + out());
            assertTrue(out().endsWith("1 ring checked, 0 corrupt\n"), target + ": " + out());
        }
    }

    @Test
    void showExitsOneWhenARingIsCorruptAndStillPrintsItsValidRecords() throws Exception {
        Path f = ring(dir, "1-a.ring");
        RingWriter w = RingWriter.inMemory(64 * 1024, DEAD_PID, 1_700_000_000_000L, "0123456789abcdef");
        w.append(Level.INFO, "app.Orders", "order 7 accepted");
        w.append(Level.INFO, "app.Orders", "order 8 accepted");
        byte[] b = w.snapshot();
        b[RingFormat.HEADER_LENGTH + RingFormat.FRAME_HEADER + 2] ^= 1;
        Files.write(f, b);
        assertEquals(1, run("ring", "show", f.toString()));
        assertTrue(out().contains("skipped: offset 0: corrupt frame (checksum mismatch)"), out());
        assertTrue(out().contains("order 8 accepted"), out());
    }

    @Test
    void showOfAFileThatIsNotARingExitsOne() throws Exception {
        Path f = Files.writeString(dir.resolve("notes.txt"), "plain text ".repeat(20));
        assertEquals(1, run("ring", "show", f.toString()));
        assertTrue(out().contains(f + ": not a Faultline crash ring (wrong magic"), out());
    }

    @Test
    void jsonOfANonRingSaysNullForWhatItCannotKnow() throws Exception {
        Path f = Files.writeString(dir.resolve("notes.txt"), "plain text ".repeat(20));
        int status = run("ring", "show", "--json", f.toString());
        String line = out().trim();
        assertTrue(line.startsWith("{\"file\":\"" + f + "\",\"ring\":false,\"headerValid\":false,\"run\":null,"
                + "\"pid\":null,\"start\":null,\"clean\":null,\"valid\":0,\"torn\":0,\"corrupt\":0,\"problems\":["), line);
        assertFalse(line.contains("1970-01-01"), line);
        assertEquals(1, status);
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        assertEquals(2, run("ring", "show"));
        assertTrue(err().contains("Missing required parameter"), err());
    }

    @Test
    void helpOfANestedCommandDescribesThatCommand() {
        assertEquals(0, run("help", "ring", "show"));
        assertTrue(out().startsWith("Usage: faultline ring show "), out());
        assertTrue(out().contains("--json"), out());
    }

    @Test
    void helpOfOneWordStillDescribesThatCommand() {
        assertEquals(0, run("help", "ring"));
        assertTrue(out().startsWith("Usage: faultline ring "), out());
        assertTrue(out().contains("verify"), out());
    }

    @Test
    void helpOfAnUnknownNestedCommandIsAUsageErrorNamingIt() {
        assertEquals(2, run("help", "ring", "shwo"));
        assertTrue(err().contains("Unknown command 'shwo'"), err());
    }

    // The real command in its own JVM, as a user runs it.

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        String expected = System.getProperty("faultline.build.version");
        assertTrue(expected != null && !expected.isEmpty(), "the build passes faultline.build.version");
        Jvm.Result r = Cli.run("--version");
        assertEquals(0, r.exitCode, r.toString());
        assertEquals("faultline " + expected, r.stdout.trim());
    }

    @Test
    void demoRejectsAnExitCodeOutOfRangeBeforeTheTour() throws Exception {
        for (String bad : List.of("300", "0", "-1")) {
            Jvm.Result r = Cli.run("demo", "--exit-code", bad);
            assertEquals(2, r.exitCode, r.toString());
            assertTrue(r.stderr.contains("--exit-code") && r.stderr.contains(bad), r.stderr);
            assertFalse(r.stdout.contains("== 1."), "no tour before the usage error: " + r.stdout);
        }
    }

    /** Every exit status the code defines ({@link ExitCodes}' constants), read from the class itself. */
    static SortedSet<Integer> definedStatuses() throws IllegalAccessException {
        SortedSet<Integer> codes = new TreeSet<>();
        for (Field f : ExitCodes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                f.setAccessible(true);
                codes.add(f.getInt(null));
            }
        }
        return codes;
    }

    @Test
    void everyExitStatusIsDocumentedInTheUsage() throws Exception {
        assertEquals(0, run("--help"));
        String footer = out().substring(out().indexOf("Exit status:")).replaceAll("\\s+", " ");
        assertTrue(footer.contains("Exit status: 0 ok, 1 corrupt data found, 2 usage error, 3 nothing to read"), footer);
        for (int code : definedStatuses()) {
            assertTrue(footer.matches("(?s).*[:,] " + code + " [a-z].*"), "exit status " + code + " in: " + footer);
        }
    }

    /** docs/operations/cli.md's exit-status table lists exactly the statuses ExitCodes defines. */
    @Test
    void theCliPageDocumentsExactlyTheExitStatusesTheCodeDefines() throws Exception {
        List<List<String>> rows = Docs.table(Docs.read(Path.of("docs/operations/cli.md")), "status");
        SortedSet<Integer> documented = new TreeSet<>();
        for (List<String> row : rows) {
            assertTrue(row.get(0).matches("`\\d+`") && !row.get(1).isBlank(), "a row of the exit-status table: " + row);
            documented.add(Integer.parseInt(row.get(0).replace("`", "")));
        }
        assertEquals(definedStatuses(), documented, "exit statuses in ExitCodes vs docs/operations/cli.md");
    }

    /** The panic status the docs name is the one core halts with by default. */
    @Test
    void thePanicStatusIsCoresDefaultPanicExitCode() {
        assertEquals(Keys.PANIC_EXIT_CODE.defaultValue(), String.valueOf(ExitCodes.PANIC));
    }
    @Test
    void noCommandIsAUsageErrorWithTheUsageOnStderr() {
        assertEquals(2, run());
        assertTrue(err().contains("Usage: faultline"), err());
        assertEquals("", out());
        assertEquals(2, run("ring"));
        assertTrue(err().contains("Usage: faultline ring"), err());
    }

    @Test
    void aCommandFarFromEveryNameSuggestsNoneAndATypoSuggestsItsCommand() {
        assertEquals(2, run("bogus"));
        assertTrue(err().contains("Unmatched argument at index 0: 'bogus'"), err());
        assertFalse(err().contains("Did you mean"), err());
        assertTrue(err().contains("'faultline --help' lists the commands and options."), err());
        err.reset();
        assertEquals(2, run("stauts"));
        assertTrue(err().contains("Did you mean: faultline status?"), err());
        err.reset();
        assertEquals(2, run("ring", "shwo"));
        assertTrue(err().contains("Did you mean: faultline ring show?"), err());
    }

    @Test
    void showOnAFileThatIsNoRingSaysWhyOnce() throws Exception {
        Path bogus = Files.writeString(dir.resolve("notes.ring"), "hello\n");
        assertEquals(1, run("ring", "show", bogus.toString()));
        String why = "only 6 bytes, shorter than the 128-byte header";
        assertEquals(1, out().split(java.util.regex.Pattern.quote(why), -1).length - 1, out());
    }

    @Test
    void psOnAMissingDirectorySaysSoAndExitsTwo() {
        Path missing = dir.resolve("no-such-crash-dir");
        assertEquals(2, run("ps", "--dir", missing.toString()));
        assertTrue(err().contains("faultline: --dir " + missing + ": no such directory"), err());
    }

    @Test
    void psColumnsAreAsWideAsTheirWidestCell() {
        List<String> t = PsCommand.table(List.of(
                new String[] {"PID", "USER", "APP", "RUN", "TAINT", "WARN", "OOPS", "RING"},
                new String[] {"12", "svc", "a-48-character-application-name-of-the-orders-x", "0123456789abcdef", "W", "3",
                        "0", "/r/12.ring"},
                new String[] {"345", "svc", "b", "fedcba9876543210", "-", "12", "0", "/r/345.ring"}));
        int run = t.get(0).indexOf("RUN");
        assertTrue(run > t.get(1).indexOf("a-48"), t.toString());
        assertEquals(run, t.get(1).indexOf("0123456789abcdef"), String.join("\n", t));
        assertEquals(run, t.get(2).indexOf("fedcba9876543210"), String.join("\n", t));
        assertEquals(t.get(0).indexOf("RING"), t.get(2).indexOf("/r/345.ring"), String.join("\n", t));
    }

    @Test
    void aProcessWhoseCommandTheJdkDoesNotReportIsNamedFromProc() throws Exception {
        // A zombie: the JDK reports no command for it (no executable left), as for a process it may not inspect.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 60").start();
        try {
            long zombie = -1;
            for (int i = 0; i < 500 && zombie < 0; i++) {
                for (ProcessHandle c : (Iterable<ProcessHandle>) parent.toHandle().children()::iterator) {
                    String stat = Files.readString(Path.of("/proc", String.valueOf(c.pid()), "stat"));
                    if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                        zombie = c.pid();
                    }
                }
                Thread.sleep(20);
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(zombie > 0, "no zombie child appeared");
            assertEquals(4, run("status", String.valueOf(zombie)));
            assertTrue(err().contains("faultline: pid " + zombie + " (sleep, user "), err());
            assertFalse(err().contains("(?"), err());
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }
}
