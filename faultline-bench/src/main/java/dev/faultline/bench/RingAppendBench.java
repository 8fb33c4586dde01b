package dev.faultline.bench;

import dev.faultline.Faultline;
import dev.faultline.ring.CrashRing;
import dev.faultline.ring.RingFormat;
import java.io.IOException;
import java.lang.System.Logger;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
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
 * Appending one ~100-byte record, from one and from two threads: Faultline's crash ring (a
 * memory-mapped file, every record framed and checksummed, kill -9 safe) next to Log4j2's
 * {@code MemoryMappedFile} appender and Log4j2's async logger (LMAX Disruptor, writing a file)
 * logging the same message. {@code baseline} copies the same message into a plain buffer: the
 * least any of them can do. Run with {@code -prof gc} for B/op; ours must be 0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// Log4j2's MemoryMappedFile appender unmaps its old region through DirectByteBuffer.cleaner(),
// which Java 17 only allows with these opens; without them it fails at its first remap.
@Fork(value = 3, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED"})
public class RingAppendBench {
    /** 100 characters: a typical log line. */
    static final String MESSAGE =
            "order 12345 for customer 67890 accepted after 3 retries; queue depth 17, latency 4 ms, region eu-1";
    static final String LOGGER = "bench.Orders";

    static Path tempDir() throws IOException {
        return Files.createTempDirectory("faultline-bench");
    }

    static void delete(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The crash ring the runtime itself opens ({@code Faultline.ring()}): the default 1 MiB,
     * a file written out in full and memory-mapped, in a crash directory of this fork's own.
     * Measured through the exported API, exactly as an application appends.
     */
    @State(Scope.Benchmark)
    public static class Ring {
        Path dir;
        CrashRing ring;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = tempDir();
            System.setProperty("faultline.dir", dir.toString());
            System.setProperty("faultline.console", "off");
            ring = Faultline.ring();
            if (ring.file() == null) {
                throw new IllegalStateException("the crash ring is not on disk: " + ring);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            ring.force();
            delete(dir); // the mapping stays valid until the fork exits; the files go now
        }
    }

    /** Log4j2 with a {@code MemoryMappedFile} appender (immediateFlush off, its fastest setting). */
    @State(Scope.Benchmark)
    public static class Log4j2Mmap {
        Path dir;
        LoggerContext context;
        org.apache.logging.log4j.Logger logger;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = tempDir();
            ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
            b.setStatusLevel(org.apache.logging.log4j.Level.ERROR).setConfigurationName("bench-mmap");
            b.add(b.newAppender("mmap", "MemoryMappedFile")
                    .addAttribute("fileName", dir.resolve("log4j2-mmap.log").toString())
                    .addAttribute("immediateFlush", false)
                    .addAttribute("regionLength", 64 << 20)
                    .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d %p %c [%t] %m%n")));
            b.add(b.newLogger(LOGGER, org.apache.logging.log4j.Level.INFO).add(b.newAppenderRef("mmap"))
                    .addAttribute("additivity", false));
            b.add(b.newRootLogger(org.apache.logging.log4j.Level.OFF));
            context = Configurator.initialize(b.build());
            logger = context.getLogger(LOGGER);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            Configurator.shutdown(context);
            delete(dir);
        }
    }

    /** Log4j2's async logger (AsyncLoggerConfig on the LMAX Disruptor) writing a RandomAccessFile. */
    @State(Scope.Benchmark)
    public static class Log4j2Async {
        Path dir;
        LoggerContext context;
        org.apache.logging.log4j.Logger logger;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = tempDir();
            ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
            b.setStatusLevel(org.apache.logging.log4j.Level.ERROR).setConfigurationName("bench-async");
            b.add(b.newAppender("file", "RandomAccessFile")
                    .addAttribute("fileName", dir.resolve("log4j2-async.log").toString())
                    .addAttribute("immediateFlush", false)
                    .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d %p %c [%t] %m%n")));
            b.add(b.newAsyncLogger(LOGGER, org.apache.logging.log4j.Level.INFO).add(b.newAppenderRef("file"))
                    .addAttribute("additivity", false).addAttribute("includeLocation", false));
            b.add(b.newRootLogger(org.apache.logging.log4j.Level.OFF));
            context = Configurator.initialize(b.build());
            logger = context.getLogger(LOGGER);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            Configurator.shutdown(context);
            delete(dir);
        }
    }

    /** The plain code: the message's bytes copied into a direct buffer, nothing else. */
    @State(Scope.Thread)
    public static class Plain {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(64 << 10);
        final byte[] bytes = MESSAGE.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public ByteBuffer baseline(Plain p) {
        ByteBuffer b = p.buffer;
        if (b.remaining() < p.bytes.length) {
            b.clear();
        }
        return b.put(p.bytes);
    }

    @Benchmark
    public long faultline_append(Ring r) {
        return r.ring.append(Logger.Level.INFO, LOGGER, MESSAGE);
    }

    @Benchmark
    @Threads(2)
    public long faultline_append_2threads(Ring r) {
        return r.ring.append(Logger.Level.INFO, LOGGER, MESSAGE);
    }

    @Benchmark
    public void log4j2_mmap(Log4j2Mmap l) {
        l.logger.info(MESSAGE);
    }

    @Benchmark
    @Threads(2)
    public void log4j2_mmap_2threads(Log4j2Mmap l) {
        l.logger.info(MESSAGE);
    }

    @Benchmark
    public void log4j2_async(Log4j2Async l) {
        l.logger.info(MESSAGE);
    }

    @Benchmark
    @Threads(2)
    public void log4j2_async_2threads(Log4j2Async l) {
        l.logger.info(MESSAGE);
    }
}
