package dev.faultline.bench;

import dev.faultline.Faultline;
import dev.faultline.ring.CrashRing;
import dev.faultline.ring.RecoveredRun;
import dev.faultline.ring.RingFormat;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingScan;
import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
    Path dir;
    Path full;
    String ringName;
    Path crashDir;

    /**
     * A run that dies: fills its crash ring (the runtime's own, 1 MiB) a lap and a quarter
     * through the exported API, then halts without a clean shutdown, as kill -9 would leave it.
     */
    public static final class DeadRun {
        private DeadRun() {}

        public static void main(String[] args) {
            CrashRing ring = Faultline.ring();
            long bytes = 0;
            for (long n = 0; bytes < ring.capacity() + (ring.capacity() >> 2); n++) {
                String m = RingAppendBench.MESSAGE.substring(0, 90) + " n=" + n;
                ring.append(Logger.Level.INFO, "bench.Orders", m);
                bytes += 48 + m.length() + "bench.Orders".length() + 4; // frame header, message, logger, name
            }
            ring.force();
            Runtime.getRuntime().halt(137);
        }
    }

    @Setup(Level.Trial)
    public void writeFullRing() throws IOException, InterruptedException {
        dir = RingAppendBench.tempDir();
        Path runDir = Files.createDirectories(dir.resolve("dead-run"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dfaultline.dir=" + runDir, "-Dfaultline.console=off",
                "-Dfaultline.ring_size=" + (CAPACITY >> 20) + "m",
                DeadRun.class.getName()).inheritIO().start();
        if (p.waitFor() != 137) {
            throw new IllegalStateException("the dead run exited " + p.exitValue());
        }
        try (Stream<Path> files = Files.list(runDir)) {
            full = files.filter(f -> f.getFileName().toString().endsWith(RingFormat.FILE_SUFFIX)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the dead run left no ring in " + runDir));
        }
        ringName = full.getFileName().toString();
        // This JVM only recovers: no ring of its own, no console.
        System.setProperty("faultline.ring", "0");
        System.setProperty("faultline.console", "off");
    }

    @Setup(Level.Invocation)
    public void freshCrashDirectory() throws IOException {
        crashDir = Files.createDirectories(dir.resolve("crash-" + System.nanoTime()));
        Files.copy(full, crashDir.resolve(ringName));
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
        return RingReader.read(crashDir.resolve(ringName));
    }

    @Benchmark
    public List<RecoveredRun> faultline_recover() {
        return Faultline.recoverRings(crashDir);
    }
}
