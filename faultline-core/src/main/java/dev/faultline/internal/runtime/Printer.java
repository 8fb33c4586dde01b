package dev.faultline.internal.runtime;

import dev.faultline.Report;
import dev.faultline.internal.clock.Pause;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.threads.SystemThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Faultline's printer (the kernel's nbcon printer threads): reports and Faultline's own lines
 * are queued by the thread that raised them and printed, logged and handed to the asynchronous
 * listeners by one daemon thread, so a slow or blocked {@code System.err} or a slow listener
 * never stalls the application.
 *
 * <p>The queue is bounded ({@link #CAPACITY} entries). When it is full the oldest entry is
 * dropped and, if it was a report, counted; the next line printed says how many reports were not
 * printed. The crash ring was written before the report was queued, so a drop loses console
 * output, never evidence.
 *
 * <p>On a panic the panic path takes the queue over ({@link #takeOver()}) and writes what is
 * left itself, within one shared deadline; the printer thread prints nothing more.
 */
final class Printer {
    /** Entries kept waiting for the console; beyond this the oldest is dropped and counted. */
    static final int CAPACITY = 1024;
    /** A print that has taken this long means the console is stuck (a held lock, a full pipe). */
    static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How long the printer naps on an empty queue before it sleeps until woken. Waking a
     * sleeping thread is a system call that cost a firing thread more than anything on its path
     * but the stack walk; during a storm the next report comes within this nap, so firing
     * threads do not wake the printer at all. A report is printed at most this much later.
     */
    static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** One queued entry: a report, or one of Faultline's own lines. */
    static final class Entry {
        final Report report;
        final String line;
        /** False for a report raised inside a listener: printed, never fed back to listeners. */
        final boolean toListeners;

        Entry(Report report, String line, boolean toListeners) {
            this.report = report;
            this.line = line;
            this.toListeners = toListeners;
        }
    }

    /** What the printer should do with each entry it takes. */
    interface Output {
        void print(Entry e);

        void line(String line);

        /** The line that says how many reports were dropped from the queue. */
        String droppedLine(long reports);
    }

    private static final ConcurrentLinkedQueue<Entry> QUEUE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SIZE = new AtomicInteger();
    private static final AtomicLong DROPPED = new AtomicLong();
    private static final AtomicLong QUEUED = new AtomicLong();
    private static final AtomicLong FINISHED = new AtomicLong();
    private static volatile Thread thread;
    private static volatile Output output;
    /** Set by a panic: the printer thread takes nothing more. */
    private static volatile boolean takenOver;
    /** System.nanoTime() when the printer began its current entry, or 0 while it waits. */
    private static volatile long busySince;
    /** The entry the printer is printing right now, or null. */
    private static volatile Entry current;
    /** True while the printer sleeps until woken (not while it naps): only then does {@link #enqueue} wake it. */
    private static volatile boolean sleeping;

    private Printer() {}

    /** Starts the printer thread (once); false when it could not be started (entries are then printed inline). */
    static synchronized boolean start(Output out) {
        output = out;
        if (thread != null) {
            return true;
        }
        try {
            Thread t = new Thread(SystemThreads.systemGroup(), Printer::loop, "faultline-printer", 0, false);
            t.setDaemon(true);
            // A printer that keeps the starting thread's class loader would pin a redeployed application.
            t.setContextClassLoader(null);
            t.start();
            thread = t;
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    /** True when the calling thread is the printer. */
    static boolean isPrinter() {
        return Thread.currentThread() == thread;
    }

    /**
     * Queues {@code e} for the printer; never blocks. Without a printer thread (not booted, or it
     * could not start) the entry is printed here and now. After a panic took the queue over, an
     * entry is still queued: the panic's console flush takes it.
     */
    static void enqueue(Entry e) {
        Thread t = thread;
        Output out = output;
        if ((t == null || out == null) && !takenOver) {
            if (out != null) {
                out.print(e);
            } else if (e.line != null) {
                Console.line(e.line);
            }
            return;
        }
        QUEUED.incrementAndGet();
        QUEUE.offer(e);
        if (SIZE.incrementAndGet() > CAPACITY) {
            Entry oldest = QUEUE.poll();
            if (oldest != null) {
                SIZE.decrementAndGet();
                if (oldest.report != null) {
                    DROPPED.incrementAndGet();
                }
                FINISHED.incrementAndGet();
            }
        }
        // Dekker with idle(): the offer above, then the flag; there, the flag, then the queue.
        if (t != null && sleeping) {
            LockSupport.unpark(t);
        }
    }

    /** Reports dropped from the queue and not yet announced. */
    static long dropped() {
        return DROPPED.get();
    }

    /**
     * Waits until every entry queued before this call is printed (or dropped), at most
     * {@code nanos}. True when it got there; false on timeout, on the printer thread itself, or
     * after a panic took the queue over.
     */
    static boolean await(long nanos) {
        if (isPrinter() || thread == null) {
            return thread == null;
        }
        long target = QUEUED.get();
        long deadline = System.nanoTime() + nanos;
        boolean interrupted = false;
        try {
            while (FINISHED.get() < target) {
                if (takenOver || deadline - System.nanoTime() <= 0) {
                    return false;
                }
                interrupted |= Pause.nanos(Printer.class, TimeUnit.MILLISECONDS.toNanos(1));
            }
            return true;
        } finally {
            Pause.restore(interrupted);
        }
    }

    /**
     * The panic takes the console over: the printer thread takes no further entry. Waits at most
     * {@code waitNanos} for the entry the printer is printing right now (so lines keep their
     * order); returns true when the console is known to be stuck (that entry did not finish, or
     * has been printing for {@link #STUCK_NANOS} already).
     */
    static boolean takeOver(long waitNanos) {
        takenOver = true;
        long deadline = System.nanoTime() + waitNanos;
        while (true) {
            long since = busySince;
            if (since == 0) {
                return false;
            }
            long now = System.nanoTime();
            if (now - since > STUCK_NANOS || deadline - now <= 0) {
                return true;
            }
            Pause.nanos(Printer.class, TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * After {@link #takeOver}: every entry not yet printed, oldest first; the queue is left empty.
     * With {@code includeStuck}, the entry the printer is stuck on comes first (it may yet appear
     * twice, should the console come free; better twice than never).
     */
    static List<Entry> drain(boolean includeStuck) {
        List<Entry> out = new ArrayList<>(Math.max(4, SIZE.get() + 1));
        Entry stuck = current;
        if (includeStuck && stuck != null) {
            out.add(stuck);
        }
        Entry e;
        while ((e = QUEUE.poll()) != null) {
            SIZE.decrementAndGet();
            FINISHED.incrementAndGet();
            out.add(e);
        }
        return out;
    }

    /** Takes and clears the count of dropped reports. */
    static long takeDropped() {
        return DROPPED.getAndSet(0);
    }

    /** Test mode survives its panics: the printer goes on printing. */
    static void resume() {
        takenOver = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Naps, then, if nothing came meanwhile, sleeps until an entry (or a resume) wakes it. */
    private static void idle() {
        Pause.nanos(Printer.class, NAP_NANOS);
        if (!QUEUE.isEmpty() || takenOver) {
            return;
        }
        sleeping = true;
        try {
            if (QUEUE.isEmpty() && !takenOver) {
                Pause.untilUnparked(Printer.class);
            }
        } finally {
            sleeping = false;
        }
    }

    private static void loop() {
        while (true) {
            try {
                step();
            } catch (Throwable t) {
                // On a full heap an OutOfMemoryError can surface anywhere, even from a deoptimisation
                // that must allocate: the printer outlives it, or nothing would be printed again.
                try {
                    Pause.nanos(Printer.class, NAP_NANOS);
                } catch (Throwable ignored) {
                    // the next step is the retry
                }
            }
        }
    }

    /** Prints one entry, or waits for one. */
    private static void step() {
        if (takenOver) {
            Pause.untilUnparked(Printer.class);
            return;
        }
        Entry e = QUEUE.poll();
        if (e == null) {
            idle();
            return;
        }
        current = e;
        busySince = System.nanoTime() | 1;
        try {
            SIZE.decrementAndGet();
            Output out = output;
            long dropped = DROPPED.getAndSet(0);
            if (dropped > 0) {
                out.line(out.droppedLine(dropped));
            }
            out.print(e);
        } catch (Throwable t) {
            // Output.print catches what it can; an Error here (a full heap) costs this entry only.
        } finally {
            busySince = 0;
            current = null;
            FINISHED.incrementAndGet();
        }
    }
}
