package dev.faultline.cli;

import dev.faultline.Faultline;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens files named on the command line within a time bound. Opening a FIFO waits for a writer,
 * possibly forever, and so may a file on a hung network file system; a regular-file check before
 * the open cannot prevent it (a file can be swapped for a FIFO between the check and the open).
 * The open runs on a daemon thread of its own; after {@link #TIMEOUT} the command gives up on it
 * with {@link TimedOut}, naming the file, and whatever the thread opens later is closed unread.
 */
final class BoundedOpen {
    /** How long one file may take to open. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private BoundedOpen() {}

    /** A file that did not open in time: the message names it and says what timed out. */
    static final class TimedOut extends Exception {
        TimedOut(Path file, Duration timeout) {
            super("timed out after " + ControlClient.seconds(timeout) + " opening " + Faultline.escape(file.toString())
                    + ": a FIFO or device with nothing at the other end, or a hung file system? Nothing was read from it",
                    null, false, false);
        }
    }

    /**
     * The ring file {@code file}, read as {@link RingReader#read(Path)} reads one, with the open
     * bounded by {@code timeout}. A file that cannot be opened gives the reader's own "cannot
     * read" scan (that second try is bounded too).
     */
    static RingScan ring(Path file, Duration timeout) throws TimedOut {
        return read(file, timeout, ch -> RingReader.readFile(ch, file.toString()), null);
    }

    /**
     * The ring file {@code file}, read as {@link RingReader#read(Path, Consumer, Consumer)} reads
     * one (its records handed to {@code each}, none kept; the scan handed to {@code scanned}
     * once, first), with the open bounded by {@code timeout}. On {@link TimedOut} neither has
     * been called; a file that cannot be opened is handed on as the reader's "cannot read" scan.
     */
    static RingScan ring(Path file, Duration timeout, Consumer<? super RingScan> scanned,
                         Consumer<? super RingRecord> each) throws TimedOut {
        return read(file, timeout, ch -> RingReader.readFile(ch, file.toString(), scanned, each), scanned);
    }

    /** The ring file {@code file}, checked as {@link RingReader#check(Path)} checks one (no records), the open bounded. */
    static RingScan check(Path file, Duration timeout) throws TimedOut {
        return read(file, timeout, ch -> RingReader.checkFile(ch, file.toString()), null);
    }

    /**
     * Opens {@code file} within {@code timeout} and reads it with {@code reader} on this thread;
     * when it cannot be opened, the reader's "cannot read" scan (a check, bounded too), handed
     * to {@code scanned} here, on this thread. A file that opened on that second try is read again
     * the first way, once.
     */
    private static RingScan read(Path file, Duration timeout, Function<FileChannel, RingScan> reader,
                                 Consumer<? super RingScan> scanned) throws TimedOut {
        for (int attempt = 0; ; attempt++) {
            FileChannel ch;
            try {
                ch = within(file, timeout, () -> FileChannel.open(file, StandardOpenOption.READ));
            } catch (IOException e) {
                RingScan why;
                try {
                    // A check: nothing is handed on from the opening thread, which may outlive the timeout.
                    why = within(file, timeout, () -> RingReader.check(file));
                } catch (IOException cannot) {
                    throw new IllegalStateException(cannot); // RingReader.check never throws
                }
                if (why.isRing() && attempt == 0) {
                    continue; // it opened this time: read it the first way
                }
                if (scanned != null) {
                    scanned.accept(why);
                }
                return why;
            }
            try {
                return reader.apply(ch);
            } finally {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // Read already; nothing more to do with it.
                }
            }
        }
    }

    /** {@code open}'s result within {@code timeout}; its IOException as itself. */
    static <T> T within(Path file, Duration timeout, Callable<T> open) throws TimedOut, IOException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                T value = open.call();
                if (!result.complete(value) && value instanceof Closeable) {
                    ((Closeable) value).close(); // opened after the command gave up on it
                }
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "faultline-open");
        t.setDaemon(true);
        t.start();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(false);
            throw new TimedOut(file, timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimedOut(file, timeout);
        }
    }
}
