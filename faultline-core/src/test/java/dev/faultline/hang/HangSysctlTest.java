package dev.faultline.hang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.HangSysctlMain;
import dev.faultline.fixtures.Jvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every hang key is a run-time key (sysctl, JMX, the actuator endpoint all go through the same
 * table): a deadlock check turned on in a running process finds the deadlock that was already
 * there, each change prints its change line naming the channel, a {@code *_panic} turned off
 * taints {@code R}, a bad value is refused with its key, and the checker reports its own cost.
 */
class HangSysctlTest {
    @Test
    void hangKeysChangeInARunningProcess() throws Exception {
        Jvm.Result r = Jvm.run(HangSysctlMain.class, List.of("-Dfaultline.deadlock_check=0"), Duration.ofSeconds(90));
        assertEquals(0, r.exitCode, r.toString());
        String out = r.stdout;
        for (String line : new String[] {"SYSCTL faultline.deadlock_check = 0", "SYSCTL faultline.deadlock_panic = 0",
                "SYSCTL faultline.hung_task_timeout = 120", "SYSCTL faultline.hung_task_check_interval = 10",
                "SYSCTL faultline.hung_task_warnings = 10", "SYSCTL faultline.hung_task_panic = 0",
                "SYSCTL faultline.soft_watchdog = 1", "SYSCTL faultline.softlockup_panic = 0",
                "SYSCTL faultline.stall_threshold = 5", "BEFORE 0",
                "SET faultline: faultline.deadlock_check changed from 0 to 500ms (via test)",
                "SET faultline: faultline.deadlock_panic changed from 0 to 1 (via test)",
                "SET faultline: faultline.deadlock_panic changed from 1 to 0 (via test)",
                "SET faultline: faultline.hung_task_warnings changed from 10 to -1 (via test)",
                "TAINT Tainted: R (R: a safety setting was relaxed at run time)",
                "REFUSED invalid value '50ms' for faultline.hung_task_timeout: expected a duration: seconds (e.g. 10 or"
                        + " 2.5), or a number with ms or s (500ms); 0 = off, at least 100ms and at most a day",
                "GET 120"}) {
            assertTrue(out.contains(line + "\n"), line + "\n" + r);
        }
        assertTrue(out.matches("(?s).*\nAFTER 1 in \\d+ ms\n.*"), r.toString());
        assertTrue(r.stderr.contains("faultline: faultline.deadlock_check changed from 0 to 500ms (via test)"), r.stderr);
        assertTrue(r.stderr.contains("\nDEADLOCK: deadlock at "), r.stderr);
        assertTrue(out.matches("(?s).*\nCHECKER deadlock scans: every 500ms; [1-9]\\d* runs, mean \\d+\\.\\d{3} ms.*"), out);
        assertTrue(out.matches("(?s).*\nCHECKER checker: running, \\d+ wake-ups in \\d+ s .*"), out);
    }
}
