package dev.faultline.internal.runtime;

import dev.faultline.internal.runtime.RunPolicy;
import dev.faultline.Registration;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.ReportListener;
import dev.faultline.report.Signature;
import dev.faultline.report.Taint;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.config.AppName;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.text.Escape;
import dev.faultline.internal.text.LenientFormat;
import dev.faultline.ring.RingFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one process-wide runtime: taint, counters, policy, listeners, and the road from a fired
 * check to a report. Only the cold path comes here; a passing check never does.
 *
 * <p>Class initialisation cannot throw and connects nothing: {@code Boot} wires the subsystems
 * to this runtime in its stated order.
 */
public final class Core {
    /** This process's id, or -1 when the platform does not tell. */
    public static final long PID = pid();
    /** Random id of this process run; with the pid it identifies a run even when every JVM is pid 1. */
    public static final String RUN_ID = runId();

    private static final List<ReportListener> SYNC_LISTENERS = new CopyOnWriteArrayList<>();
    private static final AtomicLong SINK_FAILURES = new AtomicLong();
    /** Faultline's own lines kept until the crash ring opens. */
    static final int EARLY_LINES = 64;
    private static final List<Object[]> EARLY = new ArrayList<>();
    private static final long SHUTDOWN_PRINT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final List<ReportSink> SINKS = new CopyOnWriteArrayList<>();
    /** True once a crash ring is among the sinks: "not in the ring" then means it could not keep it, not that it is off. */
    private static volatile boolean ringOn;
    private static final ThreadLocal<boolean[]> DISPATCHING = ThreadLocal.withInitial(() -> new boolean[1]);
    /** The console's printer thread; the listeners have their own ({@link Listeners}). */
    private static final Printer CONSOLE = new Printer("faultline-printer");
    /** Prints an entry on the raising thread while the console printer is not running. */
    private static final Output CONSOLE_OUTPUT = new Output();

    private Core() {}

    private static long pid() {
        try {
            return ProcessHandle.current().pid();
        } catch (Throwable e) {
            return -1;
        }
    }

    private static String runId() {
        long r = ThreadLocalRandom.current().nextLong() ^ System.nanoTime() ^ (System.currentTimeMillis() << 20);
        // Padded by hand: String.format would load Formatter and locale data for one id.
        String hex = Long.toHexString(r);
        return "0000000000000000".substring(hex.length()) + hex;
    }

    // ---- listeners ---------------------------------------------------------------------

    /** Adds a listener that the listeners' thread calls (see {@link ReportListener}). */
    public static Registration addListener(ReportListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        return Listeners.add(listener);
    }

    /** The calling thread's "dispatching to listeners" flag: a report raised while it is set is not dispatched again. */
    static boolean[] dispatching() {
        return DISPATCHING.get();
    }

    /** {@code faultline.system_logger} as the policy says now. */
    static boolean systemLoggerOn() {
        return RunPolicy.process().systemLogger();
    }

    /** Adds a listener called on the thread that raised the report, right after the crash ring write. */
    public static Registration addSynchronousListener(ReportListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        SYNC_LISTENERS.add(listener);
        return () -> SYNC_LISTENERS.remove(listener);
    }

    // ---- sinks -------------------------------------------------------------------------

    /** Adds a sink that receives every emitted report before the console does. */
    public static Registration addSink(ReportSink sink) {
        if (sink == null) {
            throw new IllegalArgumentException("sink must not be null");
        }
        SINKS.add(sink);
        if (sink.isCrashRing()) {
            ringOn = true;
        }
        // Lines from before the ring opened (boot problems) are written to it now, in order.
        List<Object[]> early;
        synchronized (EARLY) {
            early = new ArrayList<>(EARLY);
            EARLY.clear();
        }
        for (Object[] e : early) {
            try {
                sink.line(RingFormat.SOURCE_FAULTLINE, (Integer) e[0], "faultline", ringText((String) e[1]));
            } catch (Throwable t) {
                SINK_FAILURES.incrementAndGet();
            }
        }
        return () -> SINKS.remove(sink);
    }

