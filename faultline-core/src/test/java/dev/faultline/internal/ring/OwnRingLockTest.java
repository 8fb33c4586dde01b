package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.ReadOwnRingMain;
import dev.faultline.ring.RingReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that reads its own ring keeps the lock on it, whichever way it reads it. POSIX drops every lock a process holds on
 * a file when it closes any descriptor of that file; a reader that opened the ring again and
 * closed it would tell every other process the run is dead, and the next start would archive
 * the ring of a run still writing into it.
 */
class OwnRingLockTest {
    @TempDir
    Path dir;

    @Test
    void readingItsOwnRingAndRecoveringItsOwnDirectoryKeepsTheRunsLock() throws Exception {
        Process child = Jvm.start(ReadOwnRingMain.class, List.of("-Dfaultline.dir=" + dir, "-Dfaultline.app=own"));
        try {
            Jvm.Output out = new Jvm.Output(child.getInputStream());
            Jvm.Output err = new Jvm.Output(child.getErrorStream());
            String text = out.await("scan ", Duration.ofSeconds(60));
            String ring = text.lines().filter(l -> l.startsWith("ready ")).findFirst().orElseThrow().substring(6);
            assertTrue(text.lines().filter(l -> l.startsWith("scan ") || l.startsWith("stream ") || l.startsWith("check "))
                    .filter(l -> l.contains(", still running; ")).count() == 3,
                    "it reads its own ring as live, whole, record by record and without records: " + text);
            try (FileChannel ch = FileChannel.open(Path.of(ring), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                try {
                    assertNull(lock, "the run still holds its ring's lock after reading it\n" + err.text());
                } finally {
                    if (lock != null) {
                        lock.release();
                    }
                }
            }
            assertTrue(RingReader.read(Path.of(ring)).live(), "another process sees it live");
            assertTrue(RingReader.check(Path.of(ring)).live(), "another process's check sees it live");
            List<java.nio.file.Path> none = new Recovery(dir, 10, ProcessHandle.current().pid(), "ffffffffffffffff",
                    "own", line -> { }).run();
            assertEquals(List.of(), none, "a start leaves the ring of a run that read its own ring alone");
        } finally {
            child.destroyForcibly().waitFor();
        }
    }
}
