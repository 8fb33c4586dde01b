package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.StartupSettingsMain;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Settings from the application's own configuration: read at start like system properties (same
 * validation, same problem lines, naming the source), below system properties; after the start,
 * run-time keys go through the sysctl path and start-up-only keys are refused with the reason.
 */
class StartupSettingsTest {
    @Test
    void suppliedBeforeTheStartTheyAreReadLikeSystemPropertiesAndAfterItLikeSysctl() throws Exception {
        Jvm.Result r = Jvm.run(StartupSettingsMain.class, List.of("-Dfaultline.panic_timeout=9"), Duration.ofSeconds(60));
        assertEquals(0, r.exitCode, r.toString());
        String out = r.stdout;
        assertTrue(out.contains("before warn_limit: KEPT"), out);
        assertTrue(out.contains("before panic_timeout: OVERRIDDEN"), out);
        assertTrue(out.contains("before panic_exit_code: KEPT"), out);
        assertTrue(out.contains("before nonsense: REFUSED"), out);
        assertTrue(out.contains("started before=false") && out.contains("started after=true"), out);
        assertTrue(out.contains("policy warn_limit=7 panic_timeout=9 panic_exit_code=70 ring_capacity=131072"), out);
        assertTrue(r.stderr.contains("faultline: invalid value '999' for faultline.panic_exit_code (from app.yml line 4):"
                + " expected an integer from 1 to 255; keeping the default 70"), r.stderr);
        assertTrue(r.stderr.contains("unknown setting faultline.panic_on_warm (app.yml line 6) is ignored"), r.stderr);

        assertTrue(out.contains("after warn_limit: APPLIED"), out);
        assertTrue(r.stderr.contains("faultline: faultline.warn_limit changed from 7 to 8 (via test)"), r.stderr);
        assertTrue(out.contains("after warn_limit again: UNCHANGED"), out);
        assertTrue(out.contains("after oops_limit: REFUSED"), out);
        assertTrue(r.stderr.contains("invalid value 'many' for faultline.oops_limit: expected an integer from 0 to"
                + " 2147483647 (from late.yml); nothing changed"), r.stderr);
        assertTrue(out.contains("after ring_size same: UNCHANGED"), out);
        assertTrue(out.contains("after ring_size: REFUSED"), out);
        assertTrue(r.stderr.contains("faultline.ring_size = '2m' (from late.yml) came after Faultline had started and"
                + " is read at start-up only"), r.stderr);
        assertTrue(out.contains("policy warn_limit=8"), out);
    }
}
