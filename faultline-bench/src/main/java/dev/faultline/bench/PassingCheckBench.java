package dev.faultline.bench;

import com.google.common.base.Preconditions;
import dev.faultline.Faultline;
import dev.faultline.Site;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
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
 * The cost of a check that passes, next to a plain {@code if} and the peers (Guava
 * {@code checkState}, Java {@code assert} on and off). Every method has the same shape: read a
 * field, test it, return a fallback through a non-inlined method if the test fails (it never
 * does), so the only difference is the check itself.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class PassingCheckBench {
    static final Site SITE = Faultline.site("bench.passing");
    static final Site ONCE = Faultline.site("bench.once-fired");
    /** A site that has fired before, so the JIT cannot treat its firing branch as dead. */
    static final Site FIRED_BEFORE = Faultline.site("bench.fired-before");

    int value = 42;
    /** Outside the Integer/Long box caches, like a real balance. */
    long balance = 1_000_000L;
    Object arg = "context";

    @Setup(Level.Trial)
    public void fireOnce() {
        // The warnOnce benchmark measures a site that already reported: print that one report nowhere.
        Faultline.setConsoleStream(new PrintStream(OutputStream.nullOutputStream()));
        ONCE.warnOnce(true);
        FIRED_BEFORE.warnOn(true, "setup %s for %s", balance, arg);
        FIRED_BEFORE.warnOn(true, "setup %s for %s", (Object) balance, arg);
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static int fallback(int v) {
        return -v;
    }

    @Benchmark
    public int baseline() {
        int v = value;
        if (v < 0) {
            return fallback(v);
        }
        return v;
    }

    @Benchmark
    public int faultline_warnOn() {
        int v = value;
        if (SITE.warnOn(v < 0)) {
            return fallback(v);
        }
        return v;
    }

    @Benchmark
    public int faultline_warnOn_msgArg() {
        int v = value;
        if (SITE.warnOn(v < 0, "value %s for %s", v, arg)) {
            return fallback(v);
        }
        return v;
    }

    @Benchmark
    public int faultline_warnOn_primitiveArg() {
        int v = value;
        if (SITE.warnOn(v < 0, "value %s", v)) {
            return fallback(v);
        }
        return v;
    }

    @Benchmark
    public int faultline_warnOn_supplier() {
        int v = value;
        if (SITE.warnOn(v < 0, () -> "value " + value)) {
            return fallback(v);
        }
        return v;
    }

    /** Five arguments: the varargs form after the four fixed ones; the array is on the passing path's call. */
    @Benchmark
    public int faultline_warnOn_fiveArgs() {
        int v = value;
        if (SITE.warnOn(v < 0, "%s %s %s %s %s", arg, arg, arg, arg, arg)) {
            return fallback(v);
        }
        return v;
    }

    /** The static convenience form: the call line is looked up only when the check fires. */
    @Benchmark
    public int faultline_static_warnOn_msgArg() {
        int v = value;
        if (Faultline.warnOn(v < 0, "value %s for %s", v, arg)) {
            return fallback(v);
        }
        return v;
    }

    /** An object-bearing check with three arguments: the object is dumped only when it fires. */
    @Benchmark
    public int faultline_warnOnObject_threeArgs() {
        int v = value;
        if (SITE.warnOnObject(v < 0, arg, "%s %s %s", arg, arg, arg)) {
            return fallback(v);
        }
        return v;
    }

    /** A long and an object on a site that has fired: the (long, Object) overload, no box. */
    @Benchmark
    public long faultline_warnOn_longAndObject_firedBefore() {
        long b = balance;
        if (FIRED_BEFORE.warnOn(b < 0, "balance %s for %s", b, arg)) {
            return fallback((int) b);
        }
        return b;
    }

    /**
     * The pitfall the mixed overloads exist for: a primitive passed as an Object is boxed by
     * the caller, and once the site has fired the JIT keeps that box on the passing path.
     */
    @Benchmark
    public long faultline_warnOn_boxedByCaller_firedBefore() {
        long b = balance;
        if (FIRED_BEFORE.warnOn(b < 0, "balance %s for %s", (Object) b, arg)) {
            return fallback((int) b);
        }
        return b;
    }

    /** A site that fires once every 65536 calls keeps its firing branch compiled: a real box stays a box. */
    static final Site FIRES_RARELY = Faultline.site("bench.fires-rarely");
    int calls;

    /** Fires 1 call in 65536 (the report, to a null console, costs ~0.1 ns/op amortised); (long, Object) overload. */
    @Benchmark
    public long faultline_warnOn_longAndObject_firesRarely() {
        long b = (++calls & 0xFFFF) == 0 ? -balance : balance;
        if (FIRES_RARELY.warnOn(b < 0, "balance %s for %s", b, arg)) {
            return fallback((int) b);
        }
        return b;
    }

    /** The same with the primitive passed as an Object: the caller's box is allocated on every call. */
    @Benchmark
    public long faultline_warnOn_boxedByCaller_firesRarely() {
        long b = (++calls & 0xFFFF) == 0 ? -balance : balance;
        if (FIRES_RARELY.warnOn(b < 0, "balance %s for %s", (Object) b, arg)) {
            return fallback((int) b);
        }
        return b;
    }

    @Benchmark
    public int faultline_bugOn() {
        int v = value;
        SITE.bugOn(v < 0, "value %s", arg);
        return v;
    }

    /** Not a passing check: the condition is true but the site already reported once. */
    @Benchmark
    public int faultline_warnOnce_alreadyFired() {
        int v = value;
        if (ONCE.warnOnce(v > 0)) {
            return v + 1;
        }
        return v;
    }

    @Benchmark
    public int guava_checkState() {
        int v = value;
        Preconditions.checkState(v >= 0, "value %s for %s", v, arg);
        return v;
    }

    @Benchmark
    public int assert_disabled() {
        int v = value;
        assert v >= 0 : "value " + v + " for " + arg;
        return v;
    }

    @Benchmark
    @Fork(value = 3, jvmArgsAppend = "-ea")
    public int assert_enabled() {
        int v = value;
        assert v >= 0 : "value " + v + " for " + arg;
        return v;
    }
}
