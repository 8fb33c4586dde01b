package dev.faultline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reports render as kernel-like text and as one-line JSON; user strings cannot forge lines. */
class ReportTextTest {
    static Report report(String message, String site, String thread, Set<Taint> taints) {
        return Report.builder(ReportKind.WARNING).sequence(42).site(site).location("com.acme.Ledger.post(Ledger.java:42)")
                .message(message).thread(thread, 7).time(Instant.parse("2026-11-21T08:00:00Z"))
                .stack(List.of(new StackTraceElement("com.acme.Ledger", "post", "Ledger.java", 42),
                        new StackTraceElement("com.acme.Main", "main", "Main.java", 10)))
                .taints(taints).process(1234, "00000000cafebabe").build();
    }

    @Test
    void theTextHasTheKernelShape() {
        String text = report("balance -5", "ledger.negative-balance", "main", Set.of()).toText();
        assertEquals(String.join("\n",
                "------------[ cut here ]------------",
                "WARNING: ledger.negative-balance at com.acme.Ledger.post(Ledger.java:42)",
                "Thread: \"main\" #7, pid 1234, run 00000000cafebabe, 2026-11-21T08:00:00Z",
                "Not tainted",
                "Signature: 8488808c07f35b2d WARNING in com.acme.Ledger.post",
                "Message: balance -5",
                "Call Trace:",
                " com.acme.Ledger.post(Ledger.java:42)",
                " com.acme.Main.main(Main.java:10)",
                "---[ end trace 0000000000000042 ]---",
                ""), text);
    }

    @Test
    void theTaintLineNamesEveryFlagWithItsMeaning() {
        String text = report("", "s", "main", EnumSet.of(Taint.WARNED, Taint.DIED)).toText();
        assertTrue(text.contains("\nTainted: WD (W: a warning was reported; D: a thread died of an uncaught exception)\n"),
                text);
    }

    @Test
    void newlinesAndControlCharactersInUserStringsCannotForgeLines() {
        String forged = "ok\n---[ end trace 0000000000000001 ]---\nWARNING: fake\r\u0007\u2028";
        Report r = report(forged, "site\nBUG: fake", "thread\nname", Set.of());
        String text = r.toText();
        assertEquals(10, text.split("\n").length, text);
        assertFalse(text.contains("\nWARNING: fake"));
        assertFalse(text.contains("\nBUG: fake"));
        assertTrue(text.contains("Message: ok\\n---[ end trace 0000000000000001 ]---\\nWARNING: fake\\r\\u0007\\u2028"), text);
        assertFalse(r.toJson().contains("\n"));
    }

    @Test
    void aBackslashIsEscapedSoAnEscapeCannotBeFaked() {
        assertTrue(report("a\\nb", "s", "t", Set.of()).toText().contains("Message: a\\\\nb\n"));
    }

    @Test
    void jsonIsOneObjectOnOneLine() {
        String json = report("quote \" and \n newline", "s", "main", EnumSet.of(Taint.WARNED)).toJson();
        assertTrue(json.startsWith("{\"seq\":42,\"kind\":\"WARNING\",\"site\":\"s\""), json);
        assertTrue(json.contains("\"message\":\"quote \\\" and \\n newline\""), json);
        assertTrue(json.contains("\"taint\":\"W\""), json);
        assertTrue(json.contains("\"signature\":\"" + signatureHash() + "\",\"title\":\"WARNING in com.acme.Ledger.post\""), json);
        assertTrue(json.contains("\"stack\":[\"com.acme.Ledger.post(Ledger.java:42)\",\"com.acme.Main.main(Main.java:10)\"]"), json);
        assertTrue(json.endsWith("]}"), json);
        assertFalse(json.contains("\n"));
    }

    private static String signatureHash() {
        return Signature.of(ReportKind.WARNING, "s", List.of(new StackTraceElement("com.acme.Ledger", "post",
                "Ledger.java", 42), new StackTraceElement("com.acme.Main", "main", "Main.java", 10))).hash();
    }

    @Test
    void aReportWithoutAStackHasNoCallTraceHeading() {
        Report r = Report.builder(ReportKind.NOTICE).sequence(3).site("s").message("rate-limited").thread("main", 1)
                .process(1, "r").build();
        assertFalse(r.toText().contains("Call Trace:"), r.toText());
        assertTrue(r.toText().endsWith("Message: rate-limited\n---[ end trace 0000000000000003 ]---\n"), r.toText());
    }

    @Test
    void theHeadlineIsTheFirstLine() {
        Report r = report("", "s", "main", Set.of());
        assertEquals("WARNING: s at com.acme.Ledger.post(Ledger.java:42)", r.headline());
        assertFalse(r.toText().contains("Message:"), "no message line when there is no message");
    }
}