    /** Forces every sink to stable storage; a sink that fails is reported and the rest still run. */
    public static void forceSinks() {
        for (ReportSink s : SINKS) {
            try {
                s.force();
            } catch (Throwable e) {
                Console.raw("faultline: could not force " + Escape.text(LenientFormat.safeString(s)) + ": "
                        + Escape.text(LenientFormat.safeString(e)) + "\n");
            }
        }
    }

    /**
     * Emits a report, ring first: writes it to every sink (the crash ring) and hands it to the
     * synchronous listeners on this thread, then queues it for the printer, which prints it,
     * logs it and hands it to the other listeners. Never waits for a console, a logger or an
     * asynchronous listener. Never throws.
     */
    public static void emit(Report r) {
        // During a panic only the panic path may write: everyone else waits here, holding nothing.
        boolean counted = PanicGate.enterReport();
        try {
            emitNow(r);
        } finally {
            PanicGate.leaveReport(counted);
        }
    }

    private static void emitNow(Report r) {
        boolean inRing = false;
        for (ReportSink s : SINKS) {
            try {
                s.write(r);
                inRing |= s.isCrashRing();
            } catch (Throwable e) {
                // Never silent: the line goes to the console and, through the other sinks, the ring.
                SINK_FAILURES.incrementAndGet();
                notice(RingFormat.CODE_CONSOLE, "faultline: " + Escape.text(LenientFormat.safeString(s))
                        + " did not keep report " + r.sequence() + ": " + Escape.text(LenientFormat.safeString(e)));
            }
        }
        boolean[] dispatching = DISPATCHING.get();
        // A check fired inside a listener is printed, but never fed back to listeners.
        boolean toListeners = !dispatching[0];
        if (toListeners && !SYNC_LISTENERS.isEmpty()) {
            dispatching[0] = true;
            try {
                for (ReportListener l : SYNC_LISTENERS) {
                    deliver(l, r);
                }
            } finally {
                dispatching[0] = false;
            }
        }
        Printer.Entry entry = new Printer.Entry(r, null, inRing);
        RunPolicy policy = RunPolicy.process();
        // Each consumer has its own queue: a slow console cannot make a listener miss a report, nor the reverse.
        if (policy.console() != RunPolicy.Console.OFF) {
            CONSOLE.enqueue(entry, CONSOLE_OUTPUT);
        }
        if (toListeners && Listeners.wanted(policy.systemLogger())) {
            Listeners.enqueue(entry);
        }
    }

    private static void deliver(ReportListener l, Report r) {
        try {
            l.onReport(r);
        } catch (Throwable e) {
            notice(RingFormat.CODE_CONSOLE, "faultline: listener " + Listeners.name(l) + " threw "
                    + Escape.text(LenientFormat.safeString(e)) + " on report " + r.sequence() + "; continuing");
        }
    }

    /** What the console's printer does with each entry: print it, text or JSON as the policy says now. */
    private static final class Output implements Printer.Output {
        @Override
        public void print(Printer.Entry e) {
            if (e.line != null) {
                Console.line(e.line);
                return;
            }
            Report r = e.report;
            try {
                switch (RunPolicy.process().console()) {
                    case TEXT: Console.print(r.toText()); break;
                    case JSON: Console.line(r.toJson()); break;
                    default: break;
                }
            } catch (Throwable t) {
                Console.raw("faultline: could not print report " + r.sequence() + ": "
                        + Escape.text(LenientFormat.safeString(t)) + "\n");
            }
        }

        @Override
        public void dropped(long reports, long lines, long notInRing) {
            String line = consoleDropLine(reports, lines, notInRing);
            Console.line(line);
            appendOwn(RingFormat.CODE_CONSOLE, line);
        }
    }

    /**
     * {@code faultline: N reports not printed (console too slow); all are in the crash ring}, with
     * {@code and M lines} when Faultline's own lines were dropped too, and the truth about the ring.
     */
    static String consoleDropLine(long reports, long lines, long notInRing) {
        String what = reports > 0 ? reports + " report" + (reports == 1 ? "" : "s")
                + (lines > 0 ? " and " + lines + " line" + (lines == 1 ? "" : "s") : "")
                : lines + " line" + (lines == 1 ? "" : "s");
        return "faultline: " + what + " not printed (console too slow); " + ringClause(reports + lines, notInRing);
    }

