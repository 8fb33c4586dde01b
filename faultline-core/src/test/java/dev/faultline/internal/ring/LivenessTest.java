package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.ring.RingFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The liveness policy, rule by rule: the lock decides whenever the run held one; without one,
 * the boot and the PID namespace say what a pid can prove; a pid of another PID namespace
 * proves nothing, and then nothing is touched.
 */
class LivenessTest {
    static final long ME = ProcessHandle.current().pid();
    static final long MY_START = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    static final long GONE = Long.MAX_VALUE / 2;

    @TempDir
    Path dir;

    /** The header of a ring of run (pid, start) with the given origin word and PID namespace. */
    static ByteBuffer header(long pid, long start, int origin, int namespace) {
        ByteBuffer b = ByteBuffer.allocateDirect(RingFormat.HEADER_LENGTH + RingFormat.MIN_CAPACITY);
        RingWriter w = RingWriter.create(b, null, null, RingFormat.MIN_CAPACITY, pid, start, "00000000000000aa", "app",
                origin, namespace);
        return ByteBuffer.wrap(w.snapshot()).order(ByteOrder.LITTLE_ENDIAN);
    }

    static final int LOCKED_HERE = Liveness.origin(true);
    static final int UNLOCKED_HERE = Liveness.origin(false);
    static final int NS = Liveness.pidNamespace();

    @Test
    void aHeldLockMeansRunningWhateverThePid() {
        assertEquals(Liveness.Verdict.RUNNING, Liveness.judge(header(GONE, 1, LOCKED_HERE, NS), Liveness.Lock.HELD, ME));
        assertEquals(Liveness.Verdict.RUNNING, Liveness.judge(header(GONE, 1, 0, 0), Liveness.Lock.HELD, ME));
    }

    @Test
    void aFreeLockOnARingWhoseRunHeldItMeansEndedEvenWhenItsPidAndStartTimeMatchALiveProcess() {
        // In containers pid 1 with a matching start time can be anyone: the pid is not asked.
        assertEquals(Liveness.Verdict.ENDED,
                Liveness.judge(header(ME, MY_START, LOCKED_HERE, NS), Liveness.Lock.FREE, ME + 1));
    }

    @Test
    void withoutALockThePidDecidesOnlyInTheSamePidNamespaceOfTheSameBoot() {
        ByteBuffer sameNamespace = header(ME, MY_START, UNLOCKED_HERE, NS);
        assertEquals(Liveness.Verdict.RUNNING, Liveness.judge(sameNamespace, Liveness.Lock.FREE, ME + 1));
        assertEquals(Liveness.Verdict.RUNNING, Liveness.judge(sameNamespace, Liveness.Lock.UNTESTABLE, ME + 1));
        assertEquals(Liveness.Verdict.ENDED, Liveness.judge(header(ME, MY_START - 3_600_000, UNLOCKED_HERE, NS),
                Liveness.Lock.FREE, ME + 1), "a reused pid");
        assertEquals(Liveness.Verdict.ENDED, Liveness.judge(sameNamespace, Liveness.Lock.FREE, ME),
                "our own pid with another run id: an earlier incarnation");
        if (NS != 0) {
            assertEquals(Liveness.Verdict.CANNOT_TELL,
                    Liveness.judge(header(1, MY_START, UNLOCKED_HERE, NS + 1), Liveness.Lock.FREE, 1),
                    "pid 1 of another namespace is not our pid 1");
        }
        if (UNLOCKED_HERE != 0) {
            int otherBoot = UNLOCKED_HERE ^ 0x100;
            assertEquals(Liveness.Verdict.ENDED,
                    Liveness.judge(header(ME, MY_START, otherBoot, NS + 1), Liveness.Lock.UNTESTABLE, ME + 1),
                    "written before the host last booted");
        }
        // A ring from before the origin word: the pid and start time, as before.
        assertEquals(Liveness.Verdict.RUNNING, Liveness.judge(header(ME, MY_START, 0, 0), Liveness.Lock.FREE, ME + 1));
        assertEquals(Liveness.Verdict.ENDED, Liveness.judge(header(GONE, 1, 0, 0), Liveness.Lock.FREE, ME + 1));
    }

    @Test
    void aDamagedHeaderIsJudgedWithoutItsOriginWord() {
        ByteBuffer h = header(ME, MY_START, LOCKED_HERE, NS);
        h.putInt(RingFormat.H_ORIGIN, LOCKED_HERE ^ 0x10); // a flipped origin bit: checksum fails, origin ignored
        assertEquals(Liveness.Verdict.RUNNING, Liveness.judge(h, Liveness.Lock.FREE, ME + 1),
                "judged by its pid and start time, which match this process");
    }

    @Test
    void theRecoveryLeavesARingItCannotJudgeAloneAndSaysSo() throws Exception {
        if (NS == 0) {
            return; // no /proc here: namespaces cannot be told apart
        }
        ByteBuffer h = header(1, MY_START, UNLOCKED_HERE, NS + 1);
        Path ring = dir.resolve("1-00000000000000aa.ring");
        Files.write(ring, h.array());
        List<String> lines = new ArrayList<>();
        assertEquals(List.of(), new Recovery(dir, 10, 1, "ffffffffffffffff", "app", lines::add).run());
        assertTrue(Files.exists(ring));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("1-00000000000000aa.ring (it holds no lock and its pid 1 is in another PID"
                + " namespace: whether run 00000000000000aa still runs cannot be told)"), lines.get(0));
    }
}
