package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.report.ReportKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** bugOn: always panics; in test mode the panic throws PanicError instead of halting. */
class BugOnTest {
    static final Site INVARIANT = Faultline.site("queue.invariant");

    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void aPassingBugOnDoesNothing() {
        INVARIANT.bugOn(false, "size %s", 3);
        assertTrue(captured.reports.isEmpty());
    }

    @Test
    void aFiringBugOnPanicsWithABugReport() {
        PanicError e = assertThrows(PanicError.class, () -> INVARIANT.bugOn(true, "size %s < 0", -1));
        assertEquals(ReportKind.BUG, e.report().kind());
        assertEquals("size -1 < 0", e.report().message());
        assertEquals(1, captured.reports.size(), "the BUG report is the panic report");
        assertTrue(captured.console().contains("Faultline panic - not syncing: BUG at queue.invariant"), captured.console());
    }

    @Test
    void bugOnPanicsEvenWhenPanicOnWarnIsOff() {
        Faultline.policy().setPanicOnWarn(false);
        assertThrows(PanicError.class, () -> INVARIANT.bugOn(true));
    }

    @Test
    void aPanicCanBeRaisedAgainAfterATestModePanic() {
        assertThrows(PanicError.class, () -> INVARIANT.bugOn(true));
        assertThrows(PanicError.class, () -> INVARIANT.bugOn(true));
        assertEquals(2, captured.reports.size());
    }

    @Test
    void anExplicitPanicPrintsAPanicReport() {
        PanicError e = assertThrows(PanicError.class, () -> Faultline.panic("disk full"));
        assertEquals(ReportKind.PANIC, e.report().kind());
        assertEquals("disk full", e.report().message());
    }
}
