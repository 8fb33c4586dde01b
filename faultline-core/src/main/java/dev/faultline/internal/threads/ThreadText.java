package dev.faultline.internal.threads;

import dev.faultline.internal.text.Escape;
import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;

/**
 * Threads in the text format of {@code jstack} / {@code jcmd Thread.print}, so that people and
 * thread-dump analysers read it as they read those: the quoted name, {@code #id}, daemon,
 * priority, the {@code java.lang.Thread.State} line, frames ({@code at ...}) with the monitors
 * each frame locked or waits on, the ownable synchronizers a thread holds, and the
 * "Found one Java-level deadlock" block. Lock addresses are identity hash codes (a JVM does not
 * expose addresses), in the same {@code <0x...>} form.
 *
 * <p>One renderer, two uses: the panic's thread dump ({@link #JSTACK}: tab-indented frames as
 * jstack prints them, every name escaped, because that text goes to the console as it is) and
 * the dump of a hang report ({@link #forReports}: space-indented, names as they are, because the
 * report's text renderer escapes each line of a dump itself and would show a tab as
 * {@code \t}).
 */
public final class ThreadText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The panic thread dump's format: jstack's tabs, every name escaped, at most {@code maxFrames} per thread. */
    public static ThreadText jstack(int maxFrames) {
        return new ThreadText(true, "\t", maxFrames);
    }

    /** The format of a hang report's dump: four spaces for jstack's tab, names unescaped, at most {@code maxFrames} per thread. */
    public static ThreadText forReports(int maxFrames) {
        return new ThreadText(false, "    ", maxFrames);
    }

    /** Escape names here (no lambda: the panic dump must not link one on a failing process). */
    private final boolean escape;
    private final String indent;
    private final int maxFrames;

    private ThreadText(boolean escape, String indent, int maxFrames) {
        this.escape = escape;
        this.indent = indent;
        this.maxFrames = maxFrames;
    }

    private String text(String s) {
        return escape ? Escape.text(s) : s;
    }

    /** One thread as jstack prints it, ending with an empty line. */
    public StringBuilder thread(StringBuilder b, ThreadInfo t) {
        b.append('"').append(text(t.getThreadName())).append("\" #").append(t.getThreadId());
        if (t.isDaemon()) {
            b.append(" daemon");
        }
        b.append(" prio=").append(t.getPriority()).append(' ').append(headlineState(t)).append('\n');
        b.append("   java.lang.Thread.State: ").append(t.getThreadState()).append(stateDetail(t)).append('\n');
        StackTraceElement[] frames = t.getStackTrace();
        MonitorInfo[] locked = t.getLockedMonitors();
        int n = Math.min(frames.length, maxFrames);
        for (int i = 0; i < n; i++) {
            b.append(indent).append("at ").append(text(frames[i].toString())).append('\n');
            if (i == 0 && t.getLockInfo() != null) {
                LockInfo l = t.getLockInfo();
                if (t.getThreadState() == Thread.State.BLOCKED) {
                    b.append(indent).append("- waiting to lock ");
                } else {
                    b.append(indent).append(inObjectWait(t) ? "- waiting on " : "- parking to wait for  ");
                }
                lock(b, l).append('\n');
            }
            for (MonitorInfo m : locked) {
                if (m.getLockedStackDepth() == i) {
                    b.append(indent).append("- locked ");
                    lock(b, m).append('\n');
                }
            }
        }
        if (n < frames.length) {
            b.append(indent).append("... ").append(frames.length - n).append(" more\n");
        }
        LockInfo[] syncs = t.getLockedSynchronizers();
        if (syncs != null) {
            b.append("\n   Locked ownable synchronizers:\n");
            if (syncs.length == 0) {
                b.append(indent).append("- None\n");
            }
            for (LockInfo l : syncs) {
                b.append(indent).append("- ");
                lock(b, l).append('\n');
            }
        }
        return b.append('\n');
    }

    /**
     * jstack's deadlock block for the threads of one or more cycles: who waits for which lock
     * held by whom, then each thread's stack. No closing count: the caller knows how many cycles
     * it passed.
     */
    public StringBuilder deadlock(StringBuilder b, ThreadInfo[] threads) {
        b.append("Found one Java-level deadlock:\n=============================\n");
        for (ThreadInfo t : threads) {
            if (t == null) {
                continue;
            }
            b.append('"').append(text(t.getThreadName())).append("\":\n");
            b.append(t.getThreadState() == Thread.State.BLOCKED ? "  waiting to lock " : "  waiting for ownable synchronizer ");
            if (t.getLockInfo() != null) {
                lock(b, t.getLockInfo());
            }
            b.append(",\n  which is held by \"").append(text(String.valueOf(t.getLockOwnerName()))).append("\"\n");
        }
        b.append("\nJava stack information for the threads listed above:\n"
                + "===================================================\n");
        for (ThreadInfo t : threads) {
            if (t != null) {
                thread(b, t);
            }
        }
        return b;
    }

    /** {@code <0x000000001b6d3586> (a java.lang.Object)}. */
    public StringBuilder lock(StringBuilder b, LockInfo l) {
        b.append("<0x");
        long h = l.getIdentityHashCode() & 0xFFFFFFFFL;
        for (int shift = 60; shift >= 0; shift -= 4) {
            b.append(HEX[(int) (h >>> shift) & 0xF]);
        }
        return b.append("> (a ").append(text(l.getClassName())).append(')');
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
}
