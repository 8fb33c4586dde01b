package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.FuzzMain;
import dev.faultline.fixtures.Jvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * faultline.fuzz_mode=1 is test mode plus panic_on_warn from start-up: a warning throws
 * PanicError whose stack starts at the warning's call site.
 */
class FuzzModeTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void fuzzModeOneMakesAWarningThrowAtItsCallSite() throws Exception {
        Jvm.Result r = Jvm.run(FuzzMain.class, List.of("-Dfaultline.fuzz_mode=1"), TIMEOUT);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("test_mode=1 panic_on_warn=1"), r.toString());
        assertTrue(r.stdout.contains("PanicError at dev.faultline.fixtures.FuzzMain.main(FuzzMain.java:"), r.toString());
        assertTrue(r.stderr.contains("faultline.panic_on_warn changed from 0 to 1 (via faultline.fuzz_mode=1)"),
                r.toString());
        assertTrue(r.stderr.contains("WARNING: fuzz.site"), r.toString());
    }

    @Test
    void withoutFuzzModeTheSameWarningRecovers() throws Exception {
        Jvm.Result r = Jvm.run(FuzzMain.class, List.of(), TIMEOUT);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("test_mode=0 panic_on_warn=0"), r.toString());
        assertTrue(r.stdout.contains("recovered"), r.toString());
    }

    @Test
    void aBadValueIsNamedAndTheDefaultApplies() throws Exception {
        Jvm.Result r = Jvm.run(FuzzMain.class, List.of("-Dfaultline.fuzz_mode=yes-please"), TIMEOUT);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("invalid value 'yes-please' for faultline.fuzz_mode (from system property"
                + " faultline.fuzz_mode): expected one of 0, 1, auto; keeping the default auto"), r.toString());
        assertTrue(r.stdout.contains("recovered"), r.toString());
    }

    @Test
    void aPanicErrorStartsAtTheCallSiteNotInsideFaultline() {
        Faultline.policy().setTestMode(true);
        PanicError e = assertThrows(PanicError.class, () -> Faultline.site("stack.site").bugOn(true));
        StackTraceElement top = e.getStackTrace()[0];
        assertTrue(top.getClassName().startsWith(FuzzModeTest.class.getName()), top.toString());
        assertEquals(e.report().stack().get(0), top);
    }
}
