package dev.faultline.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.PanicError;
import dev.faultline.report.ReportKind;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.faultline.junit5.fixtures.RecordCodec;
import dev.faultline.junit5.fixtures.RecordCodecFuzzing;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Jazzer in regression mode: the @FuzzTest runs on the empty input and on its seeds from the
 * test resources; under the extension, fuzzing mode is on for it, so the seed that reaches the
 * warning fails as a finding whose stack starts at the warning's call site.
 */
class JazzerFuzzingTest {

    @Test
    void theSeedThatReachesTheWarningIsAFindingThrownAtTheCallSite() {
        Map<String, TestExecutionResult> r = Kit.testResults(Kit.run(RecordCodecFuzzing.class));
        assertEquals(3, r.size(), "the empty input and two seeds: " + r.keySet());
        assertEquals(Status.SUCCESSFUL, r.get("<empty input>").getStatus(), Kit.failureText(r.get("<empty input>")));
        assertEquals(Status.SUCCESSFUL, r.get("well-formed").getStatus(), Kit.failureText(r.get("well-formed")));

        TestExecutionResult finding = r.get("truncated-record");
        assertEquals(Status.FAILED, finding.getStatus());
        Throwable thrown = finding.getThrowable().orElseThrow();
        assertEquals("com.code_intelligence.jazzer.junit.FuzzTestFindingException", thrown.getClass().getName(),
                "Jazzer reports it as a finding");
        PanicError e = assertInstanceOf(PanicError.class, thrown.getCause(), "the finding is the warning's PanicError");
        assertEquals(ReportKind.PANIC, e.report().kind());
        assertEquals("codec.truncated-record", e.report().site());
        StackTraceElement top = e.getStackTrace()[0];
        assertEquals("dev.faultline.junit5.fixtures.RecordCodec", top.getClassName(), top.toString());
        assertEquals("decode", top.getMethodName(), top.toString());
        String all = Kit.failureText(finding);
        assertTrue(all.contains("Message: record at 3 declares 9 bytes, 2 left"), "the warning report: " + all);
    }

    @Test
    void withFuzzModeZeroTheWarningStillFailsTheTestButAsAReportNotAFinding() throws Exception {
        ChildJvm c = ChildJvm.run(RecordCodecFuzzing.class, "-Dfaultline.fuzz_mode=0");
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.out.contains("result truncated-record FAILED org.opentest4j.AssertionFailedError: Faultline:"
                + " 1 unexpected report during RecordCodecFuzzing.decode truncated-record"), c.toString());
        assertTrue(c.out.contains("result well-formed SUCCESSFUL"), c.toString());
        assertTrue(!c.err.contains("panic_on_warn changed"), c.toString());
    }

    @Test
    void aMetaAnnotatedFuzzTestIsRecognisedAndAPlainTestIsNot() throws NoSuchMethodException {
        assertTrue(JazzerFuzzTests.isFuzzTest(Marked.class.getDeclaredMethod("viaMetaAnnotation", byte[].class)));
        assertTrue(JazzerFuzzTests.isFuzzTest(RecordCodecFuzzing.class.getDeclaredMethod("decode", byte[].class)));
        assertTrue(!JazzerFuzzTests.isFuzzTest(JazzerFuzzingTest.class.getDeclaredMethod("fuzzingModeIsOnOnlyWhileTheFuzzTestRuns")));
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @FuzzTest(maxDuration = "1s")
    @interface QuickFuzzTest {}

    static class Marked {
        @QuickFuzzTest
        void viaMetaAnnotation(byte[] input) {
            RecordCodec.decode(input);
        }
    }

    @Test
    void fuzzingModeIsOnOnlyWhileTheFuzzTestRuns() {
        Kit.run(RecordCodecFuzzing.class);
        assertTrue(!Faultline.policy().panicOnWarn(), "panic_on_warn is off again after the fuzz test");
    }
}
