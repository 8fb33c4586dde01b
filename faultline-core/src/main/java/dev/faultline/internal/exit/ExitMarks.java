package dev.faultline.internal.exit;

import dev.faultline.internal.threads.SystemThreads;
import dev.faultline.ring.CrashRing;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The marks a run leaves in its own crash ring so that the next start can tell how it ended:
 * its {@link RunFacts} at start, each SIGTERM, SIGINT or SIGHUP when it arrives, and, after one,
 * a line every 250 ms (every second after 30 s, for at most 10 minutes) while the shutdown goes on (so a run killed during its shutdown says how
 * long after the signal). All of them are application-level records of logger {@link #LOGGER},
 * appended lock-free; none is written on a thread that fires a report.
 *
 * <p><b>Signals.</b> Recorded through {@code sun.misc.Signal} (module {@code jdk.unsupported}),
 * found reflectively: the handler records the signal, then hands it to the handler that was
 * there before (the JVM's own, which starts the shutdown), so behaviour does not change. A
 * signal the JVM ignores or leaves to the OS ({@code SIG_IGN}, {@code SIG_DFL}: {@code nohup},
 * {@code -Xrs}) is left as it is and not recorded. Where {@code sun.misc.Signal} is missing or
 * refuses (a runtime image without {@code jdk.unsupported}), the run's facts say signals are not
 * recorded, and a signalled run is later classified as killed or clean instead.
 */
public final class ExitMarks {
    /** Logger of every exit mark. */
    public static final String LOGGER = dev.faultline.ring.RunLog.EXIT_LOGGER;
    /** A recorded signal: {@code received SIGTERM (15)}. */
    static final String SIGNAL = "received SIG";
    /** A shutdown still going: {@code still shutting down 3 s after SIGTERM}. */
    static final String SHUTTING_DOWN = "still shutting down ";
    /** How long the shutdown clock ticks at most. */
    private static final int SHUTDOWN_TICKS = 690;

    private static volatile CrashRing ring;
    private static final AtomicBoolean CLOCK = new AtomicBoolean();

    private ExitMarks() {}

    /**
     * Writes this run's facts into {@code into} and starts recording signals; returns why signals
     * are not recorded, or null when they are. Called once, by {@code Boot}, after the ring is
     * open. Never throws.
     */
    public static String boot(CrashRing into) {
        ring = into;
        RunFacts facts = RunFacts.here();
        Heartbeat.cgroup(facts.get("memory_cgroup"));
        String why;
        try {
            why = Signals.install();
        } catch (Throwable e) {
            why = "signals are not recorded (" + e + ")";
        }
        facts.values.put("signals", why == null ? "recorded" : why);
        append(facts.text());
        return why;
    }

    static void append(String text) {
        append(LOGGER, text);
    }

    static void append(String logger, String text) {
        try {
            CrashRing r = ring;
            if (r != null) {
                r.append(System.Logger.Level.INFO, logger, text);
            }
        } catch (Throwable e) {
            // Evidence lost, not the application: the ring counts what it could not take.
        }
    }

    /** Records {@code name} arriving and starts the shutdown clock. */
    static void signalled(String name, int number) {
        append(SIGNAL + name + " (" + number + ")");
        if (CLOCK.compareAndSet(false, true)) {
            try {
                long t0 = System.nanoTime();
                Thread t = SystemThreads.daemon(() -> {
                    // Every 250 ms for the first 30 s (a grace period's precision), then every second.
                    long at = 0;
                    for (int i = 1; i <= SHUTDOWN_TICKS; i++) {
                        at += at < 30_000 ? 250 : 1000;
                        long due = t0 + at * 1_000_000L;
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        append(SHUTTING_DOWN + at / 1000.0 + " s after SIG" + name);
                    }
                }, "faultline-shutdown-clock");
                t.start();
            } catch (Throwable e) {
                // No clock: the record of the signal itself still says when it came.
            }
        }
    }

    /** The reflective bridge to {@code sun.misc.Signal}. */
    static final class Signals {
        private Signals() {}

        static String install() throws ReflectiveOperationException {
            Class<?> signal;
            Class<?> handlerType;
            try {
                signal = Class.forName("sun.misc.Signal");
                handlerType = Class.forName("sun.misc.SignalHandler");
            } catch (ClassNotFoundException | LinkageError e) {
                return "signals are not recorded (no sun.misc.Signal in this runtime)";
            }
            Method handle = signal.getMethod("handle", signal, handlerType);
            Method getName = signal.getMethod("getName");
            Method getNumber = signal.getMethod("getNumber");
            Method delegate = handlerType.getMethod("handle", signal);
            Object dfl = handlerType.getField("SIG_DFL").get(null);
            Object ign = handlerType.getField("SIG_IGN").get(null);
            StringBuilder skipped = new StringBuilder();
            for (String name : new String[] {"TERM", "INT", "HUP"}) {
                Object sig;
                try {
                    sig = signal.getConstructor(String.class).newInstance(name);
                } catch (InvocationTargetException e) {
                    skipped.append(skipped.length() == 0 ? "" : ", ").append("SIG").append(name);
                    continue; // this OS does not know it
                }
                Object[] previous = new Object[1];
                Object ours = Proxy.newProxyInstance(ExitMarks.class.getClassLoader(), new Class<?>[] {handlerType},
                        (proxy, m, args) -> {
                            switch (m.getName()) {
                                case "handle":
                                    Object s = args[0];
                                    signalled(String.valueOf(getName.invoke(s)), (Integer) getNumber.invoke(s));
                                    try {
                                        return delegate.invoke(previous[0], s);
                                    } catch (InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                                case "hashCode":
                                    return System.identityHashCode(proxy);
                                case "equals":
                                    return proxy == args[0];
                                default:
                                    return "faultline signal recorder";
                            }
                        });
                try {
                    previous[0] = handle.invoke(null, sig, ours);
                } catch (InvocationTargetException e) {
                    skipped.append(skipped.length() == 0 ? "" : ", ").append("SIG").append(name);
                    continue; // the JVM keeps it (-Xrs, or in use)
                }
                if (previous[0] == null || previous[0] == dfl || previous[0] == ign) {
                    handle.invoke(null, sig, previous[0] == null ? dfl : previous[0]); // the OS's or ignored: leave it so
                    skipped.append(skipped.length() == 0 ? "" : ", ").append("SIG").append(name);
                }
            }
            // A signal ignored or left to the OS (nohup, -Xrs) is the launcher's choice: not worth a line at every start.
            return null;
        }
    }
}