    /**
     * Whether {@code count} dropped entries are in the crash ring, {@code notInRing} of them not:
     * {@code all are in the crash ring}, {@code 3 of them are not in the crash ring}, or
     * {@code none is in the crash ring (it is off)}.
     */
    static String ringClause(long count, long notInRing) {
        if (notInRing <= 0) {
            return count == 1 ? "it is in the crash ring" : "all are in the crash ring";
        }
        if (notInRing >= count) {
            return (count == 1 ? "it is not" : "none is") + " in the crash ring"
                    + (ringOn ? " (it could not keep " + (count == 1 ? "it" : "them") + ")" : " (it is off)");
        }
        return notInRing + " of them are not in the crash ring";
    }

    /**
     * Starts the printer threads (the console's and the listeners') and arranges that whatever
     * they have not handed on yet is at clean shutdown (for at most {@code SHUTDOWN_PRINT_NANOS}
     * together). Called once, by {@code Boot}. Without a printer thread, entries are handled on
     * the thread that raised them as before.
     */
    public static void startPrinter() {
        if (!CONSOLE.start(CONSOLE_OUTPUT)) {
            Settings.problem("cannot start the faultline-printer thread; reports are printed on the thread that raised them");
        }
        if (!Listeners.start()) {
            Settings.problem("cannot start the faultline-listeners thread; listeners are called on the thread that"
                    + " raised the report");
        }
        if (CONSOLE.started() || Listeners.started()) {
            Shutdown.add(Shutdown.PRINT, "console", () -> {
                if (!awaitPrinted(SHUTDOWN_PRINT_NANOS)) {
                    recordUnannouncedDrops();
                }
            });
        }
    }

    /**
     * At an exit whose console never came free (System.err held, a full pipe): the drops no line
     * announced yet go into the crash ring at least, so their count is not lost with the process.
     */
    private static void recordUnannouncedDrops() {
        long[] drops = CONSOLE.takeDrops();
        if (drops != null) {
            appendOwn(RingFormat.CODE_CONSOLE, consoleDropLine(drops[0], drops[1], drops[2]));
        }
        String listeners = Listeners.takeDropLine();
        if (listeners != null) {
            appendOwn(RingFormat.CODE_CONSOLE, listeners);
        }
    }

    /**
     * Waits until everything emitted before this call is handed to the listeners and printed, at
     * most {@code nanos} for both; true when it was. False on a printer thread itself and during
     * a panic (the panic prints what is left itself).
     */
    public static boolean awaitPrinted(long nanos) {
        if (CONSOLE.isPrinter() || Listeners.isListenerThread()) {
            return false; // it would wait for itself
        }
        long deadline = System.nanoTime() + nanos;
        // Listeners first: what they say (a missed count, a listener that threw) goes to the console.
        boolean listened = Listeners.awaitUntil(deadline);
        return CONSOLE.awaitUntil(deadline) && listened;
    }

    /**
     * One of Faultline's own lines ({@code code} as in {@link RingFormat}: a configuration line, a
     * panic line, a console line): written to the crash ring now, printed by the printer. Lines
     * from before the ring was opened are kept (at most {@link #EARLY_LINES}) and written to it
     * when it is. Never throws.
     */
    public static void notice(int code, String line) {
        boolean inRing = appendOwn(code, line);
        CONSOLE.enqueue(new Printer.Entry(null, line, inRing), CONSOLE_OUTPUT);
    }

    /** One of Faultline's own lines written to the crash ring only (the caller prints it itself). */
    public static void recordLine(int code, String line) {
        appendOwn(code, line);
    }

    /** A configuration problem found at boot or later (a bad key): a ring record and a console line. */
    public static void configurationProblem(String line) {
        notice(RingFormat.CODE_CONFIG, line);
    }

    /**
     * A console line as its ring record holds it: without the console's {@code "faultline: "}
     * prefix, as the record's logger is {@code faultline} already (a reader prints
     * {@code CONFIG faultline: debug domain ... changed ...}, not the prefix twice).
     */
    static String ringText(String line) {
        return line.startsWith("faultline: ") ? line.substring("faultline: ".length()) : line;
    }

