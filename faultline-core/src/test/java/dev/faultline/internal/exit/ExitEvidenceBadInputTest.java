package dev.faultline.internal.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.internal.ring.RingWriter;
import dev.faultline.ring.ExitReason;
import dev.faultline.ring.PastRun;
import dev.faultline.ring.RunExit;
import dev.faultline.ring.RunLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence that lies or is missing never fails a classification: a garbage hs_err file named
 * like the run's, a memory cgroup that is gone, a ring without run facts (an older version's) and
 * a planted hs_err link each give the weaker reason that remains, saying why.
 */
class ExitEvidenceBadInputTest {
    static final long PID = Long.MAX_VALUE / 2 - 7; // no such process
    static final long START = System.currentTimeMillis() - 60_000;

    @TempDir
    Path dir;

    private void deadRing(String runId, String facts) throws Exception {
        RingWriter w = RingWriter.inMemory(64 * 1024, PID, START, runId, "bad-input");
        if (facts != null) {
            w.append(System.Logger.Level.INFO, ExitMarks.LOGGER, facts);
        }
        w.append(System.Logger.Level.INFO, "app", "working");
        Files.write(dir.resolve(PID + "-" + runId + ".ring"), w.snapshot());
    }

    private RunExit only() {
        List<PastRun> runs = RunLog.read(dir, "bad-input");
        assertEquals(1, runs.size(), runs.toString());
        return runs.get(0).exit();
    }

    @Test
    void aGarbageHsErrFileIsNoEvidence() throws Exception {
        Files.writeString(dir.resolve("hs_err_pid" + PID + ".log"), "not what HotSpot writes\n\0\1\2");
        deadRing("aaaaaaaaaaaaaaaa", "run facts\nmemory_cgroup=\noom_kills=-1\nerror_file=\ncwd=" + dir + "\ntmpdir=" + dir
                + "\nexit_on_oom=false\ncrash_on_oom=false\nboot_id=" + RunFacts.bootId());
        RunExit e = only();
        assertEquals(ExitReason.KILLED, e.reason(), e.toString());
        assertTrue(e.evidence().contains("no evidence because " + dir.resolve("hs_err_pid" + PID + ".log")
                + " is not a HotSpot fatal-error log"), e.toString());
    }

    @Test
    void aPlantedHsErrLinkIsNotFollowed() throws Exception {
        Path real = dir.resolve("elsewhere.log");
        Files.writeString(real, "#\n" + HsErr.FIRST_LINE + "\n#\n#  SIGSEGV (0xb) at pc=0x0, pid=" + PID + ", tid=1\n");
        Files.createSymbolicLink(dir.resolve("hs_err_pid" + PID + ".log"), real);
        deadRing("bbbbbbbbbbbbbbbb", "run facts\nmemory_cgroup=\noom_kills=-1\nerror_file=\ncwd=" + dir + "\ntmpdir=" + dir
                + "\nexit_on_oom=false\ncrash_on_oom=false\nboot_id=" + RunFacts.bootId());
        RunExit e = only();
        assertEquals(ExitReason.KILLED, e.reason(), e.toString());
    }

    @Test
    void aMemoryCgroupThatIsGoneIsNoEvidence() throws Exception {
        Path gone = dir.resolve("no-such-cgroup");
        deadRing("cccccccccccccccc", "run facts\nmemory_cgroup=" + gone + "\noom_kills=0\nerror_file=\ncwd=" + dir
                + "\ntmpdir=" + dir + "\nexit_on_oom=false\ncrash_on_oom=false\nboot_id=" + RunFacts.bootId());
        RunExit e = only();
        assertEquals(ExitReason.KILLED, e.reason(), e.toString());
        assertTrue(e.evidence().contains("no evidence from the memory cgroup because " + gone + " is gone"), e.toString());
    }

    @Test
    void aRingFromBeforeRunFactsIsKilledWithWhy() throws Exception {
        deadRing("dddddddddddddddd", null);
        RunExit e = only();
        assertEquals(ExitReason.KILLED, e.reason(), e.toString());
        assertFalse(e.certain());
        assertTrue(e.evidence().contains("no evidence from the host because the ring holds no run facts"), e.toString());
    }

    @Test
    void memoryCgroupsAreFoundInV1V2AndContainers() {
        String mi1 = "30 25 0:26 / /sys/fs/cgroup/memory rw,nosuid - cgroup cgroup rw,memory\n";
        assertEquals(Path.of("/sys/fs/cgroup/memory/system.slice/acme.service"),
                MemoryCgroup.find("4:memory:/system.slice/acme.service\n0::/x\n", mi1));
        String mi2 = "31 25 0:27 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n";
        assertEquals(Path.of("/sys/fs/cgroup/system.slice/acme.service"),
                MemoryCgroup.find("0::/system.slice/acme.service\n", mi2));
        // A container: its cgroup is the mount's root.
        String mic = "40 35 0:27 /kubepods/pod1/c1 /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n";
        assertEquals(Path.of("/sys/fs/cgroup"), MemoryCgroup.find("0::/kubepods/pod1/c1\n", mic));
        assertEquals(null, MemoryCgroup.find("0::/../../etc\n", mi2));
        assertEquals(null, MemoryCgroup.find("garbage", "garbage"));
        assertEquals(null, MemoryCgroup.find(null, null));
    }

    @Test
    void heartbeatPeriods() {
        assertEquals(10_000_000_000L, Heartbeat.parse("10"));
        assertEquals(500_000_000L, Heartbeat.parse("500ms"));
        assertEquals(2_500_000_000L, Heartbeat.parse("2.5s"));
        assertEquals(0, Heartbeat.parse("0"));
        assertEquals(-1, Heartbeat.parse("-1"));
        assertEquals(-1, Heartbeat.parse("ten"));
        assertEquals(-1, Heartbeat.parse("1e9"));
        assertEquals(-1, Heartbeat.parse("NaN"));
    }
}
