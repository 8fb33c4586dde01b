package dev.faultline.bench;

import dev.faultline.Faultline;
import dev.faultline.Watchdog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a loop pays to tell a watchdog it made progress: Faultline's {@code Watchdog.touch()}
 * next to a plain field store (the {@code baseline}: a counter incremented, what the loop would
 * write for itself), a Vert.x {@code VertxThread.executeStart()} ({@code execStart =
 * System.nanoTime()}, a plain store of a clock reading), and the volatile timestamp a
 * {@code BlockedThreadChecker}-style checker needs for its reads to be safe without an opaque
 * store ({@code volatile long start = System.nanoTime()}). One thread and two threads, each with
 * its own watchdog and fields (as every loop has its own), in the same run; run with
 * {@code -prof gc} for B/op (0 expected everywhere).
 *
 * <p>The watchdogs have a timeout of one hour, so the checker thread looks at them once a second
 * and never reports: what is measured is the loop's side only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class WatchdogBench {
    /** One loop's state: its own watchdog and fields, made on the thread that runs it. */
    @State(Scope.Thread)
    public static class Loop {
        Watchdog watchdog;
        long counter;
        long execStart;
        volatile long volatileStart;

        @Setup
        public void setUp() {
            watchdog = Faultline.watchdog("bench-loop-" + Thread.currentThread().getId(), Duration.ofHours(1));
        }

        @TearDown
        public void tearDown() {
            watchdog.close();
        }
    }

    @Benchmark
    public void baseline(Loop l) {
        l.counter++;
    }

    @Benchmark
    public void faultline_touch(Loop l) {
        l.watchdog.touch();
    }

    @Benchmark
    public void vertx_executeStart(Loop l) {
        l.execStart = System.nanoTime();
    }

    @Benchmark
    public void volatileTimestamp(Loop l) {
        l.volatileStart = System.nanoTime();
    }

    @Benchmark
    @Threads(2)
    public void baseline_threads2(Loop l) {
        l.counter++;
    }

    @Benchmark
    @Threads(2)
    public void faultline_touch_threads2(Loop l) {
        l.watchdog.touch();
    }

    @Benchmark
    @Threads(2)
    public void vertx_executeStart_threads2(Loop l) {
        l.execStart = System.nanoTime();
    }

    @Benchmark
    @Threads(2)
    public void volatileTimestamp_threads2(Loop l) {
        l.volatileStart = System.nanoTime();
    }
}
