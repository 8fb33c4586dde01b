package dev.faultline.internal.runtime;

import dev.faultline.report.MissedReports;
import dev.faultline.Registration;
import dev.faultline.report.Report;
import dev.faultline.report.ReportListener;
import dev.faultline.internal.text.Escape;
import dev.faultline.internal.text.LenientFormat;
import dev.faultline.ring.RingFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The asynchronous listeners and their own printer thread, {@code faultline-listeners}, apart
 * from the console's: a blocked {@code System.err} cannot make a listener miss a report, nor a
 * slow listener the console. When the listeners fall behind by more than the queue, the reports
 * dropped are counted and announced (at most once a second while the queue stays full, at once
 * when it has drained): one line, on the console and in the crash ring, names the listener that
 * took the most time and says whether the crash ring has the reports, and each listener gets
 * {@link ReportListener#onMissed} with the reports it missed since it was last told.
 *
 * <p>{@code System.Logger} output ({@code faultline.system_logger}) is one of these listeners.
 */
final class Listeners {
    /** The longest listener name a line carries, in chars. */
    static final int MAX_NAME = 200;

    private static final Printer PRINTER = new Printer("faultline-listeners");
    private static final List<Slot> SLOTS = new CopyOnWriteArrayList<>();
    /** {@code System.Logger} output: a listener while {@code faultline.system_logger} is on. */
    private static final Slot SYSTEM_LOGGER = new Slot(new SystemLoggerSink.Listener());
    /** Reports dropped and announced (by the listeners' thread, or by a panic), and how many of them the ring did not keep. */
    private static final AtomicLong ANNOUNCED = new AtomicLong();
    private static final AtomicLong ANNOUNCED_NOT_IN_RING = new AtomicLong();
    /** {@link #ANNOUNCED} as the listeners were last told it; listeners' thread only. */
    private static long told;
    /** Why the latest announced drop happened; listeners' thread only. */
    private static String lastCause = "";

    private Listeners() {}

    /** One subscribed listener, the drops it has been told of, and the time it took since the last drop line. */
    private static final class Slot {
        final ReportListener listener;
        /** The drop totals as this listener last knew them. */
        long seenDropped;
        long seenNotInRing;
        /** Time spent in this listener, and calls, since the last drop line. */
        long nanos;
        long calls;

        Slot(ReportListener listener) {
            this.listener = listener;
            // A report dropped before the listener came is not one it missed.
            seenDropped = PRINTER.droppedReports();
            seenNotInRing = PRINTER.droppedReportsNotInRing();
        }
    }

    static boolean start() {
        return PRINTER.start(OUTPUT);
    }

    static boolean started() {
        return PRINTER.started();
    }

    /** Adds a listener (see {@link ReportListener}); closing the registration removes exactly this subscription. */
    static Registration add(ReportListener listener) {
        Slot slot = new Slot(listener);
        SLOTS.add(slot);
        return () -> SLOTS.remove(slot);
    }

    /** True when a report emitted now has somewhere to go on this thread: a listener, or System.Logger. */
    static boolean wanted(boolean systemLogger) {
        return systemLogger || !SLOTS.isEmpty();
    }

    /** Queues a report for the listeners; never blocks. Without the thread (it could not start), delivers it here. */
    static void enqueue(Printer.Entry e) {
        PRINTER.enqueue(e, OUTPUT);
    }

    private static final Output OUTPUT = new Output();

    static boolean isListenerThread() {
        return PRINTER.isPrinter();
    }

    static boolean awaitUntil(long deadline) {
        return PRINTER.awaitUntil(deadline);
    }

    /** The panic owns the process: no listener runs until {@link #resume()}. */
    static void pause() {
        PRINTER.pause();
    }

    static void resume() {
        PRINTER.resume();
    }

    /**
     * The drop line not printed yet, for the panic's console; null when there is none. The
     * listeners are told of these drops when they run again.
     */
    static String takeDropLine() {
        long[] drops = PRINTER.takeDrops();
        if (drops == null) {
            return null;
        }
        ANNOUNCED_NOT_IN_RING.addAndGet(drops[2]);
        ANNOUNCED.addAndGet(drops[0]);
        return dropLine(drops[0], drops[2], cause());
    }

    private static final class Output implements Printer.Output {
        @Override
        public void print(Printer.Entry e) {
            Report r = e.report;
            if (r == null) {
                return;
            }
            if (ANNOUNCED.get() != told) {
                tell(lastCause); // drops announced by a panic, in test mode
            }
            boolean[] dispatching = Core.dispatching();
            dispatching[0] = true;
            try {
                if (Core.systemLoggerOn()) {
                    deliver(SYSTEM_LOGGER, r);
                }
                for (Slot s : SLOTS) {
                    deliver(s, r);
                }
            } finally {
                dispatching[0] = false;
            }
        }

        @Override
        public void dropped(long reports, long lines, long notInRing) {
            String cause = cause();
            resetTimes();
            Core.notice(RingFormat.CODE_CONSOLE, dropLine(reports, notInRing, cause));
            ANNOUNCED_NOT_IN_RING.addAndGet(notInRing);
            ANNOUNCED.addAndGet(reports);
            tell(cause);
        }
    }

    /** Gives every listener the drops announced since it was last told, with their cause. */
    private static void tell(String cause) {
        lastCause = cause;
        long total = ANNOUNCED.get(); // read first: the not-in-ring count is added before it
        long totalNotInRing = ANNOUNCED_NOT_IN_RING.get();
        told = total;
        boolean[] dispatching = Core.dispatching();
        dispatching[0] = true;
        try {
            if (Core.systemLoggerOn()) {
                tell(SYSTEM_LOGGER, total, totalNotInRing, cause);
            } else {
                // Reports dropped while it is off are not ones it missed.
                SYSTEM_LOGGER.seenDropped = Math.max(SYSTEM_LOGGER.seenDropped, total);
                SYSTEM_LOGGER.seenNotInRing = Math.max(SYSTEM_LOGGER.seenNotInRing, totalNotInRing);
            }
            for (Slot s : SLOTS) {
                tell(s, total, totalNotInRing, cause);
            }
        } finally {
            dispatching[0] = false;
        }
    }

    private static void tell(Slot s, long total, long totalNotInRing, String cause) {
        long missed = total - s.seenDropped;
        if (missed <= 0) {
            return; // subscribed after these drops
        }
        long lost = Math.min(missed, Math.max(0, totalNotInRing - s.seenNotInRing));
        s.seenDropped = total;
        s.seenNotInRing += lost;
        try {
            s.listener.onMissed(new MissedReports(missed, missed - lost, cause));
        } catch (Throwable e) {
            threw(s, e, "missed reports");
        }
    }

    /** Gives {@code s} the report, timing it. */
    private static void deliver(Slot s, Report r) {
        long t0 = System.nanoTime();
        try {
            s.listener.onReport(r);
        } catch (Throwable e) {
            threw(s, e, "report " + r.sequence());
        }
        s.nanos += System.nanoTime() - t0;
        s.calls++;
    }

    private static void threw(Slot s, Throwable e, String what) {
        Core.notice(RingFormat.CODE_CONSOLE, "faultline: listener " + name(s.listener) + " threw "
                + Escape.text(LenientFormat.safeString(e)) + " on " + what + "; continuing");
    }

    /**
     * The listener that took the most time since the last drop line, and its time a report:
     * {@code listener NAME too slow: 2.13 ms a report}.
     */
    private static String cause() {
        Slot slowest = null;
        for (Slot s : SLOTS) {
            if (slowest == null || s.nanos > slowest.nanos) {
                slowest = s;
            }
        }
        if (SYSTEM_LOGGER.nanos > 0 && (slowest == null || SYSTEM_LOGGER.nanos > slowest.nanos)) {
            slowest = SYSTEM_LOGGER;
        }
        return slowest == null || slowest.calls == 0 ? "listeners too slow"
                : "listener " + name(slowest.listener) + " too slow: " + millis(slowest.nanos / slowest.calls)
                        + " a report";
    }

    private static void resetTimes() {
        for (Slot s : SLOTS) {
            s.nanos = 0;
            s.calls = 0;
        }
        SYSTEM_LOGGER.nanos = 0;
        SYSTEM_LOGGER.calls = 0;
    }

    /** {@code faultline: N reports not given to listeners (CAUSE); RING}. */
    static String dropLine(long reports, long notInRing, String cause) {
        return "faultline: " + reports + " report" + (reports == 1 ? "" : "s") + " not given to listeners (" + cause
                + "); " + Core.ringClause(reports, notInRing) + "; each listener is told how many it missed";
    }

    /** {@code 2.13 ms}. */
    static String millis(long nanos) {
        long hundredths = nanos / 10_000;
        long frac = hundredths % 100;
        return hundredths / 100 + "." + (frac < 10 ? "0" : "") + frac + " ms";
    }

    /**
     * A listener's name for a line: its {@code toString()} when its class has one, else its
     * class name (a lambda's without the hidden-class suffix); escaped and bounded.
     */
    static String name(ReportListener l) {
        String n;
        try {
            boolean own = l.getClass().getMethod("toString").getDeclaringClass() != Object.class;
            n = own ? String.valueOf(l) : l.getClass().getName();
        } catch (Throwable e) {
            n = l.getClass().getName();
        }
        int slash = n.indexOf('/');
        if (slash > 0 && n.indexOf("$$Lambda", 0) > 0) {
            n = n.substring(0, slash);
        }
        if (n.length() > MAX_NAME) {
            n = n.substring(0, MAX_NAME) + "…";
        }
        return Escape.text(n);
    }
}
