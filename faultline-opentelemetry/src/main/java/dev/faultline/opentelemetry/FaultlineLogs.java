package dev.faultline.opentelemetry;

import dev.faultline.Faultline;
import dev.faultline.Registration;
import dev.faultline.report.Report;
import dev.faultline.ring.RecoveredRun;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faultline's reports as OpenTelemetry log records, through the OpenTelemetry API (so through
 * the application's SDK or the Java agent): {@code FaultlineLogs.install()}.
 *
 * <p>Each emitted report becomes one record: severity WARN for a WARNING, ERROR for an OOPS,
 * FATAL for a BUG or PANIC, INFO for a NOTICE (severity text the kind); body the report's
 * {@linkplain Report#headline() headline}; timestamp the report's time; attributes
 * {@code exception.type} (an oops's exception class), {@code exception.message} (the message),
 * {@code exception.stacktrace} (headline and stack), {@code code.namespace},
 * {@code code.function}, {@code code.lineno} (the top frame), {@code thread.name},
 * {@code thread.id}, and {@code faultline.kind}, {@code faultline.site},
 * {@code faultline.signature}, {@code faultline.title}, {@code faultline.taint},
 * {@code faultline.run_id}, {@code faultline.pid}, {@code faultline.sequence},
 * {@code faultline.suppressed} (when non-zero).
 *
 * <p>At install, each earlier run that Faultline recovered at start
 * ({@link Faultline#recoveredRuns()}: crashed, killed, halted) becomes one record with
 * {@code faultline.recovered=true}, the dead run's {@code faultline.run_id} and
 * {@code faultline.pid}, its last report's kind, site, signature and full text
 * ({@code faultline.last_report}) and the archive directory: a crash that took the process
 * down reaches the backend on the next start.
 *
 * <p>A firing thread never waits for export: reports are handed to a bounded queue of
 * {@value #QUEUE} and emitted by one daemon thread, {@code faultline-otel}; when the queue is
 * full the report is dropped and counted ({@link #dropped()}); the SDK's own batching
 * processor then decides how records leave the process.
 */
public final class FaultlineLogs implements AutoCloseable {
    /** Reports waiting to be emitted before new ones are dropped. */
    public static final int QUEUE = 4096;
    /** The instrumentation scope of every record. */
    public static final String SCOPE = "dev.faultline";
    /** Queued by {@link #close()} to wake the exporter from its wait; emits nothing. */
    private static final Object WAKE = new Object();

    private final Logger logger;
    /** Reports, and the {@link #WAKE} of {@link #close()}. */
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread exporter;
    private final Registration listening;
    private volatile boolean closed;

    private FaultlineLogs(OpenTelemetry openTelemetry) {
        this.logger = openTelemetry.getLogsBridge().get(SCOPE);
        for (RecoveredRun run : Faultline.recoveredRuns()) {
            emitSafely(() -> ReportRecords.emitRun(logger, run));
        }
        this.exporter = new Thread(this::drain, "faultline-otel");
        exporter.setDaemon(true);
        exporter.start();
        this.listening = Faultline.addSynchronousListener(this::offer); // offer never blocks: a bounded queue
    }

    /**
     * Starts exporting through {@link GlobalOpenTelemetry#get()}; see the class description.
     * With no global SDK set, records go to OpenTelemetry's no-op logger (nothing is sent).
     */
    public static FaultlineLogs install() {
        return install(GlobalOpenTelemetry.get());
    }

    /**
     * Starts exporting through {@code openTelemetry}: first one record per recovered earlier
     * run, then one per report emitted from now on, until {@link #close()}.
     *
     * @throws NullPointerException if {@code openTelemetry} is null
     */
    public static FaultlineLogs install(OpenTelemetry openTelemetry) {
        return new FaultlineLogs(Objects.requireNonNull(openTelemetry, "openTelemetry"));
    }

    private void offer(Report r) {
        if (closed || !queue.offer(r)) {
            dropped.incrementAndGet();
        }
    }

    /** Waits for reports without a timeout (an idle exporter never wakes); once closed, empties the queue and ends. */
    private void drain() {
        while (true) {
            Object next;
            try {
                next = closed ? queue.poll() : queue.take();
            } catch (InterruptedException e) {
                closed = true;
                continue;
            }
            if (next == null) {
                return;
            }
            if (next != WAKE) {
                Report r = (Report) next;
                emitSafely(() -> ReportRecords.emit(logger, r));
            }
        }
    }

    private void emitSafely(Runnable emit) {
        try {
            emit.run();
            emitted.incrementAndGet();
        } catch (RuntimeException e) {
            // A broken SDK must not take Faultline's reporting down with it; counted.
            failed.incrementAndGet();
        }
    }

    /** Reports dropped because the queue was full (or arrived after {@link #close()}). */
    public long dropped() { return dropped.get(); }

    /** Records handed to the OpenTelemetry logger (reports and recovered runs). */
    public long emitted() { return emitted.get(); }

    /** Records the OpenTelemetry logger threw on; they are lost. */
    public long failed() { return failed.get(); }

    /**
     * Stops listening, emits what is queued (waiting at most 5 seconds) and stops the thread.
     * Flushing the SDK is the application's part ({@code SdkLoggerProvider.forceFlush()}).
     */
    @Override
    public void close() {
        listening.close();
        closed = true;
        // Wakes an exporter waiting on an empty queue; a full queue has no room for it, and needs none.
        queue.offer(WAKE);
        try {
            exporter.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
