package dev.faultline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.fixtures.Captured;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The debug-domain page's checks: free while off (the expensive check is not even called), warnings at warn. */
class MemoryChecksTest {
    @RegisterExtension
    final Captured captured = new Captured();

    final AtomicBoolean consistencyChecked = new AtomicBoolean();
    final MemoryChecks.Page badPage = new MemoryChecks.Page() {
        @Override
        public int refCount() {
            return -1;
        }

        @Override
        public boolean isLinked() {
            return false;
        }
    };

    @AfterEach
    void off() {
        Faultline.debugDomains().apply("mm=off", "test");
    }

    @Test
    void offCostsNothingAndWarnReportsEveryCheck() {
        Faultline.debugDomains().apply("mm=off", "test");
        new MemoryChecks().check(badPage, () -> consistencyChecked.getAndSet(true) && false, () -> false);
        assertFalse(consistencyChecked.get(), "the expensive check ran while the domain was off");
        assertTrue(captured.reports.isEmpty(), captured.reports.toString());

        Faultline.debugDomains().apply("mm=warn", "test");
        new MemoryChecks().check(badPage, () -> consistencyChecked.getAndSet(true) && false, () -> false);
        assertTrue(consistencyChecked.get());
        assertEquals(4, captured.reports.size(), captured.console());
    }
}
