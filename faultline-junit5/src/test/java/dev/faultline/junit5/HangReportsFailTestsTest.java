package dev.faultline.junit5;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.junit5.fixtures.HangFixtures;
import org.junit.jupiter.api.Test;

/**
 * A deadlock made by a test fails it like a warning; a stall of the whole JVM (a GC pause, a
 * loaded CI machine, here a SIGSTOP) fails nothing: it says nothing about the code under test.
 */
class HangReportsFailTestsTest {
    @Test
    void aDeadlockFailsTheTest() throws Exception {
        ChildJvm r = ChildJvm.run(HangFixtures.Deadlocks.class, "-Dfaultline.deadlock_check=500ms");
        assertTrue(r.out.contains("DEADLOCK count 1"), r.toString());
        assertTrue(r.out.contains("result deadlocks() FAILED "), r.toString());
        assertTrue(r.out.contains("unexpected report during"), r.toString());
    }

    @Test
    void aStallOfTheWholeJvmFailsNoTest() throws Exception {
        ChildJvm r = ChildJvm.run(HangFixtures.Stalls.class, "-Dfaultline.stall_threshold=1");
        assertTrue(r.out.contains("STALL count 1"), r.toString());
        assertTrue(r.out.contains("result theJvmStallsWhileThisTestRuns() SUCCESSFUL"), r.toString());
        assertTrue(r.err.contains("\nSTALL: jvm\n"), r.toString());
    }
}
