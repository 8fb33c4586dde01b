package dev.faultline.bench;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import dev.faultline.logback.CrashRingAppender;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one logged line ({@code info("order {} accepted in {} ms", id, ms)}) on the
 * logging thread: Logback with a {@code FileAppender} ({@code logback_file}), the same with
 * the crash ring appender added ({@code faultline_logback_file_and_ring}), the ring appender
 * alone ({@code faultline_logback_ring}), Logback's {@code AsyncAppender} in front of the file
 * appender, lossless ({@code discardingThreshold=0}), and Log4j2's async logger writing a file.
 * Every file is {@code /dev/null}: the appenders' code and system calls are measured, not the
 * disk. Run with {@code -prof gc}: the ring appender must add 0 B/op to Logback's own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Dfaultline.dir=/tmp/faultline-bench-logline", "-Dfaultline.console=off"})
public class LogLineBench {
    static final String PATTERN = "%d %level %logger [%thread] %msg%n";
    static final String TEMPLATE = "order {} accepted in {} ms";
    static final String SINK = "/dev/null";

    /** Arguments made once, so no benchmark pays for boxing. */
    @State(Scope.Thread)
    public static class Args {
        final Integer id = 123_456;
        final Integer ms = 42;
    }

    /** A Logback context built by hand, with the appenders one configuration names. */
    public abstract static class LogbackState {
        LoggerContext context;
        ch.qos.logback.classic.Logger logger;

        abstract void attach(LoggerContext ctx, ch.qos.logback.classic.Logger root);

        @Setup(Level.Trial)
        public void open() {
            context = new LoggerContext();
            context.setMDCAdapter(new LogbackMDCAdapter());
            context.start();
            ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.setLevel(ch.qos.logback.classic.Level.INFO);
            attach(context, root);
            logger = context.getLogger("bench.Orders");
        }

        @TearDown(Level.Trial)
        public void close() {
            context.stop();
        }

        static FileAppender<ILoggingEvent> file(LoggerContext ctx) {
            PatternLayoutEncoder enc = new PatternLayoutEncoder();
            enc.setContext(ctx);
            enc.setPattern(PATTERN);
            enc.start();
            FileAppender<ILoggingEvent> f = new FileAppender<>();
            f.setContext(ctx);
            f.setName("file");
            f.setFile(SINK);
            f.setEncoder(enc);
            f.start();
            return f;
        }

        static Appender<ILoggingEvent> ring(LoggerContext ctx) {
            CrashRingAppender r = new CrashRingAppender();
            r.setContext(ctx);
            r.setName("ring");
            r.setReports(false);
            r.setAnnounceRecovered(false);
            r.start();
            return r;
        }
    }

    @State(Scope.Benchmark)
    public static class LogbackFile extends LogbackState {
        @Override
        void attach(LoggerContext ctx, ch.qos.logback.classic.Logger root) {
            root.addAppender(file(ctx));
        }
    }

    @State(Scope.Benchmark)
    public static class LogbackFileAndRing extends LogbackState {
        @Override
        void attach(LoggerContext ctx, ch.qos.logback.classic.Logger root) {
            root.addAppender(file(ctx));
            root.addAppender(ring(ctx));
        }
    }

    @State(Scope.Benchmark)
    public static class LogbackRing extends LogbackState {
        @Override
        void attach(LoggerContext ctx, ch.qos.logback.classic.Logger root) {
            root.addAppender(ring(ctx));
        }
    }

    @State(Scope.Benchmark)
    public static class LogbackAsyncFile extends LogbackState {
        @Override
        void attach(LoggerContext ctx, ch.qos.logback.classic.Logger root) {
            AsyncAppender a = new AsyncAppender();
            a.setContext(ctx);
            a.setName("async");
            a.setDiscardingThreshold(0);
            a.addAppender(file(ctx));
            a.start();
            root.addAppender(a);
        }
    }

    /** Log4j2's async logger (AsyncLoggerConfig on the LMAX Disruptor) writing a file. */
    @State(Scope.Benchmark)
    public static class Log4j2Async {
        org.apache.logging.log4j.core.LoggerContext context;
        org.apache.logging.log4j.Logger logger;

        @Setup(Level.Trial)
        public void open() {
            ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
            b.setStatusLevel(org.apache.logging.log4j.Level.ERROR).setConfigurationName("bench-async-logline");
            b.add(b.newAppender("file", "File").addAttribute("fileName", SINK)
                    .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d %p %c [%t] %m%n")));
            b.add(b.newAsyncLogger("bench.Orders", org.apache.logging.log4j.Level.INFO).add(b.newAppenderRef("file"))
                    .addAttribute("additivity", false).addAttribute("includeLocation", false));
            b.add(b.newRootLogger(org.apache.logging.log4j.Level.OFF));
            context = Configurator.initialize(b.build());
            logger = context.getLogger("bench.Orders");
        }

        @TearDown(Level.Trial)
        public void close() {
            Configurator.shutdown(context);
        }
    }

    @Benchmark
    public void logback_file(LogbackFile s, Args a) {
        s.logger.info(TEMPLATE, a.id, a.ms);
    }

    @Benchmark
    public void faultline_logback_file_and_ring(LogbackFileAndRing s, Args a) {
        s.logger.info(TEMPLATE, a.id, a.ms);
    }

    @Benchmark
    public void faultline_logback_ring(LogbackRing s, Args a) {
        s.logger.info(TEMPLATE, a.id, a.ms);
    }

    @Benchmark
    public void logback_async_file(LogbackAsyncFile s, Args a) {
        s.logger.info(TEMPLATE, a.id, a.ms);
    }

    @Benchmark
    public void log4j2_async_file(Log4j2Async s, Args a) {
        s.logger.info(TEMPLATE, a.id, a.ms);
    }
}
