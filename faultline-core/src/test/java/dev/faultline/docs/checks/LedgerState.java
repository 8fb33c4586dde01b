package dev.faultline.docs.checks;

/** What the tour's {@link Ledger} reads and changes, kept out of the example. */
abstract class LedgerState {
    record Txn(String id, long amount) {
        @Override
        public String toString() {
            return id;
        }
    }

    enum Result { ACCEPTED, REJECTED }

    record Journal(long checksum, long expected) {}

    long balance = 100;
    long rateAgeMillis;
    Journal journal = new Journal(7, 7);

    long balance() {
        return balance;
    }

    long rateAgeMillis() {
        return rateAgeMillis;
    }

    Journal journal() {
        return journal;
    }

    Result apply(Txn txn, long newBalance) {
        balance = newBalance;
        return Result.ACCEPTED;
    }
}
