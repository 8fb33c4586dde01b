package dev.faultline.internal.hang;

import dev.faultline.internal.threads.ThreadText;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * What a thread waits for and who holds it, from the platform {@link ThreadMXBean}: the one-line
 * summary for a report's message and the two threads as jstack text (the waiter, then the lock
 * owner) for its dump. Needs the {@code java.management} module; the checker makes one only
 * where that module is present.
 */
final class LockOwners {
    /** Frames per thread in a report's dump; deeper stacks end with {@code ... N more}. */
    static final int DUMP_FRAMES = 64;
    static final ThreadText TEXT = ThreadText.forReports(DUMP_FRAMES);

    final ThreadMXBean mx;
    final boolean monitors;
    final boolean synchronizers;

    LockOwners() {
        mx = ManagementFactory.getThreadMXBean();
        monitors = mx.isObjectMonitorUsageSupported();
        synchronizers = mx.isSynchronizerUsageSupported();
    }

    /** A thread's wait for a lock with a known owner. */
    static final class Wait {
        /** {@code entering the monitor <0x..> (a X) held by "owner" #30, which is TIMED_WAITING}. */
        final String summary;
        /** The waiter and the owner as jstack text. */
        final String dump;
        /** The waiter's stack when it was described. */
        final StackTraceElement[] frames;
        final ThreadInfo waiter;

        Wait(String summary, String dump, StackTraceElement[] frames, ThreadInfo waiter) {
            this.summary = summary;
            this.dump = dump;
            this.frames = frames;
            this.waiter = waiter;
        }
    }

    /** What thread {@code id} waits for, or null when it waits for no lock that another live thread holds. */
    Wait waitOf(long id) {
        ThreadInfo shallow = mx.getThreadInfo(id, 0);
        if (shallow == null || shallow.getLockInfo() == null || shallow.getLockOwnerId() < 0) {
            return null;
        }
        return describe(id, shallow.getLockOwnerId());
    }

    /**
     * Thread {@code id} waiting for a lock held by {@code ownerId}, described from one fresh
     * reading of both (with stacks and held locks); null when the waiter has ended or no longer
     * waits for a lock that that thread holds.
     */
    Wait describe(long id, long ownerId) {
        ThreadInfo[] infos = mx.getThreadInfo(new long[] {id, ownerId}, monitors, synchronizers);
        ThreadInfo w = infos[0];
        ThreadInfo o = infos[1];
        if (w == null || w.getLockInfo() == null || w.getLockOwnerId() != ownerId) {
            return null;
        }
        LockInfo lock = w.getLockInfo();
        StringBuilder s = new StringBuilder(160);
        s.append(w.getThreadState() == Thread.State.BLOCKED ? "entering the monitor " : "parked on ");
        TEXT.lock(s, lock);
        s.append(w.getThreadState() == Thread.State.BLOCKED ? " held by \"" : " owned by \"")
                .append(w.getLockOwnerName()).append("\" #").append(ownerId);
        if (o != null) {
            s.append(", which is ").append(o.getThreadState());
        } else {
            s.append(", which has ended");
        }
        StringBuilder d = new StringBuilder(4096);
        TEXT.thread(d, w);
        if (o != null) {
            d.append("Held by:\n");
            TEXT.thread(d, o);
        }
        return new Wait(s.toString(), d.toString(), w.getStackTrace(), w);
    }
}
