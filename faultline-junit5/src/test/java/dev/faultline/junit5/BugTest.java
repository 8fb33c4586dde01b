package dev.faultline.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.junit5.fixtures.BugFixtures;
import org.junit.jupiter.api.Test;

/**
 * A BUG under the extension fails its test and never halts the test JVM — checked in a real
 * child JVM started with test mode explicitly off, where a halting panic would end the process
 * with the panic exit code before it could print "still alive".
 */
class BugTest {

    @Test
    void aBugFailsItsTestAndTheTestJvmGoesOn() throws Exception {
        ChildJvm c = ChildJvm.run(BugFixtures.Bugs.class, "-Dfaultline.test_mode=0");
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.out.contains("test_mode at start=0"), c.toString());
        assertTrue(c.out.contains("result bugOnTheTestThread() FAILED dev.faultline.PanicError: BUG at fixture.queue"),
                c.toString());
        assertTrue(c.out.contains("result bugOnAnotherThread() FAILED org.opentest4j.AssertionFailedError: Faultline:"
                + " 1 unexpected report during Bugs.bugOnAnotherThread()"), c.toString());
        assertTrue(c.out.contains("result anExpectedBug() SUCCESSFUL"), c.toString());
        assertTrue(c.out.contains("result aCleanTestAfterwards() SUCCESSFUL"), c.toString());
        assertTrue(c.out.contains("test_mode at end=1"), c.toString());
        assertTrue(c.out.contains("still alive"), c.toString());
        assertTrue(c.err.contains("faultline: faultline.test_mode changed from 0 to 1 (via junit5 extension)"),
                c.toString());
    }
}
