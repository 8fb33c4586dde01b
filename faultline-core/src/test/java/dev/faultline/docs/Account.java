package dev.faultline.docs;

/** docs/guide/java-asserts.md: an assert statement that the agent can make a debug domain's warning. */
final class Account {
    long balance;

    // [assert]
    void post(long amount) {
        balance += amount;
        assert balance >= 0 : "balance went negative: " + balance + " after posting " + amount;
        if (balance < 0) {
            balance = 0; // with the assert as a warning the code goes on here: it must cope
        }
    }
    // [/assert]
}
