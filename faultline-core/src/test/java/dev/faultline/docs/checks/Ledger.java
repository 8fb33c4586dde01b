package dev.faultline.docs.checks;

// The API tour of docs/guide/checks-and-sites.md; LedgerState (beside it) holds the balance,
// the rate's age and the journal the example reads.
// [tour]
import dev.faultline.Faultline;
import dev.faultline.Site;

final class Ledger extends LedgerState {
    // A site is a handle: declared once, named, and it knows its declaring class.
    static final Site NEGATIVE = Faultline.site("ledger.negative-balance");
    static final Site STALE = Faultline.site("ledger.stale-rate");
    static final Site CORRUPT = Faultline.site("ledger.corrupt-journal");

    Result post(Txn txn) {
        long balance = balance() - txn.amount();
        // Reports (with stack and taint) and returns true: the code recovers.
        if (NEGATIVE.warnOn(balance < 0, "balance %s after %s", balance, txn)) {
            return Result.REJECTED;
        }
        // Reports the first time only; later firings are counted, not printed.
        STALE.warnOnce(rateAgeMillis() > 60_000, "rate is %s ms old", rateAgeMillis());
        // No way to go on: panic (report, then the configured exit action).
        CORRUPT.bugOn(journal().checksum() != journal().expected());
        return apply(txn, balance);
    }
}
// [/tour]
