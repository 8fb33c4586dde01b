package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.report.Report;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listeners get every report; a bad listener cannot break reporting or recurse. */
class ListenerTest {
    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void aThrowingListenerIsReportedAndTheNextStillRuns() {
        List<Report> seen = new ArrayList<>();
        try (Registration a = Faultline.addListener(r -> {
            throw new IllegalStateException("listener broke");
        }); Registration b = Faultline.addListener(seen::add)) {
            Faultline.site("l").warnOn(true);
            // Listeners run on the printer thread: wait for it before unsubscribing.
            Faultline.awaitPrinted(java.time.Duration.ofSeconds(10));
        }
        assertEquals(1, seen.size());
        assertTrue(captured.console().contains("threw java.lang.IllegalStateException: listener broke"),
                captured.console());
    }

    @Test
    void aWarningInsideAListenerIsPrintedButNotFedBack() {
        Site inner = Faultline.site("inner");
        List<Report> seen = new ArrayList<>();
        try (Registration a = Faultline.addListener(r -> {
            seen.add(r);
            inner.warnOn(true);
        })) {
            Faultline.site("outer").warnOn(true);
            Faultline.awaitPrinted(java.time.Duration.ofSeconds(10));
        }
        assertEquals(1, seen.size(), "no recursion");
        assertTrue(captured.console().contains("WARNING: inner"), captured.console());
    }

    @Test
    void closingARegistrationStopsDelivery() {
        List<Report> seen = new ArrayList<>();
        Registration r = Faultline.addListener(seen::add);
        r.close();
        r.close();
        Faultline.site("x").warnOn(true);
        Faultline.awaitPrinted(java.time.Duration.ofSeconds(10));
        assertTrue(seen.isEmpty());
    }
}
