package dev.faultline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A burst of 50 retries reports 10 and counts the other 40, as the repeat-control page says. */
class RetryingClientTest {
    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void aRetryStormReportsTenAndCountsTheRest() {
        RetryingClient client = new RetryingClient();
        assertTrue(client.call(1, "k", 12));
        for (int i = 0; i < 50; i++) {
            assertFalse(client.call(4, "k", 12));
        }
        assertEquals(50, RetryingClient.RETRY.fired());
        assertEquals(10, RetryingClient.RETRY.reported());
        assertEquals(40, RetryingClient.RETRY.suppressed());
    }
}
