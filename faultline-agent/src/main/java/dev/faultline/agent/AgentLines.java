package dev.faultline.agent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's own lines on stderr ({@code faultline-agent: ...}): what it rewrites, and why a
 * class was left unchanged. Lines are queued and printed by a daemon thread, so a class load
 * never waits for a console that the application holds or that is blocked; the queue is bounded
 * and lines that do not fit are counted and the count printed. At exit the printer gets a
 * short, bounded time to finish.
 */
final class AgentLines {
    static final int CAPACITY = 256;
    private static final long EXIT_WAIT_MILLIS = 300;
    private static final BlockingQueue<String> QUEUE = new ArrayBlockingQueue<>(CAPACITY);
    private static final AtomicLong DROPPED = new AtomicLong();
    private static volatile boolean started;
    private static volatile java.util.function.Supplier<String> atExit;

    private AgentLines() {}

    /** Queues {@code text} as one line (control characters shown as {@code ?}); never blocks, never throws. */
    static void line(String text) {
        try {
            start();
            if (!QUEUE.offer("faultline-agent: " + clean(text))) {
                DROPPED.incrementAndGet();
            }
        } catch (Throwable ignored) {
            // A line is never worth failing the caller (a class load) for.
        }
    }

    /** A line computed and printed at exit, before the printer's last bounded wait. */
    static void atExit(java.util.function.Supplier<String> line) {
        atExit = line;
        start();
    }

    private static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread printer = new Thread(AgentLines::print, "faultline-agent-lines");
        printer.setDaemon(true);
        printer.start();
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(AgentLines::drainAtExit, "faultline-agent-lines-exit"));
        } catch (IllegalStateException alreadyExiting) {
            // The printer alone then.
        }
    }

    private static void print() {
        for (;;) {
            try {
                String line = QUEUE.take();
                System.err.println(line);
                long dropped = DROPPED.getAndSet(0);
                if (dropped > 0) {
                    System.err.println("faultline-agent: " + dropped + " more lines were not printed (queue full)");
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                // stderr failed; keep going with the next line
            }
        }
    }

    private static void drainAtExit() {
        java.util.function.Supplier<String> last = atExit;
        if (last != null) {
            line(last.get());
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_WAIT_MILLIS);
        while (!QUEUE.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Control characters (a forged newline among them) become {@code ?}. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
