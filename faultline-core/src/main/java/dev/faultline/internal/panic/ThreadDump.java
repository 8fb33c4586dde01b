package dev.faultline.internal.panic;

import dev.faultline.internal.text.Escape;
import dev.faultline.internal.threads.ThreadText;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Every live thread in the text format of {@code jstack} / {@code jcmd Thread.print}
 * ({@link ThreadText}, tab-indented, every name escaped), so that existing thread-dump analysers
 * read it, then the Java-level deadlocks found by {@link ThreadMXBean#findDeadlockedThreads()}.
 */
final class ThreadDump {
    /** Frames shown per thread; deeper stacks end with a {@code ... N more} line. */
    static final int MAX_FRAMES = 1024;
    private static final ThreadText TEXT = ThreadText.jstack(MAX_FRAMES);

    private ThreadDump() {}

    static String render(String why) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean monitors = mx.isObjectMonitorUsageSupported();
        boolean synchronizers = mx.isSynchronizerUsageSupported();
        ThreadInfo[] infos = mx.dumpAllThreads(monitors, synchronizers);
        StringBuilder b = new StringBuilder(2048 + 1024 * infos.length);
        b.append("Full thread dump (Faultline, ").append(Escape.text(why)).append("):\n\n");
        for (ThreadInfo t : infos) {
            if (t != null) {
                TEXT.thread(b, t);
            }
        }
        long[] deadlocked = synchronizers ? mx.findDeadlockedThreads() : mx.findMonitorDeadlockedThreads();
        if (deadlocked != null && deadlocked.length > 0) {
            deadlocks(b, mx.getThreadInfo(deadlocked, monitors, synchronizers));
        }
        return b.toString();
    }

    private static void deadlocks(StringBuilder b, ThreadInfo[] infos) {
        int threads = 0;
        for (ThreadInfo t : infos) {
            threads += t == null ? 0 : 1;
        }
        TEXT.deadlock(b, infos);
        b.append("Found ").append(threads == 0 ? 0 : 1).append(" deadlock.\n\n");
    }
}
