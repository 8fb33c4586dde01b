package dev.faultline.internal.hang;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Signature;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.runtime.Reports;
import dev.faultline.internal.signature.SignatureRule;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Java-level deadlocks (lockdep's lock cycles, jstack's "Found one Java-level deadlock"): asks
 * the JVM for the threads in cycles of monitor and {@code java.util.concurrent} ownable-lock
 * waits ({@code ThreadMXBean.findDeadlockedThreads}), splits them into cycles, and reports each
 * cycle once, as a DEADLOCK whose dump is the cycle in jstack's words: each thread, the lock it
 * waits for, who holds it, and every thread's stack with the locks it holds.
 *
 * <p><b>Once per cycle</b>: a cycle is known by its threads and the locks they wait for; it is
 * reported the first scan that finds it and never again while it lasts (a deadlock on monitors
 * or untimed locks lasts until the process ends). A cycle that disappears (a timed
 * {@code tryLock} gave up) is forgotten, so the same threads deadlocking again later are a new
 * report.
 *
 * <p><b>Signature</b>: over the innermost application frame of each thread of the cycle,
 * sorted ({@link SignatureRule#computeForThreads}), so the same lock-order bug has the same
 * signature whichever thread the JVM lists first, on every host and build. The report's thread,
 * location and call trace are those of the cycle's thread with the lowest id.
 *
 * <p><b>Cost</b>: {@code findDeadlockedThreads} is a safepoint operation (every Java thread
 * stops while the VM walks the lock graph; tens of ms on a loaded machine), so each scan first
 * reads every thread's lock wait without a safepoint and asks the JVM only when those waits form
 * a cycle: a service without a deadlock is never stopped by the scan. See the
 * scan-cost figures in docs/guide/hangs.md for the default period of 10 s. Stacks are read only for a cycle being
 * reported.
 */
final class DeadlockDetector {
    /** The site of every DEADLOCK report. */
    static final String SITE = "deadlock";
    /** Threads of one cycle rendered in full; a longer cycle is listed, and cut in the dump. */
    static final int MAX_THREADS = 16;
    /** Cycles remembered as reported; more than this many live deadlocks is beyond any use anyway. */
    static final int MAX_CYCLES = 256;

    private final LockOwners owners;
    /** The cycles reported and still present, by key. */
    private final Set<String> reported = new HashSet<>();
    /** The threads of those cycles: left out of the hung-task reports. */
    private final Set<Long> reportedThreads = new HashSet<>();

    DeadlockDetector(LockOwners owners) {
        this.owners = owners;
    }

    /** True when thread {@code id} is in a cycle this detector has reported and that still stands. */
    boolean reported(long id) {
        return reportedThreads.contains(id);
    }

    void scan() {
        if (!cycleSeen()) {
            // No thread waits in a cycle: no deadlock, and no reason to stop the world to say so.
            reported.clear();
            reportedThreads.clear();
            return;
        }
        long[] ids = owners.synchronizers ? owners.mx.findDeadlockedThreads() : owners.mx.findMonitorDeadlockedThreads();
        if (ids == null || ids.length == 0) {
            reported.clear();
            reportedThreads.clear();
            return;
        }
        ThreadInfo[] infos = owners.mx.getThreadInfo(ids, owners.monitors, owners.synchronizers);
        Map<Long, ThreadInfo> byId = new LinkedHashMap<>();
        for (ThreadInfo t : infos) {
            if (t != null) {
                byId.put(t.getThreadId(), t);
            }
        }
        Set<String> present = new HashSet<>();
        Set<Long> presentThreads = new HashSet<>();
        for (List<ThreadInfo> cycle : cycles(byId)) {
            String key = key(cycle);
            present.add(key);
            for (ThreadInfo t : cycle) {
                presentThreads.add(t.getThreadId());
            }
            if (!reported.contains(key) && reported.size() < MAX_CYCLES) {
                reported.add(key);
                report(cycle);
            }
        }
        reported.retainAll(present);
        reportedThreads.clear();
        reportedThreads.addAll(presentThreads);
    }

    /**
     * True when some threads wait for locks in a cycle, read without stopping the world: every
     * live thread's state, lock and lock owner, no stacks ({@code getThreadInfo(ids, 0)}, which
     * HotSpot answers thread by thread, outside a safepoint). The reading is not atomic, so a
     * cycle seen here may be gone, or never have been (then {@code findDeadlockedThreads}, the
     * safepoint scan, finds nothing); but a deadlock lasts, every thread in it keeps its lock and
     * its wait, so a real one is always seen. A busy service with no deadlock is never stopped.
     */
    private boolean cycleSeen() {
        ThreadInfo[] all = owners.mx.getThreadInfo(owners.mx.getAllThreadIds(), 0);
        Map<Long, ThreadInfo> waiting = new HashMap<>();
        for (ThreadInfo t : all) {
            if (t != null && t.getLockOwnerId() >= 0) {
                waiting.put(t.getThreadId(), t);
            }
        }
        return waiting.size() >= 2 && !cycles(waiting).isEmpty();
    }

    /**
     * The cycles among {@code byId}: following each thread's lock owner until a thread repeats.
     * Each cycle starts at its thread with the lowest id and goes in wait-for order; threads that
     * wait on a cycle without being in one belong to none.
     */
    static List<List<ThreadInfo>> cycles(Map<Long, ThreadInfo> byId) {
        List<List<ThreadInfo>> cycles = new ArrayList<>();
        Set<Long> done = new HashSet<>();
        List<Long> order = new ArrayList<>(byId.keySet());
        order.sort(null);
        for (Long start : order) {
            if (done.contains(start)) {
                continue;
            }
            List<Long> path = new ArrayList<>();
            Map<Long, Integer> at = new HashMap<>();
            Long id = start;
            while (id != null && !done.contains(id) && !at.containsKey(id)) {
                at.put(id, path.size());
                path.add(id);
                ThreadInfo t = byId.get(id);
                long owner = t.getLockOwnerId();
                id = owner >= 0 && byId.containsKey(owner) ? owner : null;
            }
            if (id != null && at.containsKey(id)) {
                List<Long> ring = path.subList(at.get(id), path.size());
                int lowest = ring.indexOf(ring.stream().min(Long::compare).orElseThrow());
                List<ThreadInfo> cycle = new ArrayList<>(ring.size());
                for (int i = 0; i < ring.size(); i++) {
                    cycle.add(byId.get(ring.get((lowest + i) % ring.size())));
                }
                cycles.add(cycle);
            }
            done.addAll(path);
        }
        return cycles;
    }

    /** The cycle's identity: its threads and the locks they wait for, sorted. */
    private static String key(List<ThreadInfo> cycle) {
        String[] parts = new String[cycle.size()];
        for (int i = 0; i < parts.length; i++) {
            ThreadInfo t = cycle.get(i);
            parts[i] = t.getThreadId() + ":" + (t.getLockInfo() == null ? 0 : t.getLockInfo().getIdentityHashCode());
        }
        Arrays.sort(parts);
        return String.join(",", parts);
    }

    private void report(List<ThreadInfo> cycle) {
        List<List<StackTraceElement>> stacks = new ArrayList<>();
        StringBuilder m = new StringBuilder(256).append(cycle.size()).append(" threads: ");
        for (int i = 0; i < cycle.size(); i++) {
            ThreadInfo t = cycle.get(i);
            stacks.add(Arrays.asList(t.getStackTrace()));
            if (i < MAX_THREADS) {
                if (i > 0) {
                    m.append("; ");
                }
                m.append('"').append(t.getThreadName()).append("\" #").append(t.getThreadId()).append(" waits for ");
                if (t.getLockInfo() != null) {
                    LockOwners.TEXT.lock(m, t.getLockInfo());
                }
                m.append(" held by \"").append(t.getLockOwnerName()).append("\" #").append(t.getLockOwnerId());
            }
        }
        if (cycle.size() > MAX_THREADS) {
            m.append("; and ").append(cycle.size() - MAX_THREADS).append(" more");
        }
        ThreadInfo[] shown = cycle.subList(0, Math.min(cycle.size(), MAX_THREADS)).toArray(new ThreadInfo[0]);
        StringBuilder dump = LockOwners.TEXT.deadlock(new StringBuilder(8192), shown);
        dump.append("Found 1 deadlock.");
        String[] ht = SignatureRule.computeForThreads(ReportKind.DEADLOCK.name(), SITE, stacks);
        ThreadInfo first = cycle.get(0);
        Report r = Reports.newReport(ReportKind.DEADLOCK, SITE, m.toString(), dump.toString(),
                LiveThreads.byId(first.getThreadId()), first.getStackTrace(), SignatureRule.firstKept(stacks.get(0)),
                Signature.of(ht[0], ht[1]));
        HangReports.emit(r, HangSettings.deadlockPanic(), "deadlock: " + cycle.size() + " threads ("
                + Keys.DEADLOCK_PANIC.property() + "=1)");
    }
}
