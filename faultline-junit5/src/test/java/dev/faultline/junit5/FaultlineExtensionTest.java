package dev.faultline.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.junit5.fixtures.WarningFixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/**
 * The extension, specified through JUnit's own EngineTestKit: every warning fails the test it
 * happened in, on whatever thread it was raised, unless the test declared it.
 */
class FaultlineExtensionTest {

    @Test
    void aWarningOnTheTestThreadFailsTheTestWithTheFullReport() {
        TestExecutionResult r = Kit.result(Kit.run(WarningFixtures.WarnOnTestThread.class), "warns");
        assertEquals(Status.FAILED, r.getStatus());
        Throwable t = r.getThrowable().orElseThrow();
        assertInstanceOf(AssertionFailedError.class, t);
        String m = t.getMessage();
        assertTrue(m.startsWith("Faultline: 1 unexpected report during WarnOnTestThread.warns()"), m);
        assertTrue(m.contains("------------[ cut here ]------------"), m);
        assertTrue(m.contains("WARNING: fixture.ledger at dev.faultline.junit5.fixtures.WarningFixtures$WarnOnTestThread.warns"),
                m);
        assertTrue(m.contains("Message: balance -5"), m);
        assertTrue(m.contains("Call Trace:"), m);
    }

    @Test
    void aWarningOnAnExecutorThreadFailsTheTestThatRan() {
        TestExecutionResult r = Kit.result(Kit.run(WarningFixtures.WarnOnExecutorThread.class), "warnsFromAPool");
        assertEquals(Status.FAILED, r.getStatus());
        String m = Kit.failureText(r);
        assertTrue(m.contains("WARNING: fixture.ledger"), m);
        assertTrue(m.contains("Thread: \"fixture-pool\""), m);
        assertTrue(m.contains("Message: from the pool"), m);
    }

    @Test
    void aCleanTestPasses() {
        EngineExecutionResults results = Kit.run(WarningFixtures.Clean.class);
        assertEquals(Status.SUCCESSFUL, Kit.result(results, "passingChecksOnly").getStatus());
        assertEquals(Status.SUCCESSFUL, Kit.result(results, "ratelimitedPrintsAreNotWarnings").getStatus());
        assertEquals(0, results.containerEvents().failed().count());
    }

    @Test
    void anExpectedWarningPassesOnlyWhenItComesAsDeclared() {
        Map<String, TestExecutionResult> r = Kit.testResults(Kit.run(WarningFixtures.Expected.class));

        assertEquals(Status.SUCCESSFUL, r.get("expectedWarningComes()").getStatus());
        assertEquals(Status.SUCCESSFUL, r.get("twoSitesAsDeclared()").getStatus());

        String missing = Kit.failureText(r.get("expectedWarningDoesNotCome()"));
        assertTrue(missing.contains("expected 1 WARNING report from site \"fixture.ledger\", but 0 came"), missing);

        String twice = Kit.failureText(r.get("expectedOnceButCameTwice()"));
        assertTrue(twice.contains("1 unexpected report"), twice);
        assertTrue(twice.contains("Message: second"), "the extra one is shown: " + twice);
        assertTrue(!twice.contains("Message: first"), "the expected one is not: " + twice);

        String mismatch = Kit.failureText(r.get("messageDoesNotMatch()"));
        assertTrue(mismatch.contains("with a message matching /balance/, but 0 came"), mismatch);
        assertTrue(mismatch.contains("Message: overdraft"), mismatch);
    }

    @Test
    void aBadDeclarationFailsTheTestNamingTheAttributeAndValue() {
        Map<String, TestExecutionResult> r = Kit.testResults(Kit.run(WarningFixtures.BadDeclaration.class));
        String pattern = Kit.failureText(r.get("badPattern()"));
        assertTrue(pattern.contains("@ExpectWarning on dev.faultline.junit5.fixtures.WarningFixtures$BadDeclaration.badPattern:"
                + " message = \"([\" is not a valid regular expression"), pattern);
        String count = Kit.failureText(r.get("zeroCount()"));
        assertTrue(count.contains("count = 0 is invalid; expected 1 or more"), count);
    }

    @Test
    void onceStateAndCountersDoNotLeakBetweenTests() {
        Map<String, TestExecutionResult> r = Kit.testResults(Kit.run(WarningFixtures.OnceStateDoesNotLeak.class));
        assertEquals(Status.SUCCESSFUL, r.get("first()").getStatus(), Kit.failureText(r.get("first()")));
        assertEquals(Status.SUCCESSFUL, r.get("second()").getStatus(),
                "the warnOnce site reported again in the second test: " + Kit.failureText(r.get("second()")));
    }

    @Test
    void autoDetectionAppliesTheExtensionToEveryTest() {
        EngineExecutionResults without = Kit.run(WarningFixtures.NotAnnotated.class);
        assertEquals(Status.SUCCESSFUL, Kit.result(without, "warns").getStatus(),
                "without the extension a warning is only printed");

        EngineExecutionResults with = Kit.run(WarningFixtures.NotAnnotated.class,
                Map.of("junit.jupiter.extensions.autodetection.enabled", "true"));
        TestExecutionResult r = Kit.result(with, "warns");
        assertEquals(Status.FAILED, r.getStatus());
        assertTrue(Kit.failureText(r).contains("Message: auto-detected"), Kit.failureText(r));
    }

    @Test
    void aWarningAfterItsTestEndedFailsTheClassInsteadOfBeingLost() {
        EngineExecutionResults results = Kit.run(WarningFixtures.LateWarning.class);
        assertEquals(Status.SUCCESSFUL, Kit.result(results, "leavesAThreadBehind").getStatus());
        TestExecutionResult cls = results.containerEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .findFirst().orElseThrow(() -> new AssertionError("the class did not fail"));
        String m = Kit.failureText(cls);
        assertTrue(m.contains("unexpected report during WarningFixtures$LateWarning"), m);
        assertTrue(m.contains("Message: too late"), m);
    }

    @Test
    void aWarningWhileNoTestRunsIsHandedToTheNextTestClass() {
        Faultline.site("outside.tests").warnOn(true, "between classes");
        EngineExecutionResults results = Kit.run(WarningFixtures.Clean.class);
        assertEquals(Status.SUCCESSFUL, Kit.result(results, "passingChecksOnly").getStatus(),
                "no test is blamed for it");
        TestExecutionResult cls = results.containerEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .findFirst().orElseThrow(() -> new AssertionError("the report was lost"));
        String m = Kit.failureText(cls);
        assertTrue(m.contains("1 of them came while no test was running"), m);
        assertTrue(m.contains("Message: between classes"), m);
    }
}
