package dev.faultline.internal.hang;

import dev.faultline.internal.clock.Pause;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.exit.Heartbeat;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.PanicGate;
import dev.faultline.internal.text.Escape;
import dev.faultline.internal.text.LenientFormat;
import dev.faultline.internal.threads.SystemThreads;
import dev.faultline.ring.RingFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one checker thread, {@code faultline-hangcheck} (the kernel's {@code khungtaskd} and
 * soft-lockup timer in one): started when a detector first needs it (at boot with the default
 * keys, or by the first watchdog or a key turned on at run time), a daemon in the system thread
 * group holding nothing of the application, and asleep between checks; no busy tick.
 *
 * <p><b>Wake-ups.</b> It sleeps until the next thing is due: a stall sample every fifth of
 * {@code stall_threshold} (at most 1 s; so once a second by default), a look at the watchdogs
 * every quarter of the shortest live watchdog's timeout (at least 25 ms), and the deadlock and
 * hung-task scans at their periods (10 s each by default), and the crash ring's heartbeat
 * ({@code faultline.heartbeat}, 10 s by default: at most one more wake-up per period, none when
 * it coincides with another). With every detector and the heartbeat off and no watchdog it
 * parks until a key or a watchdog wakes it. Key changes wake it at once.
 *
 * <p><b>Its clock.</b> How late each sleep ended is measured (that is the stall detector), and
 * that lateness is left out of the time the hung-task and watchdog detectors measure: if the
 * checker could not run, nothing can be concluded about how long the others could not either
 * (a 10 s {@code SIGSTOP} is one STALL, not also a LOCKUP of every loop and a HUNG of every
 * waiting thread). On a machine so loaded that the checker is not scheduled this makes those
 * detectors late, never wrong.
 *
 * <p><b>Failures.</b> Nothing here throws into the application. A detector that fails (an
 * {@code Error} from the JVM's management code, say) is reported in one line and turned off for
 * the rest of the run; the others go on. Without the {@code java.management} module the
 * deadlock and hung-task detectors are not available (one line says so) and watchdogs and stall
 * lateness still work. During a panic the checker does nothing.
 */
public final class HangChecker {
    /** The thread's name. */
    public static final String THREAD_NAME = "faultline-hangcheck";
    static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long MIN_WATCHDOG_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile Thread thread;
    private static volatile boolean booted;

    // Figures for status(): written by the checker thread, read by anyone.
    static final ScanStats DEADLOCK_SCANS = new ScanStats();
    static final ScanStats HUNG_SCANS = new ScanStats();
    static final ScanStats TICKS = new ScanStats();
    private static volatile long startedNanos;
    private static volatile long wakeups;
    private static volatile long discountedNanos;
    private static volatile String unavailable = "";

    private HangChecker() {}

    /**
     * Reads the hang keys (their problems are printed now) and starts the checker if any detector
     * is on. Called once, by {@code Boot}; never throws.
     */
    public static void boot() {
        try {
            HangSettings.load();
            booted = true;
            wake();
        } catch (Throwable e) {
            Core.configurationProblem("faultline: cannot start the hang checker: " + Escape.text(LenientFormat.safeString(e))
                    + "; deadlocks, hung tasks, lockups and stalls are not reported");
        }
    }

    /** True when some detector has work: the checker must run. */
    static boolean needed() {
        return HangSettings.deadlockCheckNanos() > 0 || HangSettings.hungTimeoutNanos() > 0
                || HangSettings.stallThresholdNanos() > 0 || Watchdogs.snapshot().length > 0
                || Heartbeat.periodNanos() > 0;
    }

    /** Makes the checker look at its keys and watchdogs now; starts it when it is needed and not running. Never throws. */
    static void wake() {
        try {
            if (!booted) {
                return; // Boot starts it; a watchdog made during boot is seen then
            }
            Thread t = thread;
            if (t != null) {
                java.util.concurrent.locks.LockSupport.unpark(t);
            } else if (needed() && STARTED.compareAndSet(false, true)) {
                Thread started = SystemThreads.daemon(HangChecker::run, THREAD_NAME);
                started.start();
                thread = started;
            }
        } catch (Throwable e) {
            STARTED.set(false); // no thread now (no memory, thread limits): the next wake tries again
        }
    }

    private static void run() {
        startedNanos = System.nanoTime();
        new Loop().run();
    }

    /**
     * The checker's work, in the order it is done on each wake-up: stall, watchdogs, hung tasks,
     * deadlocks. Its fields belong to the checker thread.
     */
    private static final class Loop {
        private LockOwners owners;
        private DeadlockDetector deadlocks;
        private HungTaskDetector hung;
        private StallDetector stall;
        private LockupDetector lockups;
        private boolean managementTried;
        private boolean deadlocksFailed;
        private boolean hungFailed;
        private boolean lockupsFailed;
        private boolean stallFailed;

        /** Time the checker could not run (its lateness), left out of the clock the detectors measure with. */
        private long discounted;
        private long nextDeadlock;
        private long nextHung;
        private long deadlockPeriod;
        private long hungPeriod;
        /** The heartbeat's next due time; its period is read each round (0 = off: never due). */
        private long nextBeat;

        void run() {
            schedule(System.nanoTime()); // the periods count from the start, not from the end of the setup below
            nextBeat = System.nanoTime(); // the first heartbeat at once
            if (HangSettings.deadlockCheckNanos() > 0 || HangSettings.hungTimeoutNanos() > 0) {
                management(); // before the first sleep: its first use costs tens of ms, which must not delay a scan
            }
            if (HangSettings.stallThresholdNanos() > 0) {
                stall(); // the same for the counters' beans
            }
            long errors = 0;
            for (;;) {
                try {
                    once();
                } catch (Throwable e) {
                    // Never seen in tests; a loop that died here would take every detector with it.
                    // Said the 1st, 2nd, 4th, 8th... time: an error that repeats cannot flood the console.
                    if (Long.bitCount(++errors) == 1) {
                        say("the hang checker met " + LenientFormat.safeString(e) + " (" + errors + " times); it goes on");
                    }
                    Pause.nanos(HangChecker.class, MAX_TICK_NANOS);
                }
            }
        }

        private void once() {
            long now = System.nanoTime();
            schedule(now);
            long tick = tick(now);
            if (tick == Long.MAX_VALUE) {
                if (!lockupsFailed && Watchdogs.snapshot().length > 0) {
                    // Watching is off: still retire the closed and ended watchdogs before parking.
                    lockups().check(now - discounted, false);
                }
                Pause.untilUnparked(HangChecker.class);
                return;
            }
            boolean stallOn = HangSettings.stallThresholdNanos() > 0 && !stallFailed;
            long late = 0;
            long asked = 0;
            if (tick > 0) {
                long deadline = now + tick;
                if (stallOn) {
                    try {
                        stall().beforeSleep();
                    } catch (Throwable e) {
                        stallOn = false;
                        stallFailed = true;
                        failed(Keys.STALL_THRESHOLD.property(), e);
                    }
                }
                long asleep = System.nanoTime();
                asked = Math.max(0, deadline - asleep);
                if (asked > 0) {
                    Pause.nanos(HangChecker.class, asked);
                }
                late = System.nanoTime() - (asleep + asked);
                if (late > 0) {
                    discounted += late;
                    discountedNanos = discounted;
                }
                wakeups++;
            }
            if (PanicGate.inProgress()) {
                // No heartbeat during a panic; the next one is put off, or the checker would wake at once, again and again.
                nextBeat = System.nanoTime() + Math.max(Heartbeat.periodNanos(), MAX_TICK_NANOS);
                return;
            }
            long start = System.nanoTime();
            long clock = start - discounted;
            if (stallOn && tick > 0) {
                try {
                    stall().afterSleep(asked, Math.max(0, late), HangSettings.stallThresholdNanos());
                } catch (Throwable e) {
                    stallFailed = true;
                    failed(Keys.STALL_THRESHOLD.property(), e);
                }
            }
            if (!lockupsFailed && Watchdogs.snapshot().length > 0) {
                try {
                    lockups().check(clock, HangSettings.softWatchdog());
                } catch (Throwable e) {
                    lockupsFailed = true;
                    failed("watchdogs (" + Keys.SOFT_WATCHDOG.property() + ")", e);
                }
            }
            TICKS.add(System.nanoTime() - start);
            if (hungPeriod > 0 && start - nextHung >= 0) {
                nextHung = start + hungPeriod;
                if (management() && !hungFailed) {
                    long t0 = System.nanoTime();
                    try {
                        hung.scan(clock, HangSettings.hungTimeoutNanos());
                    } catch (Throwable e) {
                        hungFailed = true;
                        failed(Keys.HUNG_TASK_TIMEOUT.property(), e);
                    }
                    HUNG_SCANS.add(System.nanoTime() - t0);
                }
            }
            long beat = Heartbeat.periodNanos();
            if (beat > 0 && start - nextBeat >= 0) {
                nextBeat = start + beat;
                Heartbeat.beat();
            }
            if (deadlockPeriod > 0 && start - nextDeadlock >= 0) {
                nextDeadlock = start + deadlockPeriod;
                if (management() && !deadlocksFailed) {
                    long t0 = System.nanoTime();
                    try {
                        deadlocks.scan();
                    } catch (Throwable e) {
                        deadlocksFailed = true;
                        failed(Keys.DEADLOCK_CHECK.property(), e);
                    }
                    DEADLOCK_SCANS.add(System.nanoTime() - t0);
                }
            }
        }

        /** Follows the keys: a period that changed counts from now; a detector turned off is not scheduled. */
        private void schedule(long now) {
            long d = HangSettings.deadlockCheckNanos();
            if (d != deadlockPeriod) {
                deadlockPeriod = d;
                nextDeadlock = now + d;
            }
            long h = HangSettings.hungTimeoutNanos() > 0 ? HangSettings.hungIntervalNanos() : 0;
            if (h != hungPeriod) {
                hungPeriod = h;
                nextHung = now + h;
            }
        }

        /** How long to sleep from {@code now}: until the next thing is due; {@code Long.MAX_VALUE} when nothing is. */
        private long tick(long now) {
            long tick = Long.MAX_VALUE;
            long stallThreshold = HangSettings.stallThresholdNanos();
            if (stallThreshold > 0 && !stallFailed) {
                tick = Math.min(MAX_TICK_NANOS, stallThreshold / 5);
            }
            long shortest = Watchdogs.shortestTimeout();
            if (shortest != Long.MAX_VALUE && !lockupsFailed && HangSettings.softWatchdog()) {
                tick = Math.min(tick, Math.min(MAX_TICK_NANOS, Math.max(MIN_WATCHDOG_TICK_NANOS, shortest / 4)));
            }
            if (deadlockPeriod > 0 && !deadlocksFailed) {
                tick = Math.min(tick, Math.max(0, nextDeadlock - now));
            }
            if (Heartbeat.periodNanos() > 0) {
                tick = Math.min(tick, Math.max(0, nextBeat - now));
            }
            if (hungPeriod > 0 && !hungFailed) {
                tick = Math.min(tick, Math.max(0, nextHung - now));
            }
            return tick;
        }

        /** True when the management-based detectors exist (made on first use, on this thread: the first touch of JMX costs tens of ms). */
        private boolean management() {
            if (!managementTried) {
                managementTried = true;
                try {
                    owners = new LockOwners();
                    deadlocks = new DeadlockDetector(owners);
                    hung = new HungTaskDetector(owners, deadlocks);
                } catch (Throwable e) {
                    owners = null;
                    unavailable = "deadlock and hung-task detection need the java.management module (" + e + ")";
                    say(unavailable + "; they are off, watchdogs and stalls still work");
                }
            }
            return owners != null;
        }

        private StallDetector stall() {
            if (stall == null) {
                boolean counters;
                try {
                    JvmCounters.sample();
                    counters = true;
                } catch (Throwable e) {
                    counters = false;
                }
                stall = new StallDetector(counters);
            }
            return stall;
        }

        private LockupDetector lockups() {
            if (lockups == null) {
                lockups = new LockupDetector(management() ? owners : null);
            }
            return lockups;
        }

        private void failed(String what, Throwable e) {
            say("the hang checker's " + what + " failed (" + LenientFormat.safeString(e) + "); it is off for the rest of"
                    + " this run");
        }
    }

    private static void say(String line) {
        Core.notice(RingFormat.CODE_CONSOLE, "faultline: " + Escape.text(line));
    }

    /**
     * The checker as figures, for JMX and the scan-cost benchmark: one line per activity with its
     * period, how many times it ran and what a run cost (wall time, mean and max), then the
     * wake-ups per second since the checker started and the time its clock has left out.
     */
    public static List<String> status() {
        List<String> out = new ArrayList<>();
        out.add("deadlock scans: every " + period(HangSettings.deadlockCheckNanos()) + "; " + DEADLOCK_SCANS);
        out.add("hung-task scans: every " + period(HangSettings.hungTimeoutNanos() > 0 ? HangSettings.hungIntervalNanos() : 0)
                + " (timeout " + human(HangSettings.hungTimeoutNanos()) + "); " + HUNG_SCANS);
        out.add("stall and watchdog checks: threshold " + human(HangSettings.stallThresholdNanos()) + ", "
                + Watchdogs.snapshot().length + " watchdogs; " + TICKS);
        long started = startedNanos;
        double seconds = started == 0 ? 0 : (System.nanoTime() - started) / 1e9;
        out.add("checker: " + (thread == null ? "not started" : "running") + ", " + wakeups + " wake-ups in "
                + Math.round(seconds) + " s (" + (seconds <= 0 ? "0" : String.format(java.util.Locale.ROOT, "%.2f",
                wakeups / seconds)) + " per s), " + discountedNanos / 1_000_000 + " ms left out of its clock as lateness"
                + (unavailable.isEmpty() ? "" : "; " + unavailable));
        return out;
    }

    private static String period(long nanos) {
        return nanos == 0 ? "never (off)" : human(nanos);
    }

    /** {@code 10 s}, {@code 2.5 s}, {@code 250ms}; {@code 0 (off)}. */
    private static String human(long nanos) {
        String s = HangDurations.show(nanos);
        return nanos == 0 ? "0 (off)" : s.endsWith("ms") ? s : s + " s";
    }

    /** Count, mean and max of one activity's wall time; written by the checker thread only. */
    static final class ScanStats {
        private volatile long count;
        private volatile long totalNanos;
        private volatile long maxNanos;
        private volatile long lastNanos;

        void add(long nanos) {
            count++;
            totalNanos += nanos;
            lastNanos = nanos;
            if (nanos > maxNanos) {
                maxNanos = nanos;
            }
        }

        @Override
        public String toString() {
            long n = count;
            if (n == 0) {
                return "0 runs";
            }
            return n + " runs, mean " + ms(totalNanos / n) + " ms, last " + ms(lastNanos) + " ms, max " + ms(maxNanos) + " ms";
        }

        private static String ms(long nanos) {
            return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
        }
    }
}
