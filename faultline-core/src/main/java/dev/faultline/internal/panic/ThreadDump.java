package dev.faultline.internal.panic;

import dev.faultline.internal.text.Escape;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * Every live thread in the text format of {@code jstack} / {@code jcmd Thread.print}, so that
 * existing thread-dump analysers read it: the quoted name, {@code #id}, daemon, priority, the
 * {@code java.lang.Thread.State} line, frames ({@code at ...}, tab-indented) with the monitors
 * each frame locked or waits on, the ownable synchronizers a thread holds, and Java-level
 * deadlocks found by {@link ThreadMXBean#findDeadlockedThreads()}. Lock and monitor addresses
 * are identity hash codes (a JVM does not expose addresses), shown in the same {@code <0x...>}
 * form.
 */
final class ThreadDump {
    /** Frames shown per thread; deeper stacks end with a {@code ... N more} line. */
    static final int MAX_FRAMES = 1024;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
                thread(b, t);
            }
        }
        long[] deadlocked = synchronizers ? mx.findDeadlockedThreads() : mx.findMonitorDeadlockedThreads();
        if (deadlocked != null && deadlocked.length > 0) {
            deadlocks(b, mx.getThreadInfo(deadlocked, monitors, synchronizers));
        }
        return b.toString();
    }

    private static void thread(StringBuilder b, ThreadInfo t) {
        b.append('"').append(Escape.text(t.getThreadName())).append("\" #").append(t.getThreadId());
        if (t.isDaemon()) {
            b.append(" daemon");
        }
        b.append(" prio=").append(t.getPriority()).append(' ').append(headlineState(t)).append('\n');
        b.append("   java.lang.Thread.State: ").append(t.getThreadState()).append(stateDetail(t)).append('\n');
        StackTraceElement[] frames = t.getStackTrace();
        MonitorInfo[] locked = t.getLockedMonitors();
        int n = Math.min(frames.length, MAX_FRAMES);
        for (int i = 0; i < n; i++) {
            b.append("\tat ").append(Escape.text(frames[i].toString())).append('\n');
            if (i == 0 && t.getLockInfo() != null) {
                LockInfo l = t.getLockInfo();
                if (t.getThreadState() == Thread.State.BLOCKED) {
                    b.append("\t- waiting to lock ");
                } else {
                    b.append(inObjectWait(t) ? "\t- waiting on " : "\t- parking to wait for  ");
                }
                lock(b, l).append('\n');
            }
            for (MonitorInfo m : locked) {
                if (m.getLockedStackDepth() == i) {
                    b.append("\t- locked ");
                    lock(b, m).append('\n');
                }
            }
        }
        if (n < frames.length) {
            b.append("\t... ").append(frames.length - n).append(" more\n");
        }
        LockInfo[] syncs = t.getLockedSynchronizers();
        if (syncs != null) {
            b.append("\n   Locked ownable synchronizers:\n");
            if (syncs.length == 0) {
                b.append("\t- None\n");
            }
            for (LockInfo l : syncs) {
                b.append("\t- ");
                lock(b, l).append('\n');
            }
        }
        b.append('\n');
    }

    private static String headlineState(ThreadInfo t) {
        switch (t.getThreadState()) {
            case RUNNABLE: return "runnable";
            case BLOCKED: return "waiting for monitor entry";
            case WAITING:
            case TIMED_WAITING:
                return inObjectWait(t) ? "in Object.wait()" : "waiting on condition";
            default: return t.getThreadState().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static String stateDetail(ThreadInfo t) {
        LockInfo l = t.getLockInfo();
        switch (t.getThreadState()) {
            case BLOCKED: return " (on object monitor)";
            case WAITING:
            case TIMED_WAITING:
                if (inObjectWait(t)) {
                    return " (on object monitor)";
                }
                return l == null && t.getThreadState() == Thread.State.TIMED_WAITING ? " (sleeping)" : " (parking)";
            default: return "";
        }
    }

    /** In {@code Object.wait} (a monitor wait) rather than parked: told by the top frame, as jstack does. */
    private static boolean inObjectWait(ThreadInfo t) {
        StackTraceElement[] frames = t.getStackTrace();
        return frames.length > 0 && frames[0].getClassName().equals("java.lang.Object")
                && frames[0].getMethodName().equals("wait");
    }

    private static StringBuilder lock(StringBuilder b, LockInfo l) {
        b.append("<0x");
        int h = l.getIdentityHashCode();
        for (int shift = 60; shift >= 0; shift -= 4) {
            b.append(HEX[(int) ((h & 0xFFFFFFFFL) >>> shift) & 0xF]);
        }
        return b.append("> (a ").append(Escape.text(l.getClassName())).append(')');
    }

    private static void deadlocks(StringBuilder b, ThreadInfo[] infos) {
        Map<Long, ThreadInfo> byId = new HashMap<>();
        for (ThreadInfo t : infos) {
            if (t != null) {
                byId.put(t.getThreadId(), t);
            }
        }
        b.append("Found one Java-level deadlock:\n=============================\n");
        for (ThreadInfo t : infos) {
            if (t == null) {
                continue;
            }
            b.append('"').append(Escape.text(t.getThreadName())).append("\":\n  waiting to lock ");
            if (t.getLockInfo() != null) {
                lock(b, t.getLockInfo());
            }
            b.append(",\n  which is held by \"").append(Escape.text(String.valueOf(t.getLockOwnerName())))
                    .append("\"\n");
        }
        b.append("\nJava stack information for the threads listed above:\n"
                + "===================================================\n");
        for (ThreadInfo t : infos) {
            if (t != null) {
                thread(b, t);
            }
        }
        b.append("Found ").append(byId.size() == 0 ? 0 : 1).append(" deadlock.\n\n");
    }
}
