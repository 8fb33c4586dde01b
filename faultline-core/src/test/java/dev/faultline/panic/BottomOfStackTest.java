package dev.faultline.panic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.DeepStackMain;
import dev.faultline.fixtures.Jvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks fired at the bottom of a stack overflow, in real child JVMs with a small stack, with
 * the quick JIT and with {@code -Xint} (interpreted frames are larger and every JDK call
 * deeper): the convenience form and a {@code static final} site both panic exactly once, a
 * convenience warning leaves the JDK's own classes usable, and a single bugOn with a few KiB
 * of stack left panics even when its report cannot be built there.
 */
class BottomOfStackTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final String NOT_SYNCING = "Faultline panic - not syncing: ";

    static Jvm.Result run(String mode, String... args) throws Exception {
        List<String> opts = new ArrayList<>(List.of("-Xss512k", "-Dfaultline.panic_dumps=none"));
        if (mode.equals("xint")) {
            opts.add("-Xint");
        }
        return Jvm.run(DeepStackMain.class, opts, TIMEOUT, args);
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jit", "xint"})
    void theConvenienceBugOnPanicsOnceFromTheBottomOfAStack(String mode) throws Exception {
        Jvm.Result r = run(mode, "convenience-bug");
        assertEquals(70, r.exitCode, r.toString());
        assertEquals(1, count(r.stderr, "BUG: " + DeepStackMain.class.getName() + ".convenienceBug:"), r.toString());
        assertEquals(1, count(r.stderr, NOT_SYNCING), r.toString());
        assertFalse(r.stdout.contains("escaped"), r.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jit", "xint"})
    void aStaticFinalSitePanicsOnceFromTheBottomOfAStack(String mode) throws Exception {
        Jvm.Result r = run(mode, "site-bug");
        assertEquals(70, r.exitCode, r.toString());
        assertEquals(1, count(r.stderr, "BUG: deep.bug at "), r.toString());
        assertEquals(1, count(r.stderr, NOT_SYNCING), r.toString());
        assertTrue(r.stderr.contains("Message: stack exhausted at depth "), r.toString());
    }

    /**
     * Finding the calling line once linked a lambda and a stream pipeline: overflowing the stack
     * there surfaced as {@code InternalError} (past the application's {@code catch
     * (StackOverflowError)}) and could leave a JDK stream class failed-to-initialise.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jit", "xint"})
    void aConvenienceWarningAtTheBottomOfAStackLeavesTheApplicationsStreamsWorking(String mode) throws Exception {
        Jvm.Result r = run(mode, "convenience-warn");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("returned from the recursion"), r.toString());
        assertFalse(r.stdout.contains("escaped"), r.toString());
        assertTrue(r.stdout.contains("stream ok: a"), r.toString());
        // Printing at the bottom of the stack may fail and the application's catch retry it one
        // frame up; the warning is counted each time it is reported, never lost.
        assertFalse(r.stdout.contains("warnings counted: 0"), r.toString());
    }

    /**
     * One bugOn, not retried, a few frames above the overflow: the panic is claimed before the
     * report is built, so running out of stack while building it (or even while posting the
     * panic) still ends in exactly one BUG panic instead of an error escaping bugOn.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jit", "xint"})
    void aSingleBugOnWithLittleStackLeftPanicsInsteadOfThrowing(String mode) throws Exception {
        Jvm.Result r = run(mode, "bug-once", mode.equals("xint") ? "96" : "32");
        assertEquals(70, r.exitCode, r.toString());
        assertEquals(1, count(r.stderr, "BUG: deep.bug at "), r.toString());
        assertEquals(1, count(r.stderr, NOT_SYNCING), r.toString());
    }
}
