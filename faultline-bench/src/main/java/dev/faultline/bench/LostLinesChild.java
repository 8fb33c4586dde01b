package dev.faultline.bench;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.FileAppender;
import dev.faultline.logback.CrashRingAppender;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One configuration of {@link LostLinesAtKill}: logs numbered lines from 4 threads as fast as it
 * can until it is killed. After each log call returns, the thread stores the line's number in a
 * memory-mapped {@code acks} file (a plain store into a shared mapping survives {@code kill -9}),
 * so the parent knows which lines the application was told were logged.
 * Arguments: configuration name, working directory.
 */
public final class LostLinesChild {
    static final int THREADS = 4;
    /** Every line: {@code t<thread> n<number> <padding> END}, about 100 bytes. */
    static final String PADDING = "x".repeat(64);

    interface Sink {
        void log(int thread, long n);
    }

    public static void main(String[] args) throws Exception {
        String config = args[0];
        Path dir = Path.of(args[1]);
        Sink sink = sink(config, dir);
        MappedByteBuffer acks;
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("acks").toFile(), "rw")) {
            acks = f.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, THREADS * 8L);
        }
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                for (long n = 1; ; n++) {
                    sink.log(id, n);
                    acks.putLong(id * 8, n);
                }
            }, "writer-" + t);
            th.setDaemon(true);
            th.start();
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static Sink sink(String config, Path dir) throws Exception {
        switch (config) {
            case "faultline-ring":
                return logback(dir, ctx -> {
                    CrashRingAppender a = new CrashRingAppender();
                    a.setReports(false);
                    a.setAnnounceRecovered(false);
                    return a;
                });
            case "logback-file-flush":
                return logback(dir, ctx -> file(ctx, dir, true));
            case "logback-file-buffered":
                return logback(dir, ctx -> file(ctx, dir, false));
            case "logback-async-file":
                return logback(dir, ctx -> {
                    ch.qos.logback.classic.AsyncAppender a = new ch.qos.logback.classic.AsyncAppender();
                    a.setContext(ctx);
                    a.setName("async");
                    // Never discard on a full queue: lines are lost only by the kill, not by design.
                    a.setDiscardingThreshold(0);
                    a.addAppender(file(ctx, dir, true));
                    return a;
                });
            case "log4j2-async-file":
                return log4j2(dir, "async", "<File name=\"out\" fileName=\"" + dir.resolve("app.log") + "\">"
                        + "<PatternLayout pattern=\"%t %m%n\"/></File>");
            case "log4j2-mmap":
                return log4j2(dir, "sync", "<MemoryMappedFile name=\"out\" fileName=\"" + dir.resolve("app.log") + "\">"
                        + "<PatternLayout pattern=\"%t %m%n\"/></MemoryMappedFile>");
            default:
                throw new IllegalArgumentException("unknown configuration " + config);
        }
    }

    interface AppenderMaker {
        Appender<ILoggingEvent> make(LoggerContext ctx);
    }

    static Sink logback(Path dir, AppenderMaker maker) {
        LoggerContext ctx = new LoggerContext();
        // What SLF4J's provider would do: without an MDC adapter every event fails in Logback 1.5.
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ctx.start();
        Appender<ILoggingEvent> a = maker.make(ctx);
        a.setContext(ctx);
        if (!a.isStarted()) {
            a.start();
        }
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        root.addAppender(a);
        ch.qos.logback.classic.Logger log = ctx.getLogger("app.lines");
        // Configuration problems would otherwise vanish: Logback reports them to its status manager.
        ctx.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() > 0).forEach(System.err::println);
        return (t, n) -> log.info("t{} n{} {} END", t, n, PADDING);
    }

    static FileAppender<ILoggingEvent> file(LoggerContext ctx, Path dir, boolean immediateFlush) {
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%thread %msg%n");
        enc.start();
        FileAppender<ILoggingEvent> f = new FileAppender<>();
        f.setContext(ctx);
        f.setName("file");
        f.setFile(dir.resolve("app.log").toString());
        f.setEncoder(enc);
        f.setImmediateFlush(immediateFlush);
        f.start();
        return f;
    }

    static Sink log4j2(Path dir, String mode, String appender) throws Exception {
        Path xml = dir.resolve("log4j2.xml");
        Files.writeString(xml, "<Configuration status=\"warn\"><Appenders>" + appender + "</Appenders>"
                + "<Loggers><Root level=\"info\"><AppenderRef ref=\"out\"/></Root></Loggers></Configuration>");
        System.setProperty("log4j2.configurationFile", xml.toString());
        if (mode.equals("async")) {
            System.setProperty("log4j2.contextSelector", "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector");
        }
        org.apache.logging.log4j.Logger log = org.apache.logging.log4j.LogManager.getLogger("app.lines");
        return (t, n) -> log.info("t{} n{} {} END", t, n, PADDING);
    }

    static {
        // Unused here, referenced so a shaded jar keeps Logback's async base class.
        Class<?> keep = AsyncAppenderBase.class;
    }
}
