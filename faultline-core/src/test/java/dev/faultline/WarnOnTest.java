package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Taint;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** warnOn: report, taint W, warn_count + 1, return the condition so the caller can recover. */
class WarnOnTest {
    static final Site NEGATIVE = Faultline.site("ledger.negative-balance");

    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void aPassingCheckReturnsFalseAndLeavesNoTrace() {
        long fired = NEGATIVE.fired();
        assertFalse(NEGATIVE.warnOn(false, "balance %s", 5));
        assertEquals(fired, NEGATIVE.fired());
        assertTrue(captured.reports.isEmpty());
        assertEquals(0, Faultline.warnCount());
        assertEquals(Set.of(), Faultline.taints());
        assertEquals("", captured.console());
    }

    @Test
    void aFiringCheckReturnsTrueSoTheCallerCanRecover() {
        int balance = -5;
        int result = NEGATIVE.warnOn(balance < 0, "balance %s", balance) ? 0 : balance;
        assertEquals(0, result);
    }

    @Test
    void aFiringCheckReportsWithSiteLocationMessageAndStack() {
        long reported = NEGATIVE.reported();
        NEGATIVE.warnOn(true, "balance %s after %s", -5L, "txn-7");

        assertEquals(1, captured.reports.size());
        Report r = captured.reports.get(0);
        assertEquals(ReportKind.WARNING, r.kind());
        assertEquals("ledger.negative-balance", r.site());
        assertEquals("balance -5 after txn-7", r.message());
        assertTrue(r.location().startsWith(WarnOnTest.class.getName() + ".aFiringCheckReports"), r.location());
        assertEquals(WarnOnTest.class.getName(), r.stack().get(0).getClassName());
        assertEquals(Thread.currentThread().getName(), r.threadName());
        assertEquals(reported + 1, NEGATIVE.reported());
        assertEquals(WarnOnTest.class.getName(), NEGATIVE.declaringClass());
    }

    @Test
    void theFirstWarningIsNotTaintedYetAndTaintsTheProcessForTheNext() {
        NEGATIVE.warnOn(true);
        NEGATIVE.warnOn(true);
        assertEquals(Set.of(), captured.reports.get(0).taints(), "taint explains earlier failures, kernel order");
        assertEquals(Set.of(Taint.WARNED), captured.reports.get(1).taints());
        assertEquals(Set.of(Taint.WARNED), Faultline.taints());
        assertEquals(2, Faultline.warnCount());
        assertTrue(Faultline.taintLine().startsWith("Tainted: W"));
    }

    @Test
    void sequenceNumbersIncreaseByOnePerReport() {
        NEGATIVE.warnOn(true);
        NEGATIVE.warnOn(true);
        assertEquals(captured.reports.get(0).sequence() + 1, captured.reports.get(1).sequence());
    }

    @Test
    void everyOverloadFormatsItsArguments() {
        NEGATIVE.warnOn(true, "plain");
        NEGATIVE.warnOn(true, "a=%s", "x");
        NEGATIVE.warnOn(true, "a=%s b=%s", 1, 2);
        NEGATIVE.warnOn(true, "a=%s b=%s", "p", "q");
        NEGATIVE.warnOn(true, "%s%s%s", "a", "b", "c");
        NEGATIVE.warnOn(true, "%s%s%s%s", "a", "b", "c", "d");
        NEGATIVE.warnOn(true, () -> "supplied");
        NEGATIVE.warnOn(true, "extra", "arg");
        assertEquals(java.util.List.of("plain", "a=x", "a=1 b=2", "a=p b=q", "abc", "abcd", "supplied", "extra [arg]"),
                captured.reports.stream().map(Report::message).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void aPassingCheckNeverRunsItsSupplier() {
        // Counted, not thrown: Faultline shows a supplier's exception as "<threw ...>" (by
        // design), so an AssertionError thrown in it could never fail this test.
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        assertFalse(NEGATIVE.warnOn(false, () -> "call " + calls.incrementAndGet()));
        assertEquals(0, calls.get(), "the supplier ran on a passing check");
        assertTrue(captured.reports.isEmpty());
    }

    @Test
    void brokenMessageArgumentsAreShownNotThrown() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };
        assertTrue(NEGATIVE.warnOn(true, "value %s", hostile));
        assertTrue(NEGATIVE.warnOn(true, () -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("value <threw java.lang.IllegalStateException>", captured.reports.get(0).message());
        assertEquals("<threw java.lang.IllegalStateException>", captured.reports.get(1).message());
    }

    @Test
    void theReportIsPrintedOnTheConsoleAsKernelStyleText() {
        NEGATIVE.warnOn(true, "balance %s", -1);
        String text = captured.console();
        assertTrue(text.startsWith("------------[ cut here ]------------\nWARNING: ledger.negative-balance at "), text);
        assertTrue(text.contains("\nMessage: balance -1\n"), text);
    }

    @Test
    void theConvenienceFormUsesTheCallingLineAsTheSite() {
        for (int i = 0; i < 3; i++) {
            Faultline.warnOnce(true);
        }
        Faultline.warnOnce(true);
        assertEquals(2, captured.reports.size(), "one report per calling line");
        assertTrue(captured.reports.get(0).site().startsWith(WarnOnTest.class.getName() + ".theConvenienceForm"));
        assertTrue(!captured.reports.get(0).site().equals(captured.reports.get(1).site()));
    }

    @Test
    void aBlankSiteNameDoesNotThrow() {
        Site s = Faultline.site("  ");
        assertEquals("<unnamed>", s.name());
        assertTrue(Faultline.configurationProblems().stream().anyMatch(p -> p.contains("blank name")));
    }
}
