package dev.faultline.bench;

import com.acme.bench.AssertLoop;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What an assert rewritten by faultline-agent costs while its domain is off, against the same
 * loop under {@code -da} (the bar: the same), under {@code -ea}, with the domain in warn mode
 * (the assert is evaluated, and holds), and the loop without any assert.
 *
 * <p>Each variant forks its own JVM with its own flags. The agent is loaded from
 * {@value #AGENT}, relative to the working directory: run from the repository root after
 * building the agent ({@code ./mvnw -pl faultline-agent -am package -DskipTests}), e.g.
 * {@code bench/run AssertOffBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class AssertOffBench {
    static final String AGENT = "faultline-agent/target/faultline-agent.jar";

    int[] values;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        values = new int[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextInt(1000);
        }
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = "-da")
    public long baseline_da() {
        return AssertLoop.sum(values);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = "-da")
    public long baseline_noAssert() {
        return AssertLoop.sumPlain(values);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = "-ea")
    public long ea() {
        return AssertLoop.sum(values);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-da", "-javaagent:" + AGENT, "-Dfaultline.debug=assert:com.acme.bench=off",
            "-Dfaultline.console=off"})
    public long faultline_agentOff() {
        return AssertLoop.sum(values);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-da", "-javaagent:" + AGENT, "-Dfaultline.debug=assert:com.acme.bench=warn",
            "-Dfaultline.console=off"})
    public long faultline_agentWarn() {
        return AssertLoop.sum(values);
    }
}
