package dev.faultline.panic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.OopsCauseMain;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Installing the oops handler never leaves less evidence than not installing it: the OOPS
 * report keeps the frames of the whole cause chain, and the JDK's own
 * {@code Exception in thread ... Caused by: ...} output still appears when the application had
 * no default handler (and is left to the application's handler when it had one).
 */
class OopsEvidenceTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final List<String> OPTS = List.of("-Dfaultline.oops_handler=1", "-Dfaultline.panic_dumps=none");

    /** The OOPS report: from its headline to its end marker. */
    static String oopsReport(String stderr) {
        int start = stderr.indexOf("OOPS: java.lang.IllegalStateException");
        assertTrue(start >= 0, stderr);
        int end = stderr.indexOf("---[ end trace ", start);
        assertTrue(end > start, stderr);
        return stderr.substring(start, end);
    }

    @Test
    void theOopsReportKeepsTheFramesOfTheRootCause() throws Exception {
        Jvm.Result r = Jvm.run(OopsCauseMain.class, OPTS, TIMEOUT);
        assertEquals(0, r.exitCode, r.toString());
        String report = oopsReport(r.stderr);
        assertTrue(report.contains("caused by: java.lang.NumberFormatException: For input string: \"x\""), report);
        assertTrue(report.contains(OopsCauseMain.class.getName() + ".work("), report);
        // The cause's own frames, which the wrapper's trace does not have.
        assertTrue(report.contains(OopsCauseMain.class.getName() + ".parseTheCount("), report);
        assertTrue(report.contains(OopsCauseMain.class.getName() + ".readConfig("), report);
        assertTrue(report.contains("java.lang.Integer.parseInt("), report);
    }

    @Test
    void withoutAnEarlierDefaultHandlerTheJdksOwnOutputStillAppears() throws Exception {
        Jvm.Result r = Jvm.run(OopsCauseMain.class, OPTS, TIMEOUT);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("Exception in thread \"worker\" java.lang.IllegalStateException: wrapper"), r.toString());
        assertTrue(r.stderr.contains("Caused by: java.lang.NumberFormatException: For input string: \"x\""), r.toString());
        assertTrue(r.stderr.contains("\tat " + OopsCauseMain.class.getName() + ".parseTheCount("), r.toString());
    }

    @Test
    void anEarlierDefaultHandlerIsCalledInsteadOfTheJdkOutput() throws Exception {
        Jvm.Result r = Jvm.run(OopsCauseMain.class, OPTS, TIMEOUT, "chained");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("app handler saw java.lang.IllegalStateException: wrapper"), r.toString());
        assertFalse(r.stderr.contains("Exception in thread \"worker\""), r.toString());
        assertTrue(oopsReport(r.stderr).contains(".parseTheCount("), r.toString());
    }
}
