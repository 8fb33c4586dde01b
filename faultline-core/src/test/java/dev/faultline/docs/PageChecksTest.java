package dev.faultline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.dump.Snapshot;
import dev.faultline.fixtures.Captured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The snapshot page's checks: a negative refcount reports with a dump of the page; a dump redacts the password. */
class PageChecksTest {
    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void aBadPageIsReportedWithItsDumpAndAnOrderIsDumpedRedacted() {
        PageChecks checks = new PageChecks();
        assertNull(checks.check(new PageChecks.Page(-1), false, null, false, null, 0, null));
        assertEquals(1, captured.reports.size());
        assertTrue(captured.console().contains("refcount=-1"), captured.console());
        Snapshot s = checks.check(new PageChecks.Page(1), false, null, false, null, 0,
                new PageChecks.Order(4221337, "acme-corp", "hunter2"));
        assertTrue(s.faithful());
        assertTrue(s.text().contains("password=<redacted>"), s.text());
        assertTrue(s.text().contains("customer=\"acme-corp\""), s.text());
    }
}
