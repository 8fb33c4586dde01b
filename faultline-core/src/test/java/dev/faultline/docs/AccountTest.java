package dev.faultline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Without the agent the page's assert is Java's own: with -ea (as surefire runs) it throws; the code after it copes. */
class AccountTest {
    @Test
    void theAssertIsJavasOwnWithoutTheAgent() {
        Account account = new Account();
        account.post(5);
        assertEquals(5, account.balance);
        if (Account.class.desiredAssertionStatus()) {
            assertThrows(AssertionError.class, () -> account.post(-10));
        } else {
            account.post(-10);
            assertEquals(0, account.balance);
        }
    }
}
