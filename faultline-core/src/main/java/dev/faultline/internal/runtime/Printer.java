package dev.faultline.internal.runtime;

import dev.faultline.report.Report;
import dev.faultline.internal.clock.Pause;
import dev.faultline.internal.threads.SystemThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One of Faultline's printer threads (the kernel's nbcon printer threads) with its bounded
 * queue: entries are queued by the thread that raised them and handed to one {@link Output} by
 * one daemon thread, so a slow or blocked consumer never stalls the application. There are two,
 * each with its own queue, so neither can make the other lose anything: {@code faultline-printer}
 * for the console, {@code faultline-listeners} for the asynchronous listeners.
 *
 * <p>The queue is bounded ({@link #CAPACITY} entries). When it is full the oldest entry is
 * dropped and counted (reports and lines apart, and how many of them the crash ring did not
 * keep); the output is told how many ({@link Output#dropped}) at most once a second while the
 * queue stays full and at once when it has drained, so a drop is never silent and a storm
 * gets one line a second. The crash ring was written before an entry was queued, so a drop loses
 * output, not evidence, whenever the ring kept the entry.
 *
 * <p>On a panic the panic path takes the console printer over ({@link #takeOver}) and writes
 * what is left itself, within one shared deadline; a printer taken over takes nothing more
 * until {@link #resume()}.
 */
final class Printer {
    /** Entries kept waiting; beyond this the oldest is dropped and counted. */
    static final int CAPACITY = 1024;
    /** A print that has taken this long means the consumer is stuck (a held lock, a full pipe). */
    static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How long the printer naps on an empty queue before it sleeps until woken. Waking a
     * sleeping thread is a system call that cost a firing thread more than anything on its path
     * but the stack walk; during a storm the next report comes within this nap, so firing
     * threads do not wake the printer at all. A report is printed at most this much later.
     */
    static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * Drops are announced at most this often while the queue stays full, and at once when it
     * has drained: a storm gets one line a second, not one per entry, so the lines cannot
     * crowd evidence out of the crash ring.
     */
    static final long DROP_ANNOUNCE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** One queued entry: a report, or one of Faultline's own lines. Shared by both printers. */
    static final class Entry {
        final Report report;
        final String line;
        /** True when the crash ring kept it: a drop then loses no evidence. */
        final boolean inRing;

        Entry(Report report, String line, boolean inRing) {
            this.report = report;
            this.line = line;
            this.inRing = inRing;
        }
    }

    /** What the printer does with each entry it takes. */
    interface Output {
        void print(Entry e);

        /**
         * Called on the printer thread right after an entry, when entries were dropped since the
         * last call and either the queue is empty or {@link #DROP_ANNOUNCE_NANOS} have passed:
         * {@code reports} reports and {@code lines} lines, {@code notInRing} of them not kept by
         * the crash ring ({@code notInRing <= reports + lines}).
         */
        void dropped(long reports, long lines, long notInRing);
    }

    private final String name;
    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    // Drops not announced yet, taken by the announcement (getAndSet: the printer and the panic may both ask).
    private final AtomicLong pendingReports = new AtomicLong();
    private final AtomicLong pendingLines = new AtomicLong();
    private final AtomicLong pendingNotInRing = new AtomicLong();
    // Drops since the start, only growing: listeners compare them with what they were last told.
    private final AtomicLong totalReports = new AtomicLong();
    private final AtomicLong totalReportsNotInRing = new AtomicLong();
    private volatile Thread thread;
    private volatile Output output;
    /** Set by a panic: the printer thread takes nothing more until resumed. */
    private volatile boolean takenOver;
    /** System.nanoTime() when the printer began its current entry, or 0 while it waits. */
    private volatile long busySince;
    /** The entry the printer is printing right now, or null. */
    private volatile Entry current;
    /** True while the printer sleeps until woken (not while it naps): only then does {@link #enqueue} wake it. */
    private volatile boolean sleeping;
    /** When the printer last announced drops; printer thread only. */
    private long lastDropAnnouncement = System.nanoTime() - DROP_ANNOUNCE_NANOS;

    Printer(String name) {
        this.name = name;
    }

    /**
     * Sets the output and starts the thread (once); false when it could not be started (entries
     * are then handed to the output on the thread that queues them).
     */
    synchronized boolean start(Output out) {
        output = out;
        if (thread != null) {
            return true;
        }
        try {
            Thread t = new Thread(SystemThreads.systemGroup(), this::loop, name, 0, false);
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

    /** True when the calling thread is this printer. */
    boolean isPrinter() {
        return Thread.currentThread() == thread;
    }

    /** True once the thread runs. */
    boolean started() {
        return thread != null;
    }

    /**
     * Queues {@code e}; never blocks. Without a thread (not started, or it could not start) the
     * entry goes to the output here and now, or, with no output yet, {@code early} takes it.
     * After a panic took the printer over, an entry is still queued: the panic takes it.
     */
    void enqueue(Entry e, Output early) {
        Thread t = thread;
        Output out = output;
        if ((t == null || out == null) && !takenOver) {
            Output o = out != null ? out : early;
            if (o != null) {
                o.print(e);
            }
            return;
        }
        queued.incrementAndGet();
        queue.offer(e);
        if (size.incrementAndGet() > CAPACITY) {
            Entry oldest = queue.poll();
            if (oldest != null) {
                size.decrementAndGet();
                countDrop(oldest);
                finished.incrementAndGet();
            }
        }
        // Dekker with idle(): the offer above, then the flag; there, the flag, then the queue.
        if (t != null && sleeping) {
            LockSupport.unpark(t);
        }
    }

    /** "Not in the ring" is counted before the drop itself, so a reader never sees a drop as kept that was not. */
    private void countDrop(Entry dropped) {
        boolean report = dropped.report != null;
        if (!dropped.inRing) {
            pendingNotInRing.incrementAndGet();
            if (report) {
                totalReportsNotInRing.incrementAndGet();
            }
        }
        if (report) {
            pendingReports.incrementAndGet();
            totalReports.incrementAndGet();
        } else {
            pendingLines.incrementAndGet();
        }
    }

    /** Reports dropped since the start. */
    long droppedReports() {
        return totalReports.get();
    }

    /** Reports dropped since the start that the crash ring had not kept; read after {@link #droppedReports()}. */
    long droppedReportsNotInRing() {
        return totalReportsNotInRing.get();
    }

    /**
     * Takes the drops not announced yet: {reports, lines, notInRing}, or null when there are
     * none. Safe from the printer thread and the panic at once: each drop is taken once.
     */
    long[] takeDrops() {
        if (pendingReports.get() == 0 && pendingLines.get() == 0) {
            return null;
        }
        long reports = pendingReports.getAndSet(0);
        long lines = pendingLines.getAndSet(0);
        long notInRing = pendingNotInRing.getAndSet(0);
        if (notInRing > reports + lines) {
            // Counted ahead of a drop still being counted: it belongs to the next announcement.
            pendingNotInRing.addAndGet(notInRing - (reports + lines));
            notInRing = reports + lines;
        }
        return reports + lines == 0 ? null : new long[] {reports, lines, notInRing};
    }

    /**
     * Waits until every entry queued before this call is handed to the output (or dropped), until
     * {@code deadline} ({@link System#nanoTime()}). True when it got there or there is no thread;
     * false on timeout, on the printer thread itself, or while a panic holds the printer.
     */
    boolean awaitUntil(long deadline) {
        if (isPrinter()) {
            return false;
        }
        if (thread == null) {
            return true;
        }
        long target = queued.get();
        boolean interrupted = false;
        try {
            while (finished.get() < target) {
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
     * The panic takes the printer over: its thread takes no further entry. Waits at most
     * {@code waitNanos} for the entry the printer is printing right now (so lines keep their
     * order); returns true when the output is known to be stuck (that entry did not finish, or
     * has been printing for {@link #STUCK_NANOS} already).
     */
    boolean takeOver(long waitNanos) {
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

    /** Stops taking entries, without waiting for the one being printed (the listeners' printer during a panic). */
    void pause() {
        takenOver = true;
    }

    /**
     * After {@link #takeOver}: every entry not yet printed, oldest first; the queue is left empty.
     * With {@code includeStuck}, the entry the printer is stuck on comes first (it may yet appear
     * twice, should the output come free; better twice than never).
     */
    List<Entry> drain(boolean includeStuck) {
        List<Entry> out = new ArrayList<>(Math.max(4, size.get() + 1));
        Entry stuck = current;
        if (includeStuck && stuck != null) {
            out.add(stuck);
        }
        Entry e;
        while ((e = queue.poll()) != null) {
            size.decrementAndGet();
            finished.incrementAndGet();
            out.add(e);
        }
        return out;
    }

    /** Test mode survives its panics: the printer goes on. */
    void resume() {
        takenOver = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Naps, then, if nothing came meanwhile, sleeps until an entry (or a resume) wakes it. */
    private void idle() {
        Pause.nanos(Printer.class, NAP_NANOS);
        if (!queue.isEmpty() || takenOver) {
            return;
        }
        sleeping = true;
        try {
            if (queue.isEmpty() && !takenOver) {
                Pause.untilUnparked(Printer.class);
            }
        } finally {
            sleeping = false;
        }
    }

    private void loop() {
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

    /** Tells the output of the drops not announced yet, when it is time (see {@link Output#dropped}). */
    private void announceDrops(Output out) {
        if (pendingReports.get() == 0 && pendingLines.get() == 0) {
            return;
        }
        long now = System.nanoTime();
        if (!queue.isEmpty() && now - lastDropAnnouncement < DROP_ANNOUNCE_NANOS) {
            return;
        }
        long[] drops = takeDrops();
        if (drops != null) {
            lastDropAnnouncement = now;
            out.dropped(drops[0], drops[1], drops[2]);
        }
    }

    /** Prints one entry, or waits for one. */
    private void step() {
        if (takenOver) {
            Pause.untilUnparked(Printer.class);
            return;
        }
        Entry e = queue.poll();
        if (e == null) {
            idle();
            return;
        }
        current = e;
        busySince = System.nanoTime() | 1;
        try {
            size.decrementAndGet();
            Output out = output;
            out.print(e);
            // Before the entry counts as finished: whoever awaits the printer awaits the announcement too.
            announceDrops(out);
        } catch (Throwable t) {
            // The output catches what it can; an Error here (a full heap) costs this entry only.
        } finally {
            busySince = 0;
            current = null;
            finished.incrementAndGet();
        }
    }
}
