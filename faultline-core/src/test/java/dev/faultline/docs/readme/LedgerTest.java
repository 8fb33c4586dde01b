package dev.faultline.docs.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.PanicError;
import dev.faultline.report.ReportKind;
import dev.faultline.fixtures.Captured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's example does what the README says: it reports and recovers, and a BUG panics (test mode: throws). */
class LedgerTest {
    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void anOverdraftIsReportedAndRefused() {
        Ledger ledger = new Ledger();
        assertTrue(ledger.post(100, 7, 7));
        assertFalse(ledger.post(-250, 7, 7));
        assertEquals(1, captured.reports.size());
        assertEquals("ledger.negative-balance", captured.reports.get(0).site());
        assertEquals("balance 100 after -250", captured.reports.get(0).message());
        assertTrue(captured.console().contains("WARNING: ledger.negative-balance at dev.faultline.docs.readme.Ledger.post("),
                captured.console());
    }

    @Test
    void aCorruptJournalPanics() {
        PanicError e = assertThrows(PanicError.class, () -> new Ledger().post(5, 1, 2));
        assertEquals(ReportKind.BUG, e.report().kind());
    }
}
