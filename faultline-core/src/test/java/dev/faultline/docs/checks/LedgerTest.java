package dev.faultline.docs.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faultline.PanicError;
import dev.faultline.report.ReportKind;
import dev.faultline.docs.checks.LedgerState.Journal;
import dev.faultline.docs.checks.LedgerState.Result;
import dev.faultline.docs.checks.LedgerState.Txn;
import dev.faultline.fixtures.Captured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API tour runs as it reads: a warning and recovery, a once-only warning, and a BUG. */
class LedgerTest {
    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void theTourDoesWhatItsCommentsSay() {
        Ledger ledger = new Ledger();
        assertEquals(Result.REJECTED, ledger.post(new Txn("txn-7", 105)));
        assertEquals("balance -5 after txn-7", captured.reports.get(0).message());
        ledger.rateAgeMillis = 61_000;
        assertEquals(Result.ACCEPTED, ledger.post(new Txn("txn-8", 10)));
        assertEquals(Result.ACCEPTED, ledger.post(new Txn("txn-9", 10)));
        assertEquals(2, Ledger.STALE.fired());
        assertEquals(1, Ledger.STALE.reported());
        ledger.journal = new Journal(7, 8);
        PanicError e = assertThrows(PanicError.class, () -> ledger.post(new Txn("txn-10", 1)));
        assertEquals(ReportKind.BUG, e.report().kind());
    }
}
