package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.RateLimitMain;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The process-wide default limit: validated like every setting, kernel defaults otherwise. */
class RateLimitConfigTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void withoutSettingsTheKernelDefaultsApply() throws Exception {
        Jvm.Result r = Jvm.run(RateLimitMain.class, List.of(), TIMEOUT, "25");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("default=10 per 5000 ms printed=10"), r.stdout);
        assertEquals("", r.stderr.replaceAll("(?s)------------\\[ cut here.*?end trace \\d+ \\]---\n", ""),
                "nothing but reports on stderr");
    }

    @Test
    void goodValuesApplyAndIntervalZeroMeansNoLimit() throws Exception {
        Jvm.Result r = Jvm.run(RateLimitMain.class, List.of("-Dfaultline.ratelimit_burst=3",
                "-Dfaultline.ratelimit_interval_ms=60000"), TIMEOUT, "25");
        assertTrue(r.stdout.contains("default=3 per 60000 ms printed=3"), r.toString());
        Jvm.Result unlimited = Jvm.run(RateLimitMain.class, List.of("-Dfaultline.ratelimit_interval_ms=0"), TIMEOUT,
                "25");
        assertTrue(unlimited.stdout.contains("default=unlimited printed=25"), unlimited.toString());
    }

    @Test
    void aNegativeBurstOrIntervalIsAnErrorNamingTheKeyAndTheDefaultIsKept() throws Exception {
        Jvm.Result r = Jvm.run(RateLimitMain.class, List.of("-Dfaultline.ratelimit_burst=-1",
                "-Dfaultline.ratelimit_interval_ms=-5000"), TIMEOUT, "25");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("default=10 per 5000 ms printed=10"), r.toString());
        assertTrue(r.stderr.contains("faultline: invalid value '-1' for faultline.ratelimit_burst (from system property"
                + " faultline.ratelimit_burst): expected an integer from 0 to 2147483647; keeping the default 10"),
                r.stderr);
        assertTrue(r.stderr.contains("invalid value '-5000' for faultline.ratelimit_interval_ms"), r.stderr);
    }

    @Test
    void aValueThatIsNoNumberIsNamedToo() throws Exception {
        Jvm.Result r = Jvm.run(RateLimitMain.class, List.of("-Dfaultline.ratelimit_interval_ms=5s"), TIMEOUT, "0");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("invalid value '5s' for faultline.ratelimit_interval_ms"), r.stderr);
        assertTrue(r.stdout.contains("default=10 per 5000 ms"), r.stdout);
    }
}
