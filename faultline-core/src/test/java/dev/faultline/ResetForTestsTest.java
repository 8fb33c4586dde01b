package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.report.Taint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faultline.resetForTests: a fresh state for the next test, and refused outside test mode. */
class ResetForTestsTest {
    Captured captured;

    @BeforeEach
    void capture() {
        captured = new Captured();
    }

    @AfterEach
    void release() {
        Faultline.policy().setTestMode(true);
        captured.close();
    }

    @Test
    void resetClearsCountersTaintAndOnceState() {
        Site once = Faultline.site("reset.once");
        once.warnOnce(true);
        assertEquals(1, Faultline.warnCount());
        assertTrue(Faultline.taints().contains(Taint.WARNED));

        Faultline.resetForTests();

        assertEquals(0, Faultline.warnCount());
        assertTrue(Faultline.taints().isEmpty());
        once.warnOnce(true);
        assertEquals(2, captured.reports.size(), "the once-site reported again after the reset");
    }

    @Test
    void resetIsRefusedOutsideTestModeAndLeavesTheStateAlone() {
        Faultline.site("reset.refused").warnOn(true);
        Faultline.policy().setTestMode(false);
        IllegalStateException e = assertThrows(IllegalStateException.class, Faultline::resetForTests);
        assertTrue(e.getMessage().contains("faultline.test_mode"), e.getMessage());
        assertEquals(1, Faultline.warnCount());
        assertTrue(Faultline.taints().contains(Taint.WARNED));
    }
}
