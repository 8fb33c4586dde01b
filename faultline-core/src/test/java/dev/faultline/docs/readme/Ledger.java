package dev.faultline.docs.readme;

// The README's first check ("A first check"), the whole file below this line.
// [readme]
import dev.faultline.Faultline;
import dev.faultline.Site;

final class Ledger {
    // A site is a handle: declared once, named, and it knows its declaring class.
    static final Site NEGATIVE = Faultline.site("ledger.negative-balance");
    static final Site CORRUPT = Faultline.site("ledger.corrupt-journal");

    private long balance;

    boolean post(long amount, long checksum, long expected) {
        // Reports (with stack and taint) and returns true: the code recovers.
        if (NEGATIVE.warnOn(balance + amount < 0, "balance %s after %s", balance, amount)) {
            return false;
        }
        // No way to go on: panic (report, then the operator's exit action).
        CORRUPT.bugOn(checksum != expected);
        balance += amount;
        return true;
    }
}
// [/readme]
