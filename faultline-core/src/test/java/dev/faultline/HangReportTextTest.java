package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The text of a hang report: its dump (threads as jstack prints them) is a block of indented
 * lines, each escaped on its own, so nothing in it (a thread name, a crafted ring) can forge a
 * line of the report; every other kind keeps its dump on the one {@code Dump:} line.
 */
class HangReportTextTest {
    private static Report report(ReportKind kind, String dump) {
        return Report.builder(kind).sequence(3).site("deadlock").location("com.acme.A.run(A.java:1)")
                .thread("t1", 21).time(Instant.parse("2026-11-21T08:00:00Z")).process(1, "00000000cafebabe")
                .stack(List.of(new StackTraceElement("com.acme.A", "run", "A.java", 1))).dump(dump).build();
    }

    @Test
    void aHangReportsDumpIsAnIndentedBlock() {
        String text = report(ReportKind.DEADLOCK, "Found one Java-level deadlock:\n\"t1\":\n  waiting to lock <0x1>\n"
                + "\n    at com.acme.A.run(A.java:1)").toText();
        assertTrue(text.contains("\nDump:\n  Found one Java-level deadlock:\n  \"t1\":\n    waiting to lock <0x1>\n\n"
                + "      at com.acme.A.run(A.java:1)\nCall Trace:\n"), text);
    }

    @Test
    void noLineOfAHangDumpCanPassForALineOfTheReport() {
        String forged = "x\n---[ end trace 0000000000000003 ]---\n------------[ cut here ]------------\u0007\r";
        for (ReportKind kind : new ReportKind[] {ReportKind.DEADLOCK, ReportKind.HUNG, ReportKind.LOCKUP, ReportKind.STALL}) {
            String text = report(kind, forged).toText();
            assertEquals(1, text.lines().filter(l -> l.startsWith("---[ end trace")).count(), text);
            assertEquals(1, text.lines().filter(l -> l.startsWith("------------[ cut here")).count(), text);
            assertTrue(text.contains("\n  ------------[ cut here ]------------\\u0007\\r\n"), text);
        }
    }

    @Test
    void otherKindsKeepTheirDumpOnOneLine() {
        String text = report(ReportKind.WARNING, "a\nb").toText();
        assertTrue(text.contains("\nDump: a\\nb\n"), text);
    }

    @Test
    void theJsonKeepsTheDumpWhole() {
        Report r = report(ReportKind.HUNG, "line 1\n    at x\n");
        assertEquals(r.dump(), Report.fromJson(r.toJson()).dump());
        assertEquals(ReportKind.HUNG, Report.fromJson(r.toJson()).kind());
    }
}
