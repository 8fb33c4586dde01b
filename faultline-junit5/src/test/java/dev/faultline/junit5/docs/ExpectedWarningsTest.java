package dev.faultline.junit5.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faultline.Faultline;
import dev.faultline.PanicError;
import dev.faultline.report.ReportKind;
import dev.faultline.Site;
import dev.faultline.junit5.ExpectWarning;
import dev.faultline.junit5.FaultlineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/guide/testing-and-fuzzing.md's tests that are meant to warn, run as they are printed
 * (region {@code expect}): each passes only because its warning comes.
 */
@ExtendWith(FaultlineExtension.class)
class ExpectedWarningsTest {
    static final Site NEGATIVE = Faultline.site("ledger.negative-balance");
    static final Site INVARIANT = Faultline.site("queue.invariant");

    enum Result { ACCEPTED, REJECTED }

    static final class Ledger {
        long balance = 100;

        Result post(long amount) {
            if (NEGATIVE.warnOn(balance + amount < 0, "balance %s", balance + amount)) {
                return Result.REJECTED;
            }
            balance += amount;
            return Result.ACCEPTED;
        }
    }

    static final class Queue {
        int size = -1;

        Object poll() {
            INVARIANT.bugOn(size < 0, "size %s", size);
            return null;
        }
    }

    final Ledger ledger = new Ledger();
    final long overdraft = -250;
    final Queue queue = new Queue();

    // [expect]
    @Test
    @ExpectWarning(site = "ledger.negative-balance", message = "balance -\\d+")   // count = 1
    void anOverdraftIsRejectedAndReported() { assertEquals(Result.REJECTED, ledger.post(overdraft)); }

    @Test
    @ExpectWarning(kind = ReportKind.BUG, site = "queue.invariant")
    void aCorruptQueueIsABug() { assertThrows(PanicError.class, () -> queue.poll()); }
    // [/expect]
}
