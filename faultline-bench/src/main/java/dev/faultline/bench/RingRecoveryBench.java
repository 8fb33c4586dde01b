package dev.faultline.bench;

import dev.faultline.internal.ring.Recovery;
import dev.faultline.internal.ring.RingWriter;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingScan;
import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The start-up cost of recovering a full 64 MiB crash ring (wrapped around, about 400,000
 * records of ~100 bytes) left by a run that did not shut down cleanly: {@code faultline_read}
 * validates every frame; {@code faultline_recover} is the whole start-up step (claim by
 * rename, validate, write the text archive, move the binary into the archive).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class RingRecoveryBench {
    static final int CAPACITY = 64 << 20;
    /** A pid no process has, so the ring's run counts as dead. */
    static final long DEAD_PID = Long.MAX_VALUE / 2;

    Path dir;
    Path full;
    Path crashDir;

    @Setup(Level.Trial)
    public void writeFullRing() throws IOException {
        dir = RingAppendBench.tempDir();
        RingWriter w = RingWriter.inMemory(CAPACITY, DEAD_PID, System.currentTimeMillis(), "0000000000dead00");
        long n = 0;
        while (w.tail() < CAPACITY + (CAPACITY >> 2)) { // a lap and a quarter
            w.append(Logger.Level.INFO, "bench.Orders", RingAppendBench.MESSAGE.substring(0, 90) + " n=" + n++);
        }
        full = Files.write(dir.resolve("full.bin"), w.snapshot());
    }

    @Setup(Level.Invocation)
    public void freshCrashDirectory() throws IOException {
        crashDir = Files.createDirectories(dir.resolve("crash-" + System.nanoTime()));
        Files.copy(full, crashDir.resolve(DEAD_PID + "-0000000000dead00.ring"));
    }

    @TearDown(Level.Invocation)
    public void removeCrashDirectory() throws IOException {
        RingAppendBench.delete(crashDir);
    }

    @TearDown(Level.Trial)
    public void removeAll() throws IOException {
        RingAppendBench.delete(dir);
    }

    @Benchmark
    public RingScan faultline_read() {
        return RingReader.read(crashDir.resolve(DEAD_PID + "-0000000000dead00.ring"));
    }

    @Benchmark
    public List<Path> faultline_recover() {
        return new Recovery(crashDir, 10, ProcessHandle.current().pid(), "00000000bench000", line -> { }).run();
    }
}
