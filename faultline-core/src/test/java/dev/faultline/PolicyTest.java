package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Taint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator decides: panic_on_warn, warn_limit, and what relaxing them means. */
class PolicyTest {
    static final Site SITE = Faultline.site("policy.site");

    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void panicOnWarnTurnsAWarningIntoAPanicAfterTheWarningIsReported() {
        Faultline.policy().setPanicOnWarn(true);
        PanicError e = assertThrows(PanicError.class, () -> SITE.warnOn(true, "bad"));
        assertEquals(ReportKind.PANIC, e.report().kind());
        assertTrue(e.getMessage().contains("panic_on_warn"), e.getMessage());
        assertEquals(ReportKind.WARNING, captured.reports.get(0).kind());
        assertEquals(ReportKind.PANIC, captured.reports.get(1).kind());
        assertEquals(2, captured.reports.size());
    }

    @Test
    void warnLimitPanicsWhenReachedAndNamesTheLimit() {
        Faultline.policy().setWarnLimit(3);
        SITE.warnOn(true);
        SITE.warnOn(true);
        PanicError e = assertThrows(PanicError.class, () -> SITE.warnOn(true));
        assertTrue(e.getMessage().contains("faultline.warn_limit is 3"), e.getMessage());
    }

    @Test
    void warnLimitZeroMeansNoLimit() {
        Faultline.policy().setWarnLimit(0);
        for (int i = 0; i < 100; i++) {
            SITE.warnOn(true);
        }
        assertEquals(100, Faultline.warnCount());
    }

    @Test
    void suppressedOnceFiringsDoNotCountTowardsTheLimit() {
        Faultline.policy().setWarnLimit(2);
        Site once = Faultline.site("once");
        for (int i = 0; i < 10; i++) {
            once.warnOnce(true);
        }
        assertEquals(1, Faultline.warnCount());
    }

    @Test
    void everyChangeIsLoggedWithOldNewAndChannel() {
        Faultline.policy().setWarnLimit(5);
        assertTrue(captured.console().contains("faultline: faultline.warn_limit changed from 0 to 5 (via api)"),
                captured.console());
    }

    @Test
    void relaxingPanicOnWarnTaintsTheProcess() {
        Faultline.policy().setPanicOnWarn(true);
        assertFalse(Faultline.taints().contains(Taint.RELAXED));
        Faultline.policy().setPanicOnWarn(false);
        assertTrue(Faultline.taints().contains(Taint.RELAXED));
    }

    @Test
    void raisingALimitIsRelaxingButLoweringItIsNot() {
        Faultline.policy().setWarnLimit(10);
        Faultline.policy().setWarnLimit(5);
        assertFalse(Faultline.taints().contains(Taint.RELAXED));
        Faultline.policy().setWarnLimit(0);
        assertTrue(Faultline.taints().contains(Taint.RELAXED));
    }

    @Test
    void anInvalidRuntimeValueIsRejectedNamingTheKeyAndNothingChanges() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Faultline.policy().setPanicExitCode(300));
        assertTrue(e.getMessage().contains("faultline.panic_exit_code"), e.getMessage());
        assertTrue(e.getMessage().contains("300"), e.getMessage());
        assertEquals(70, Faultline.policy().panicExitCode());
        assertThrows(IllegalArgumentException.class, () -> Faultline.policy().setWarnLimit(-1));
    }

    @Test
    void defaultsFollowTheKernel() {
        assertEquals(10000, Faultline.policy().oopsLimit());
        assertEquals(0, Faultline.policy().warnLimit());
        assertEquals(-1, Faultline.policy().panicTimeout());
    }
}
