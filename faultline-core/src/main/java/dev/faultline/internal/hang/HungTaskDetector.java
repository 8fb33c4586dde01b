package dev.faultline.internal.hang;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.Reports;
import dev.faultline.internal.signature.SignatureRule;
import dev.faultline.ring.RingFormat;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.concurrent.locks.LockSupport;

/**
 * Hung tasks (kernel {@code hung_task.c}): a thread that has been waiting for a lock that another
 * thread holds, in one and the same wait, for longer than {@code faultline.hung_task_timeout} is
 * reported as a HUNG with its stack and the lock owner's, once per wait, while
 * {@code hung_task_warnings} lasts.
 *
 * <p><b>What counts as hung, and why.</b> The kernel reports tasks in uninterruptible sleep
 * ({@code D} state), typically waiting for a mutex: such a task cannot be woken by anything but
 * the event it waits for, and it waits for another task. The JVM's equivalent is a thread
 * {@code BLOCKED} entering a {@code synchronized} block: it cannot be interrupted, and the
 * monitor has an owner. A thread parked in {@code ReentrantLock.lock()} (or any
 * {@code java.util.concurrent} lock built on {@link AbstractOwnableSynchronizer}) whose lock has
 * an owner is in the same situation — a mutex held by a thread that does not let go — so it is
 * reported too: a thread stuck behind a {@code ReentrantLock} whose owner waits on a remote call
 * is the most common hang in services that moved off {@code synchronized}. "Has an owner" is
 * what tells a lock wait from waiting for work, and it is decided by the JVM
 * ({@link ThreadInfo#getLockOwnerId()}), not guessed from stacks.
 *
 * <p><b>What is never reported</b> (the kernel's {@code S} state, waiting for an event, not for a
 * task): threads waiting on a queue (idle pool workers: {@code LinkedBlockingQueue.take} parks
 * on a condition, whose lock is released while waiting), in {@code Object.wait},
 * {@code Condition.await}, {@code CountDownLatch}, {@code Semaphore}, {@code Thread.sleep},
 * {@code LockSupport.park} without a lock, or in blocking I/O ({@code RUNNABLE}). A wait for a
 * lock whose holders are not owners is not reported either: the write lock of a
 * {@code ReentrantReadWriteLock} waiting for readers, a {@code StampedLock}. Threads of a
 * deadlock cycle that the deadlock detector has reported are left to that report.
 *
 * <p><b>"One and the same wait"</b>: the kernel compares a task's context-switch count between
 * scans; here the thread's {@linkplain ThreadInfo#getBlockedCount() blocked count} (monitor
 * waits) or {@linkplain ThreadInfo#getWaitedCount() waited count} (parks), the lock, and the
 * lock's owner must all be unchanged at every scan. The owner matters because a monitor is not
 * fair: under heavy contention one thread can stay {@code BLOCKED}, in one wait, while the
 * monitor passes between the others for seconds. That thread is starved, not hung: the lock is
 * making progress. A hang is a wait behind an owner that does not let go, and that is what is
 * reported. A thread that holds a lock, lets go and takes it back at once, over and over (a
 * sleep or a wait <em>inside</em> the critical section of a loop), keeps the others out exactly as
 * one that never lets go: seen as the owner at every scan, it is reported, and the owner's stack
 * in the report shows the loop. A wait is reported between {@code hung_task_timeout} and
 * {@code hung_task_timeout} plus one {@code hung_task_check_interval} after it began.
 *
 * <p><b>Cost.</b> A scan walks the live threads and reads each one's state (a field read, no
 * safepoint); only threads blocked, or parked on an owned lock, are looked at through
 * {@code ThreadMXBean.getThreadInfo(ids, 0)}, which takes no stack and no safepoint. Stacks are
 * taken only for a report.
 */
final class HungTaskDetector {
    /** The site of every HUNG report: the kernel's name for the detector. */
    static final String SITE = "hung_task";
    private final LockOwners owners;
    private final DeadlockDetector deadlocks;
    /** The waits being followed, by thread id. */
    private final Map<Long, Episode> episodes = new HashMap<>();
    private final LiveThreads threads = new LiveThreads();
    private long[] candidates = new long[16];
    private boolean budgetLineSaid;

