package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.PolicyMain;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Boot configuration: good values apply, bad ones are named and ignored, and nothing throws. */
class BootConfigTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void goodValuesApply() throws Exception {
        Jvm.Result r = Jvm.run(PolicyMain.class, List.of("-Dfaultline.warn_limit=7", "-Dfaultline.panic_timeout=5",
                "-Dfaultline.panic_exit_code=3", "-Dfaultline.console=json"), TIMEOUT);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("panic_on_warn=0 warn_limit=7 panic_timeout=5 panic_exit_code=3 console=JSON"),
                r.stdout);
        assertEquals("", r.stderr);
    }

    @Test
    void badValuesAreNamedWithKeyValueAndSourceAndTheDefaultsApply() throws Exception {
        Jvm.Result r = Jvm.run(PolicyMain.class, List.of("-Dfaultline.warn_limit=lots", "-Dfaultline.panic_on_warn=maybe",
                "-Dfaultline.panic_exit_code=999", "-Dfaultline.console=xml"), TIMEOUT, "1");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("panic_on_warn=0 warn_limit=0 panic_timeout=-1 panic_exit_code=70 console=TEXT"),
                r.stdout);
        assertTrue(r.stdout.contains("done"), "the program went on");
        assertTrue(r.stderr.contains("faultline: invalid value 'lots' for faultline.warn_limit (from system property"
                + " faultline.warn_limit): expected an integer from 0 to 2147483647; keeping the default 0"), r.stderr);
        assertTrue(r.stderr.contains("invalid value 'maybe' for faultline.panic_on_warn"), r.stderr);
        assertTrue(r.stderr.contains("invalid value '999' for faultline.panic_exit_code"), r.stderr);
        assertTrue(r.stderr.contains("invalid value 'xml' for faultline.console"), r.stderr);
    }

    @Test
    void anUnknownKeyIsReportedSoATypoDoesNotPassSilently() throws Exception {
        Jvm.Result r = Jvm.run(PolicyMain.class, List.of("-Dfaultline.panic_on_warm=1"), TIMEOUT);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("unknown setting faultline.panic_on_warm (system property) is ignored;"
                + " did you mean faultline.panic_on_warn? known keys: "), r.stderr);
    }

    @Test
    void anUnknownEnvironmentVariableGetsADidYouMeanAndANameFarFromEveryKeyGetsNone() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Jvm.javaBin(), "-Dfaultline.zzzzzzzz=1", "-cp", Jvm.classPath(),
                PolicyMain.class.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
        pb.environment().put("FAULTLINE_WARN_LIMTI", "3");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        assertTrue(err.contains("unknown setting FAULTLINE_WARN_LIMTI (environment variable) is ignored;"
                + " did you mean faultline.warn_limit? known keys: "), err);
        assertTrue(err.contains("unknown setting faultline.zzzzzzzz (system property) is ignored; known keys: "), err);
    }

    @Test
    void environmentVariablesApplyAndPropertiesWinOverThem() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Jvm.javaBin(), "-Dfaultline.panic_timeout=9", "-cp", Jvm.classPath(),
                PolicyMain.class.getName());
        pb.environment().put("FAULTLINE_WARN_LIMIT", "4");
        pb.environment().put("FAULTLINE_PANIC_TIMEOUT", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor());
        assertTrue(out.contains("warn_limit=4 panic_timeout=9"), out);
    }
}
