package dev.faultline.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.junit5.fixtures.StrayThreadFixtures;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A report from a thread is attributed to the test that started the thread (recorded when the
 * thread was created): a thread test A left behind that warns while test B runs fails A's class,
 * never B. Only a thread whose start nothing tells falls back to the tests running at the moment.
 */
class StrayThreadTest {
    @Test
    void aThreadLeftBehindByOneTestFailsItsClassNotTheTestRunningNow() {
        EngineExecutionResults results = Kit.run(StrayThreadFixtures.LeftBehind.class);
        TestExecutionResult b = Kit.result(results, "b_runsWhileTheStrayThreadWarns");
        assertEquals(Status.SUCCESSFUL, b.getStatus(), Kit.failureText(b));
        assertEquals(Status.SUCCESSFUL, Kit.result(results, "a_leavesAThreadBehind").getStatus());
        TestExecutionResult cls = results.containerEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .findFirst().orElseThrow(() -> new AssertionError("the class did not fail"));
        String m = Kit.failureText(cls);
        assertTrue(m.contains("unexpected report during StrayThreadFixtures$LeftBehind"), m);
        assertTrue(m.contains("Message: from the thread test a left behind"), m);
    }

    @Test
    void aThreadStartedBeforeAnyTestStillFailsTheTestRunningNow() {
        TestExecutionResult r = Kit.result(Kit.run(StrayThreadFixtures.StartedBeforeAnyTest.class),
                "warnsThroughTheStaticPool");
        assertEquals(Status.FAILED, r.getStatus());
        assertTrue(Kit.failureText(r).contains("Message: from a pool older than the test"), Kit.failureText(r));
    }
}
