package dev.faultline.bench;

import dev.faultline.DebugDomain;
import dev.faultline.DebugMode;
import dev.faultline.Faultline;
import java.io.OutputStream;
import java.io.PrintStream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * An expensive debug check (a walk over a 64-slot ring that recounts its entries) next to the
 * cheap work it guards. With its domain off, the guarded check should cost what no check costs
 * ({@code baseline}); so should a {@code static final boolean} guard and a disabled
 * {@code assert}, which cannot be switched at run time. {@code volatile_off} is the
 * switchable guard that was not chosen: a load and a branch on every call.
 * {@code faultline_domainOn} is the price of the check itself, for scale.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class DebugDomainBench {
    static final DebugDomain OFF = Faultline.domain("bench.domain-off");
    static final DebugDomain ON = Faultline.domain("bench.domain-on");
    /** The compile-time-style switch: false unless -Dbench.checks=true, fixed for the JVM's life. */
    static final boolean CHECKS = Boolean.getBoolean("bench.checks");
    static volatile boolean volatileChecks;

    final int[] ring = new int[64];
    int head;
    int count;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < ring.length; i += 2) {
            ring[i] = i + 1;
            count++;
        }
        // The mode change prints one line; print it nowhere.
        Faultline.setConsoleStream(new PrintStream(OutputStream.nullOutputStream()));
        Faultline.debugDomains().set("bench.domain-on", DebugMode.WARN, "bench");
    }

    /** The invariant: the ring holds {@code count} entries. Expensive on purpose (64 loads). */
    boolean consistent() {
        int n = 0;
        for (int v : ring) {
            if (v != 0) {
                n++;
            }
        }
        return n == count;
    }

    /** The work being guarded: cheap (two loads), so that any cost of the guard would show. */
    int work() {
        return ring[head];
    }

    @Benchmark
    public int baseline() {
        return work();
    }

    @Benchmark
    public int faultline_domainOff() {
        if (OFF.enabled()) {
            OFF.warnOn(!consistent(), "ring count %s is wrong", count);
        }
        return work();
    }

    @Benchmark
    public int faultline_domainOff_lambda() {
        OFF.warnOn(() -> !consistent(), "ring count is wrong");
        return work();
    }

    @Benchmark
    public int staticFinal_off() {
        if (CHECKS) {
            ON.warnOn(!consistent(), "ring count %s is wrong", count);
        }
        return work();
    }

    @Benchmark
    public int assert_disabled() {
        assert consistent() : "ring count " + count + " is wrong";
        return work();
    }

    @Benchmark
    public int volatile_off() {
        if (volatileChecks) {
            ON.warnOn(!consistent(), "ring count %s is wrong", count);
        }
        return work();
    }

    @Benchmark
    public int faultline_domainOn() {
        if (ON.enabled()) {
            ON.warnOn(!consistent(), "ring count %s is wrong", count);
        }
        return work();
    }
}
