package dev.faultline.internal.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Is this file ours?": the process's file-system uid, from /proc or from a probe file, never from /proc/self's link. */
class ProcessUserTest {
    @TempDir
    Path tmp;

    @Test
    void theUidIsTheOwnerOfTheFilesThisProcessCreates() throws Exception {
        Path mine = Files.createFile(tmp.resolve("mine"));
        assertEquals(ProcessUser.owner(mine), ProcessUser.uid());
        assertTrue(ProcessUser.owns(mine));
        assertTrue(ProcessUser.owns(tmp.resolve("missing")), "an unknown owner is not another user's");
    }

    @Test
    void theStatusLinesFourthUidIsTheFileSystemUid() {
        String status = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1001\t1002\t1003\t1004\nGid:\t5\t5\t5\t5\n";
        assertEquals(OptionalLong.of(1004), ProcessUser.parseStatus(status));
        assertEquals(OptionalLong.empty(), ProcessUser.parseStatus("Name:\tjava\n"));
        assertEquals(OptionalLong.empty(), ProcessUser.parseStatus("Uid:\t1\t2\n"));
        assertEquals(OptionalLong.empty(), ProcessUser.parseStatus("Uid:\tx\ty\tz\tw\n"));
    }

    @Test
    void withoutProcTheOwnerOfAProbeFileAnswersAndTheProbeIsGone() throws Exception {
        OptionalLong probed = ProcessUser.find(tmp.resolve("no-proc-here"), tmp);
        assertEquals(ProcessUser.owner(tmp), probed, "the test's own directory is owned by the test's user");
        try (var s = Files.list(tmp)) {
            assertEquals(0, s.count(), "the probe file is deleted");
        }
        assertEquals(OptionalLong.empty(), ProcessUser.find(tmp.resolve("no-proc-here"), tmp.resolve("no-dir-either")));
    }

    @Test
    void anUnprivilegedProcessIsItselfNotRoot() throws Exception {
        // The bug this class exists for: /proc/self is a link the kernel reports as root's for every process.
        Launch svc = Launch.unprivileged();
        Jvm.Result r = Jvm.run(svc, UidMain.class, List.of(), Duration.ofSeconds(60));
        assertEquals(0, r.exitCode, r.toString());
        String uid = r.stdout.trim();
        String expected = svc.user() == null ? String.valueOf(ProcessUser.uid())
                : "OptionalLong[" + new String(new ProcessBuilder("id", "-u", svc.user()).start().getInputStream()
                        .readAllBytes()).trim() + "]";
        assertEquals(expected, uid, r.toString());
    }

    /** Child: prints its own {@link ProcessUser#uid()}. */
    public static final class UidMain {
        public static void main(String[] args) {
            System.out.println(ProcessUser.uid());
        }
    }
}
