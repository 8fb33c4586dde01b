package dev.faultline.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.helpers.NOPAppender;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Repairs Logback's cached appender arrays after appenders were attached while other threads
 * logged.
 *
 * <p>Each Logback logger keeps its appenders in a copy-on-write list plus a cached array that
 * the logging path iterates. A thread that logs while the array is stale rebuilds it, and
 * that rebuild is not atomic: a thread that read the list before an appender was attached, and
 * stored its array after the attach marked the cache stale, leaves the old array marked fresh.
 * From then on every event skips the newly attached appender (ours or the user's file
 * appender alike), until the next change to that logger's list. Four threads logging through
 * twenty reconfigurations hit this in about half the runs: the ring appender of the final
 * configuration was never called, while the appender before it in the same logger was.
 *
 * <p>Detaching an appender that was never attached changes nothing in the list but marks the
 * cached array stale, so the next event rebuilds it from the complete list. (Re-attaching an
 * attached one would too, but could bring back an appender that a concurrent reset had just
 * detached and stopped.) A thread can still be paused between its read and its store across
 * one repair, so the repair runs when the appender starts and when a configuration ends, and
 * again 10 ms, 100 ms, 1 s and 10 s later on one daemon thread that ends when no repair is
 * pending.
 */
final class AppenderListHeal {
    /** When the repairs after the immediate one run, in milliseconds after it. */
    private static final long[] LATER = {10, 100, 1_000, 10_000};
    /** An appender attached nowhere. */
    private static final Appender<ILoggingEvent> NEVER_ATTACHED = new NOPAppender<>();

    private static final Object LOCK = new Object();
    /** Per context: when its immediate repair ran (nanoTime) and which later repair is next. Guarded by LOCK. */
    private static final Map<LoggerContext, long[]> PENDING = new IdentityHashMap<>();
    /** The one thread running later repairs for every context, or null while none are due. Guarded by LOCK. */
    private static Thread healer;

    private AppenderListHeal() {}

    /**
     * Repairs every logger of {@code context} now and (re)starts its later repairs; a reset
     * or start while they are pending starts them over. One daemon thread serves every
     * context and ends when nothing is pending. Never throws.
     */
    static void now(LoggerContext context) {
        if (context == null) {
            return;
        }
        heal(context);
        try {
            synchronized (LOCK) {
                PENDING.put(context, new long[] {System.nanoTime(), 0});
                if (healer == null) {
                    Thread t = new Thread(AppenderListHeal::later, "faultline-logback-heal");
                    t.setDaemon(true);
                    // Not the starting thread's loader: a redeployed application must not stay pinned by it.
                    t.setContextClassLoader(null);
                    t.start();
                    healer = t;
                } else {
                    LOCK.notifyAll();
                }
            }
        } catch (Throwable e) {
            // No thread to be had (native memory, a thread limit): the immediate repair stands alone.
            synchronized (LOCK) {
                PENDING.remove(context);
            }
        }
    }

    private static void later() {
        List<LoggerContext> due = new ArrayList<>();
        while (true) {
            synchronized (LOCK) {
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                for (Iterator<Map.Entry<LoggerContext, long[]>> it = PENDING.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<LoggerContext, long[]> e = it.next();
                    long[] state = e.getValue();
                    long at = state[0] + LATER[(int) state[1]] * 1_000_000L;
                    if (at - now <= 0) {
                        due.add(e.getKey());
                        if (++state[1] == LATER.length) {
                            it.remove();
                        }
                    } else {
                        wait = Math.min(wait, at - now);
                    }
                }
                if (due.isEmpty()) {
                    if (PENDING.isEmpty()) {
                        healer = null;
                        return;
                    }
                    try {
                        LOCK.wait(Math.max(1, wait / 1_000_000L));
                    } catch (InterruptedException e) {
                        // Only this class knows the thread; carry on with the schedule.
                    }
                    continue;
                }
            }
            for (LoggerContext c : due) {
                heal(c);
            }
            due.clear();
        }
    }

    /** Marks the cached appender array of every logger of {@code context} stale. Never throws. */
    static void heal(LoggerContext context) {
        try {
            List<Logger> loggers = context.getLoggerList();
            for (int i = 0, n = loggers.size(); i < n; i++) {
                // Never attached, so nothing is removed; only the cache is marked stale.
                loggers.get(i).detachAppender(NEVER_ATTACHED);
            }
        } catch (Throwable e) {
            // A logger list changing under a reset, or a Logback without these methods: never into the host.
        }
    }
}