    /** One wait being followed. */
    private static final class Episode {
        final long count;
        final int lock;
        final long owner;
        final long since;
        boolean done;
        boolean seenThisScan;

        Episode(long count, int lock, long owner, long since) {
            this.count = count;
            this.lock = lock;
            this.owner = owner;
            this.since = since;
        }
    }

    HungTaskDetector(LockOwners owners, DeadlockDetector deadlocks) {
        this.owners = owners;
        this.deadlocks = deadlocks;
    }

    /** One scan at {@code now} (the checker's clock); reports the waits older than {@code timeout}. */
    void scan(long now, long timeoutNanos) {
        int n = candidates();
        if (n == 0) {
            episodes.clear();
            return;
        }
        ThreadInfo[] infos = owners.mx.getThreadInfo(Arrays.copyOf(candidates, n), 0);
        for (Episode e : episodes.values()) {
            e.seenThisScan = false;
        }
        for (ThreadInfo t : infos) {
            if (t == null || t.getLockInfo() == null || t.getLockOwnerId() < 0) {
                continue; // ended, or no longer waiting for an owned lock
            }
            boolean blocked = t.getThreadState() == Thread.State.BLOCKED;
            long count = blocked ? t.getBlockedCount() : t.getWaitedCount();
            int lock = t.getLockInfo().getIdentityHashCode();
            long owner = t.getLockOwnerId();
            Long id = t.getThreadId();
            Episode e = episodes.get(id);
            if (e == null || e.count != count || e.lock != lock || e.owner != owner) {
                e = new Episode(count, lock, owner, now);
                episodes.put(id, e);
            }
            e.seenThisScan = true;
            if (!e.done && now - e.since >= timeoutNanos && !deadlocks.reported(t.getThreadId())) {
                e.done = true;
                report(t, timeoutNanos);
            }
        }
        for (Iterator<Episode> it = episodes.values().iterator(); it.hasNext(); ) {
            if (!it.next().seenThisScan) {
                it.remove();
            }
        }
    }

    /** Fills {@link #candidates} with the ids of threads blocked, or parked on an ownable lock; returns how many. */
    private int candidates() {
        int live = threads.take();
        int n = 0;
        Thread me = Thread.currentThread();
        try {
            for (int i = 0; i < live; i++) {
                Thread t = threads.get(i);
                if (t == me) {
                    continue;
                }
                Thread.State s = t.getState();
                boolean candidate = s == Thread.State.BLOCKED
                        || (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING)
                        && LockSupport.getBlocker(t) instanceof AbstractOwnableSynchronizer;
                if (candidate) {
                    if (n == candidates.length) {
                        candidates = Arrays.copyOf(candidates, n * 2);
                    }
                    candidates[n++] = t.getId();
                }
            }
        } finally {
            threads.release();
        }
        return n;
    }

    private void report(ThreadInfo shallow, long timeoutNanos) {
        LockOwners.Wait w = owners.describe(shallow.getThreadId(), shallow.getLockOwnerId());
        if (w == null) {
            return; // it got the lock meanwhile
        }
        if (!HangSettings.takeHungWarning()) {
            if (!budgetLineSaid) {
                budgetLineSaid = true;
                Core.notice(RingFormat.CODE_CONSOLE, "faultline: future hung task reports are suppressed, see "
                        + Keys.HUNG_TASK_WARNINGS.property());
            }
            return;
        }
        budgetLineSaid = false;
        String message = "thread \"" + shallow.getThreadName() + "\" #" + shallow.getThreadId() + " blocked for more than "
                + HangDurations.seconds(timeoutNanos) + ", " + w.summary;
        Report r = Reports.newReport(ReportKind.HUNG, SITE, message, w.dump, LiveThreads.byId(shallow.getThreadId()), w.frames,
                SignatureRule.firstKept(Arrays.asList(w.frames)), null);
        HangReports.emit(r, HangSettings.hungPanic(), "hung_task: blocked tasks (" + Keys.HUNG_TASK_PANIC.property()
                + "=1)");
    }
}
