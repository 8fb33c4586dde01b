package dev.faultline.internal.hang;

import dev.faultline.internal.threads.SystemThreads;
import java.util.Arrays;

/**
 * The live platform threads, from the root thread group: a copy of the groups' arrays, with no
 * safepoint and no stack. A scan takes a snapshot into a buffer it keeps between scans and
 * releases it afterwards, so the buffer pins no thread that has ended.
 */
final class LiveThreads {
    private Thread[] threads = new Thread[64];
    private int count;

    /** Takes the snapshot; returns how many threads it holds ({@link #get} 0 to that minus 1). */
    int take() {
        ThreadGroup root = SystemThreads.systemGroup();
        while ((count = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return count;
    }

    Thread get(int i) {
        return threads[i];
    }

    /** Forgets the snapshot. */
    void release() {
        Arrays.fill(threads, 0, count, null);
        count = 0;
    }

    /** The live thread with id {@code id}, or null (a fresh snapshot: for a report, not a scan). */
    static Thread byId(long id) {
        LiveThreads all = new LiveThreads();
        int n = all.take();
        for (int i = 0; i < n; i++) {
            if (all.get(i).getId() == id) {
                return all.get(i);
            }
        }
        return null;
    }
}
