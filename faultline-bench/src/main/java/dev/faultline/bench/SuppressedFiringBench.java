package dev.faultline.bench;

import com.google.common.flogger.FluentLogger;
import dev.faultline.Faultline;
import dev.faultline.RateLimit;
import dev.faultline.Site;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.filter.BurstFilter;
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
 * The cost of a firing that is suppressed — the site already reported once, or is over its
 * rate — next to the same suppression in the peers: Flogger {@code atMostEvery} and
 * {@code every(n)} and Log4j2's {@code BurstFilter} rejecting an event. Single-threaded and
 * with two threads firing the same site (the {@code _threads2} methods).
 *
 * <p>Every limiter is primed in setup so that each measured call is suppressed, and teardown
 * fails the run if any measured call got through: Faultline's sites must still show one report,
 * Flogger's handler one record, the BurstFilter must still deny. Flogger's logger is at INFO so
 * every call reaches its rate-limit check; its JUL handler counts records and prints nothing.
 * Flogger finds its log site by a stack walk unless a log site is injected (its bytecode
 * rewriting does that); both forms are measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class SuppressedFiringBench {
    static final Site ONCE = Faultline.site("bench.suppressed.once");
    static final Site LIMITED = Faultline.site("bench.suppressed.limited", RateLimit.of(1, Duration.ofDays(1)));
    static final FluentLogger FLOGGER = FluentLogger.forEnclosingClass();
    static final String CLASS_INTERNAL = "dev/faultline/bench/SuppressedFiringBench";

    /** Keeps the JUL logger (and so its level and handler) alive for Flogger's system backend. */
    java.util.logging.Logger julLogger;
    final AtomicLong floggerRecords = new AtomicLong();
    BurstFilter burstFilter;

    int value = 42;
    Object arg = "context";

    @Setup(org.openjdk.jmh.annotations.Level.Trial)
    public void prime() {
        // The one report each site gives before suppressing goes nowhere.
        Faultline.setConsoleStream(new PrintStream(OutputStream.nullOutputStream()));
        ONCE.warnOnce(true);
        LIMITED.warnOn(true, "value %s", arg);
        LIMITED.printRatelimited("value %s", arg);

        julLogger = java.util.logging.Logger.getLogger(SuppressedFiringBench.class.getName());
        julLogger.setLevel(java.util.logging.Level.INFO);
        julLogger.setUseParentHandlers(false);
        julLogger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                floggerRecords.incrementAndGet();
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        floggerAtMostEvery();
        floggerEvery();
        floggerAtMostEveryInjected();
        floggerEveryInjected();

        // One event per 11.5 days on average, burst of one: after the priming event, every event is denied.
        burstFilter = BurstFilter.newBuilder().setLevel(Level.WARN).setRate(1e-6f).setMaxBurst(1).build();
        if (burstFilter.filter(null, Level.WARN, null, "value {}", arg) != Filter.Result.NEUTRAL) {
            throw new IllegalStateException("BurstFilter did not pass the priming event");
        }
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Trial)
    public void verifyEverythingWasSuppressed() {
        if (ONCE.reported() != 1 || LIMITED.reported() != 1) {
            throw new IllegalStateException("a Faultline firing got through: " + ONCE.stats() + "; " + LIMITED.stats());
        }
        if (floggerRecords.get() != 4) {
            throw new IllegalStateException("Flogger logged " + floggerRecords.get() + " records, expected the 4 primers");
        }
        if (burstFilter.filter(null, Level.WARN, null, "value {}", arg) != Filter.Result.DENY) {
            throw new IllegalStateException("BurstFilter let an event through");
        }
    }

    private void floggerAtMostEvery() {
        FLOGGER.atInfo().atMostEvery(1, TimeUnit.DAYS).log("value %s", arg);
    }

    private void floggerEvery() {
        FLOGGER.atInfo().every(Integer.MAX_VALUE).log("value %s", arg);
    }

    private void floggerAtMostEveryInjected() {
        FLOGGER.atInfo().withInjectedLogSite(CLASS_INTERNAL, "floggerAtMostEveryInjected", 1, "SuppressedFiringBench.java")
                .atMostEvery(1, TimeUnit.DAYS).log("value %s", arg);
    }

    private void floggerEveryInjected() {
        FLOGGER.atInfo().withInjectedLogSite(CLASS_INTERNAL, "floggerEveryInjected", 1, "SuppressedFiringBench.java")
                .every(Integer.MAX_VALUE).log("value %s", arg);
    }

    // ---- one thread ----------------------------------------------------------------------

    /** The plain code: the condition holds and nothing is checked or counted. */
    @Benchmark
    public int baseline() {
        int v = value;
        if (v > 0) {
            return v + 1;
        }
        return v;
    }

    @Benchmark
    public int faultline_warnOnce() {
        int v = value;
        if (ONCE.warnOnce(v > 0, "value %s", arg)) {
            return v + 1;
        }
        return v;
    }

    @Benchmark
    public int faultline_warnOn_rateLimited() {
        int v = value;
        if (LIMITED.warnOn(v > 0, "value %s", arg)) {
            return v + 1;
        }
        return v;
    }

    @Benchmark
    public boolean faultline_printRatelimited() {
        return LIMITED.printRatelimited("value %s", arg);
    }

    @Benchmark
    public void flogger_atMostEvery() {
        floggerAtMostEvery();
    }

    @Benchmark
    public void flogger_atMostEvery_injectedSite() {
        floggerAtMostEveryInjected();
    }

    @Benchmark
    public void flogger_every() {
        floggerEvery();
    }

    @Benchmark
    public void flogger_every_injectedSite() {
        floggerEveryInjected();
    }

    @Benchmark
    public Filter.Result log4j2_burstFilter() {
        return burstFilter.filter(null, Level.WARN, null, "value {}", arg);
    }

    // ---- two threads, one site -----------------------------------------------------------

    @Benchmark
    @Threads(2)
    public int baseline_threads2() {
        return baseline();
    }

    @Benchmark
    @Threads(2)
    public int faultline_warnOnce_threads2() {
        return faultline_warnOnce();
    }

    @Benchmark
    @Threads(2)
    public int faultline_warnOn_rateLimited_threads2() {
        return faultline_warnOn_rateLimited();
    }

    @Benchmark
    @Threads(2)
    public boolean faultline_printRatelimited_threads2() {
        return faultline_printRatelimited();
    }

    @Benchmark
    @Threads(2)
    public void flogger_atMostEvery_threads2() {
        floggerAtMostEvery();
    }

    @Benchmark
    @Threads(2)
    public void flogger_atMostEvery_injectedSite_threads2() {
        floggerAtMostEveryInjected();
    }

    @Benchmark
    @Threads(2)
    public void flogger_every_threads2() {
        floggerEvery();
    }

    @Benchmark
    @Threads(2)
    public void flogger_every_injectedSite_threads2() {
        floggerEveryInjected();
    }

    @Benchmark
    @Threads(2)
    public Filter.Result log4j2_burstFilter_threads2() {
        return log4j2_burstFilter();
    }
}