    /** Writes one of Faultline's lines to the sinks; true when the crash ring kept it. */
    private static boolean appendOwn(int code, String line) {
        if (SINKS.isEmpty()) {
            synchronized (EARLY) {
                if (EARLY.size() < EARLY_LINES) {
                    EARLY.add(new Object[] {code, line});
                }
            }
            return false; // kept for a ring that may never open
        }
        boolean inRing = false;
        for (ReportSink s : SINKS) {
            try {
                s.line(RingFormat.SOURCE_FAULTLINE, code, "faultline", ringText(line));
                inRing |= s.isCrashRing();
            } catch (Throwable e) {
                SINK_FAILURES.incrementAndGet();
            }
        }
        return inRing;
    }

    /**
     * Output of the dumper {@code dumper} (run for {@code reason}): written to the crash ring as
     * records of that dumper, now, and queued for the console. Never throws.
     */
    public static void dumperOutput(int reason, String dumper, String text) {
        boolean inRing = false;
        for (ReportSink s : SINKS) {
            try {
                s.line(RingFormat.SOURCE_DUMP, reason, dumper, text);
                inRing |= s.isCrashRing();
            } catch (Throwable e) {
                SINK_FAILURES.incrementAndGet();
            }
        }
        CONSOLE.enqueue(new Printer.Entry(null, text.endsWith("\n") ? text.substring(0, text.length() - 1) : text,
                inRing), CONSOLE_OUTPUT);
    }

    /** Sink writes that failed (a report or a line the crash ring did not keep) since the start. */
    public static long sinkFailures() {
        return SINK_FAILURES.get();
    }

    /**
     * The panic's console: from here on the printer thread prints nothing; the caller writes
     * what is left. Waits at most {@code waitNanos} for the entry being printed; returns the text
     * of every entry not printed yet (the dropped-reports line first), in order, and whether the
     * console is known to be stuck.
     */
    public static PanicConsole takeOverConsole(long waitNanos) {
        // The panic owns the process: the listeners stop too (their reports are in the ring).
        Listeners.pause();
        boolean stuck = CONSOLE.takeOver(waitNanos);
        List<String> texts = new ArrayList<>();
        long[] drops = CONSOLE.takeDrops();
        if (drops != null) {
            texts.add(consoleDropLine(drops[0], drops[1], drops[2]) + "\n");
        }
        String listenerDrops = Listeners.takeDropLine();
        if (listenerDrops != null) {
            texts.add(listenerDrops + "\n");
        }
        for (Printer.Entry e : CONSOLE.drain(stuck)) {
            try {
                if (e.line != null) {
                    texts.add(e.line + "\n");
                } else if (RunPolicy.process().console() == RunPolicy.Console.JSON) {
                    texts.add(e.report.toJson() + "\n");
                } else if (RunPolicy.process().console() == RunPolicy.Console.TEXT) {
                    texts.add(e.report.toText());
                }
            } catch (Throwable t) {
                texts.add("faultline: could not render report " + e.report.sequence() + "; "
                        + ringClause(1, e.inRing ? 0 : 1) + "\n");
            }
        }
        return new PanicConsole(texts, stuck);
    }

    /** What the panic's console flush has to write, and whether System.err is known to be stuck. */
    public static final class PanicConsole {
        public final List<String> texts;
        public final boolean stuck;

        PanicConsole(List<String> texts, boolean stuck) {
            this.texts = texts;
            this.stuck = stuck;
        }
    }

    /** Test mode survives a panic: the printer takes the console back. */
    public static void resumeConsole() {
        CONSOLE.resume();
        Listeners.resume();
    }

    /**
     * A run-time configuration change: one line saying what changed and through which channel;
     * a change that relaxes a safety setting taints the process {@link Taint#RELAXED}.
     */
    public static void configurationChanged(String line, boolean relaxes) {
        notice(RingFormat.CODE_CONFIG, line);
        if (relaxes) {
            Taints.taint(Taint.RELAXED);
        }
    }
}
