package dev.faultline.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.junit5.fixtures.ParallelFixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Under JUnit's parallel execution reports are attributed by thread: a warning on a test's own
 * thread fails that test only; one on a thread the test started (a pool it made) fails that test
 * only too; only a thread whose start nothing tells fails every test running at that moment.
 */
class ParallelExecutionTest {
    static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

    @Test
    void aWarningOnATestsOwnThreadFailsOnlyThatTest() {
        Map<String, TestExecutionResult> r = Kit.testResults(Kit.run(ParallelFixtures.OwnThread.class, PARALLEL));
        assertEquals(Status.FAILED, r.get("warnsOnItsOwnThread()").getStatus());
        assertTrue(Kit.failureText(r.get("warnsOnItsOwnThread()")).contains("Message: raised on the test thread"));
        assertEquals(Status.SUCCESSFUL, r.get("runsAlongsideQuietly()").getStatus(),
                Kit.failureText(r.get("runsAlongsideQuietly()")));
    }

    @Test
    void aWarningOnAPoolThreadTheTestStartedFailsThatTestOnly() {
        Map<String, TestExecutionResult> r = Kit.testResults(Kit.run(ParallelFixtures.PoolThread.class, PARALLEL));
        assertEquals(Status.FAILED, r.get("warnsFromAPool()").getStatus());
        assertTrue(Kit.failureText(r.get("warnsFromAPool()")).contains("Message: raised on a pool thread"));
        assertEquals(Status.SUCCESSFUL, r.get("runsAlongsideQuietly()").getStatus(),
                "the pool's thread was started by warnsFromAPool: " + Kit.failureText(r.get("runsAlongsideQuietly()")));
    }
}
