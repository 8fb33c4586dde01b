package dev.faultline.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.BugMain;
import dev.faultline.fixtures.JulMain;
import dev.faultline.fixtures.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * java.util.logging as a first-class home for reports: with {@code faultline.system_logger=1} and
 * the crash ring handler on the root logger, a report is one JUL record on its site's logger with
 * its message and its stack as the throwable, the crash ring holds it once, application lines
 * carry no source pairs, and a run that died is announced on {@code faultline.recovered}.
 */
class JulReportsTest {
    @Test
    void aReportIsOneJulRecordWithItsMessageAndStackAndIsStoredOnce() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "jul-reports").toAbsolutePath()),
                "dir");
        List<String> options = List.of("-Dfaultline.dir=" + dir, "-Dfaultline.app=jul-test");
        Jvm.Result died = Jvm.run(BugMain.class, options, Duration.ofSeconds(60));
        assertTrue(died.exitCode != 0, died.toString());
        Jvm.Result r = Jvm.run(JulMain.class, List.of("-Dfaultline.dir=" + dir, "-Dfaultline.app=jul-test",
                "-Dfaultline.system_logger=1", "-Dfaultline.console=off"), Duration.ofSeconds(90), "recovered");
        assertEquals(0, r.exitCode, r.toString());
        List<String[]> jul = lines(r.stdout, "JUL|");
        List<String[]> report = jul.stream().filter(l -> l[1].equals("faultline.jul.negative_balance"))
                .collect(Collectors.toList());
        assertEquals(1, report.size(), r.stdout);
        assertEquals("WARNING", report.get(0)[2]);
        assertTrue(report.get(0)[3].startsWith("WARNING: jul.negative_balance at dev.faultline.fixtures.JulMain.main("),
                report.get(0)[3]);
        assertTrue(report.get(0)[3].endsWith(": balance -5 after t-17"), report.get(0)[3]);
        assertEquals("dev.faultline.report.ReportTrace", report.get(0)[4], "the report's stack is the record's throwable");

        List<String[]> ring = lines(r.stdout, "REC|");
        List<String[]> stored = ring.stream().filter(l -> l[1].contains("jul.negative_balance"))
                .collect(Collectors.toList());
        assertEquals(1, stored.size(), "stored once, as the report: " + r.stdout);
        assertEquals("report", stored.get(0)[2]);
        String[] app = ring.stream().filter(l -> l[1].equals("app.jul")).findFirst()
                .orElseThrow(() -> new AssertionError(r.stdout));
        assertEquals("line", app[2]);
        assertEquals("{}", app[4], "no source pairs on a JUL line");

        String[] recovered = jul.stream().filter(l -> l[1].equals("faultline.recovered")).findFirst()
                .orElseThrow(() -> new AssertionError("no faultline.recovered record: " + r));
        assertEquals("SEVERE", recovered[2]);
        assertTrue(recovered[3].startsWith("previous run ") && recovered[3].contains("; panic report: BUG: child.invariant"),
                recovered[3]);
    }

    private static List<String[]> lines(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.split("\\|", -1))
                .collect(Collectors.toList());
    }

    @SuppressWarnings("unused")
    private static String show(List<String[]> l) {
        return l.stream().map(Arrays::toString).collect(Collectors.joining("\n"));
    }
}
