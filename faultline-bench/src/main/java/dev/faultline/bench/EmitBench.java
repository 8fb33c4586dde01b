package dev.faultline.bench;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import dev.faultline.Faultline;
import dev.faultline.Site;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost, on the firing thread, of an <em>emitted</em> warning (not suppressed) with a
 * 10-frame stack, console on, next to Log4j2 and Logback logging a WARN with an exception from
 * the same depth: each with a synchronous file appender and with its asynchronous one. One and
 * two threads ({@code _threads2}).
 *
 * <p>Faultline: the report is built (stack walk, message), written to the crash ring (a real
 * memory-mapped file) and queued for the printer thread, which prints it to a console that
 * discards the bytes; what the printer cannot keep up with is dropped from the console and
 * counted, never from the ring. The peers format their event (with the exception's stack) into
 * a file in a temporary directory; the async appenders hand it to their background thread.
 *
 * <p>The peers' exception is made once, so their figures leave out taking the stack, which
 * Faultline's include; {@code *_capturing} rows make a new exception per event (what a WARN with
 * the caller's stack costs a logger user).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class EmitBench {
    static final Site SITE = Faultline.site("bench.emit");
    static final String LOGGER = "bench.emit";
    static final int DEPTH = 10;

    int value = 42;
    final IllegalStateException failure = new IllegalStateException("balance went negative");

    @Setup(Level.Trial)
    public void quietConsole() {
        Faultline.setConsoleStream(new PrintStream(OutputStream.nullOutputStream()));
    }

    // ---- Log4j2 ------------------------------------------------------------------------

    /** Log4j2 with a synchronous {@code File} appender, or an async logger (Disruptor) when {@code async}. */
    static final class Log4j2 {
        final Path dir;
        final LoggerContext context;
        final org.apache.logging.log4j.Logger logger;

        Log4j2(boolean async) throws IOException {
            dir = Files.createTempDirectory("emitbench-log4j2");
            ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
            b.setStatusLevel(org.apache.logging.log4j.Level.ERROR).setConfigurationName("emit-" + async);
            b.add(b.newAppender("file", "File").addAttribute("fileName", dir.resolve("log4j2.log").toString())
                    .addAttribute("immediateFlush", false)
                    .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d %p %c [%t] %m%n%ex")));
            if (async) {
                b.add(b.newAsyncLogger(LOGGER, org.apache.logging.log4j.Level.INFO).add(b.newAppenderRef("file"))
                        .addAttribute("additivity", false).addAttribute("includeLocation", false));
            } else {
                b.add(b.newLogger(LOGGER, org.apache.logging.log4j.Level.INFO).add(b.newAppenderRef("file"))
                        .addAttribute("additivity", false));
            }
            b.add(b.newRootLogger(org.apache.logging.log4j.Level.OFF));
            context = Configurator.initialize(b.build());
            logger = context.getLogger(LOGGER);
        }

        void close() throws IOException {
            Configurator.shutdown(context);
            delete(dir);
        }
    }

    @State(Scope.Benchmark)
    public static class Log4j2Sync {
        Log4j2 l;

        @Setup(Level.Trial)
        public void open() throws IOException {
            l = new Log4j2(false);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            l.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Log4j2Async {
        Log4j2 l;

        @Setup(Level.Trial)
        public void open() throws IOException {
            l = new Log4j2(true);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            l.close();
        }
    }

    // ---- Logback -----------------------------------------------------------------------

    /** Logback with a synchronous {@code FileAppender}, or an {@code AsyncAppender} in front of it. */
    static final class Logback {
        final Path dir;
        final ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
        final ch.qos.logback.classic.Logger logger;

        Logback(boolean async) throws IOException {
            dir = Files.createTempDirectory("emitbench-logback");
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern("%d %p %c [%t] %m%n%ex");
            encoder.start();
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(context);
            file.setFile(dir.resolve("logback.log").toString());
            file.setEncoder(encoder);
            file.setImmediateFlush(false);
            file.start();
            logger = context.getLogger(LOGGER);
            logger.setAdditive(false);
            logger.setLevel(ch.qos.logback.classic.Level.INFO);
            if (async) {
                AsyncAppender a = new AsyncAppender();
                a.setContext(context);
                a.addAppender(file);
                a.setNeverBlock(true);
                a.start();
                logger.addAppender(a);
            } else {
                logger.addAppender(file);
            }
        }

        void close() throws IOException {
            context.stop();
            delete(dir);
        }
    }

    @State(Scope.Benchmark)
    public static class LogbackSync {
        Logback l;

        @Setup(Level.Trial)
        public void open() throws IOException {
            l = new Logback(false);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            l.close();
        }
    }

    @State(Scope.Benchmark)
    public static class LogbackAsync {
        Logback l;

        @Setup(Level.Trial)
        public void open() throws IOException {
            l = new Logback(true);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            l.close();
        }
    }

    // ---- the calls, each from DEPTH frames down ------------------------------------------

    boolean faultline(int depth) {
        return depth == 0 ? SITE.warnOn(value > 0, "balance %s", value) : faultline(depth - 1);
    }

    void log4j2(org.apache.logging.log4j.Logger logger, int depth) {
        if (depth == 0) {
            logger.warn("balance {}", value, failure);
        } else {
            log4j2(logger, depth - 1);
        }
    }

    void logback(ch.qos.logback.classic.Logger logger, int depth) {
        if (depth == 0) {
            logger.warn("balance {}", value, failure);
        } else {
            logback(logger, depth - 1);
        }
    }

    /** As {@link #log4j2}, with the stack taken at the call, as a WARN_ON does: a new exception per event. */
    void log4j2Capturing(org.apache.logging.log4j.Logger logger, int depth) {
        if (depth == 0) {
            logger.warn("balance {}", value, new IllegalStateException("balance went negative"));
        } else {
            log4j2Capturing(logger, depth - 1);
        }
    }

    /** As {@link #logback}, with the stack taken at the call: a new exception per event. */
    void logbackCapturing(ch.qos.logback.classic.Logger logger, int depth) {
        if (depth == 0) {
            logger.warn("balance {}", value, new IllegalStateException("balance went negative"));
        } else {
            logbackCapturing(logger, depth - 1);
        }
    }

    /** The plain code: the same depth, a branch, nothing reported. */
    @Benchmark
    public boolean baseline() {
        return deep(DEPTH);
    }

    private boolean deep(int depth) {
        return depth == 0 ? value > 0 : deep(depth - 1);
    }

    @Benchmark
    public boolean faultline_emit() {
        return faultline(DEPTH);
    }

    @Benchmark
    @Threads(2)
    public boolean faultline_emit_threads2() {
        return faultline(DEPTH);
    }

    @Benchmark
    public void log4j2_sync(Log4j2Sync s) {
        log4j2(s.l.logger, DEPTH);
    }

    @Benchmark
    @Threads(2)
    public void log4j2_sync_threads2(Log4j2Sync s) {
        log4j2(s.l.logger, DEPTH);
    }

    @Benchmark
    public void log4j2_async(Log4j2Async s) {
        log4j2(s.l.logger, DEPTH);
    }

    @Benchmark
    @Threads(2)
    public void log4j2_async_threads2(Log4j2Async s) {
        log4j2(s.l.logger, DEPTH);
    }

    @Benchmark
    public void logback_sync(LogbackSync s) {
        logback(s.l.logger, DEPTH);
    }

    @Benchmark
    @Threads(2)
    public void logback_sync_threads2(LogbackSync s) {
        logback(s.l.logger, DEPTH);
    }

    @Benchmark
    public void logback_async(LogbackAsync s) {
        logback(s.l.logger, DEPTH);
    }

    @Benchmark
    @Threads(2)
    public void logback_async_threads2(LogbackAsync s) {
        logback(s.l.logger, DEPTH);
    }

    @Benchmark
    public void log4j2_async_capturing(Log4j2Async s) {
        log4j2Capturing(s.l.logger, DEPTH);
    }

    @Benchmark
    public void logback_async_capturing(LogbackAsync s) {
        logbackCapturing(s.l.logger, DEPTH);
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }
}
