package dev.faultline.internal.exit;

import dev.faultline.ring.ExitReason;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import dev.faultline.ring.RunExit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Decides why a dead run ended, from its ring (read once, with {@link ExitClues} collecting) and
 * what the host shows now. The evidence is weighed in a fixed order, strongest first:
 * <ol>
 *   <li>{@code panic}: the ring holds the panic's report (its headline), whatever came after;</li>
 *   <li>{@code jvm_crash} / {@code java_oom}: a matching hs_err file (an OutOfMemoryError in it
 *       makes it {@code java_oom});</li>
 *   <li>{@code signal} / {@code clean}: the clean mark believed; with a recorded signal it is
 *       {@code signal} (hooks finished), without one {@code clean};</li>
 *   <li>{@code signal}: a recorded signal and no clean end: killed during its shutdown, N s after
 *       the signal (the last shutdown tick says how long it was seen alive);</li>
 *   <li>{@code oom_killed} (certain): the memory cgroup's OOM-kill count rose since the run
 *       started;</li>
 *   <li>{@code java_oom}: an OutOfMemoryError recorded within {@link #OOM_WINDOW_MILLIS} of the
 *       end (certain), or a heap alarm or a heartbeat at 80 % of the heap's maximum in that window
 *       with {@code -XX:+ExitOnOutOfMemoryError} set (likely);</li>
 *   <li>{@code host_down}: the boot id changed since the run started;</li>
 *   <li>{@code oom_killed} (likely): the last heartbeat at 80 % or more of the cgroup's limit;</li>
 *   <li>{@code killed} (likely): nothing else; the evidence says what was looked for and not found.</li>
 * </ol>
 * Never throws: a piece of evidence that cannot be read is named as {@code no evidence because ...}
 * and the weaker reasons that remain decide.
 */
public final class ExitClassifier {
    /** How close to the end an OutOfMemoryError, a heap alarm or a full heartbeat must be to explain it. */
    static final long OOM_WINDOW_MILLIS = 30_000;
    /**
     * How full a heartbeat's heap (of its maximum) or memory cgroup (of its limit) must be to make
     * a memory death likely: measured at the last beat before real deaths, a G1 heap of 16 MiB
     * was 89 % used 100 ms before its OutOfMemoryError and a cgroup at 81 % of its limit when the
     * kernel killed it (the kernel reclaims, the JVM keeps reserves), so 80 %.
     */
    static final double NEAR_LIMIT = 0.8;

    private ExitClassifier() {}

    /** What the host says now; tests inject another boot id. */
    public static final class Host {
        final Supplier<String> bootId;

        public Host(Supplier<String> bootId) {
            this.bootId = bootId;
        }

        /** This host, as it is now. */
        public static Host current() {
            return new Host(RunFacts::bootId);
        }
    }

    /**
     * The exit of the run whose ring was read as {@code scan} with {@code clues} collecting.
     *
     * @param cleanBelieved true when the ring's clean mark is believed (no running marker left,
     *                      no record after it)
     * @param belied        why a clean mark was not believed, or null
     * @param owner         the ring file's owner (an hs_err file must be theirs), empty when unknown
     * @param archive       the run's archive directory, where its hs_err file is copied; null for none
     */
    public static RunExit classify(RingScan scan, ExitClues clues, boolean cleanBelieved, String belied,
                                   OptionalLong owner, Path archive, Host host) {
        try {
            return decide(scan, clues, cleanBelieved, belied, owner, archive, host);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return RunExit.unknown("no evidence because the classification failed (" + e + ")");
        }
    }

    private static RunExit decide(RingScan scan, ExitClues c, boolean cleanBelieved, String belied, OptionalLong owner,
                                  Path archive, Host host) {
        if (scan == null || !scan.isRing() || scan.runId().isEmpty()) {
            return RunExit.unknown("no evidence because the ring names no run"
                    + (scan == null || scan.problems().isEmpty() ? "" : " (" + scan.problems().get(0) + ")"));
        }
        long last = Math.max(c.lastMillis, scan.lastSeen().toEpochMilli());
        if (scan.panicked()) {
            RingRecord head = scan.headline();
            return new RunExit(ExitReason.PANIC, true, "it panicked: "
                    + (head == null ? "its not-syncing line is in the ring" : "\"" + head.firstLine() + "\" at " + head.time()),
                    null);
        }
        List<String> missing = new ArrayList<>();
        if (c.facts == null) {
            missing.add("no evidence from the host because the ring holds no run facts (written before they existed,"
                    + " or overwritten)");
        }
        // An hs_err file, before the clean mark: a crash in a shutdown hook still leaves the mark unset.
        HsErr hs = HsErr.find(c.facts, scan.pid(), scan.startMillis(), last, owner);
        if (hs.found()) {
            Path copy = archive == null ? null : hs.copyInto(archive);
            String where = hs.file + (copy == null ? "" : ", copied to " + copy);
            if (hs.outOfMemory()) {
                return new RunExit(ExitReason.JAVA_OOM, true, "the JVM crashed on an OutOfMemoryError: " + hs.summary()
                        + " (" + where + ")", copy == null ? hs.file.toString() : copy.toString());
            }
            return new RunExit(ExitReason.JVM_CRASH, true, "HotSpot fatal error: " + hs.summary() + " (" + where + ")",
                    copy == null ? hs.file.toString() : copy.toString());
        }
        if (c.facts != null && hs.miss != null && hs.miss.startsWith("no evidence")) {
            missing.add(hs.miss);
        }
        if (cleanBelieved) {
            Instant end = scan.end();
            if (c.signal != null) {
                return new RunExit(ExitReason.SIGNAL, true, c.signal + " at " + Instant.ofEpochMilli(c.signalMillis)
                        + "; its shutdown hooks finished " + (end == null ? "" : ms(end.toEpochMilli() - c.signalMillis)
                        + " later, at " + end), null);
            }
            return new RunExit(ExitReason.CLEAN, true, "its shutdown hooks finished" + (end == null ? "" : " at " + end)
                    + " with no signal recorded (System.exit or the last thread ended; the exit status is not"
                    + " recorded)", null);
        }
        if (c.signal != null) {
            long seen = Math.max(c.shutdownTickMillis, last);
            return new RunExit(ExitReason.SIGNAL, true, "killed during shutdown, " + seconds(seen - c.signalMillis)
                    + " after " + c.signal + ": " + c.signal + " at " + Instant.ofEpochMilli(c.signalMillis)
                    + ", its shutdown hooks never finished, last seen alive at " + Instant.ofEpochMilli(seen)
                    + " (the shutdown is timed every 250 ms)", null);
        }
        String cgroup = c.facts == null ? "" : c.facts.get("memory_cgroup");
        long killsThen = c.facts == null ? -1 : HostFiles.number(c.facts.get("oom_kills"));
        if (!cgroup.isEmpty()) {
            long killsNow = MemoryCgroup.oomKills(Path.of(cgroup));
            if (killsNow < 0) {
                missing.add("no evidence from the memory cgroup because " + cgroup + " is gone or does not count OOM"
                        + " kills");
            } else if (killsThen >= 0 && killsNow > killsThen) {
                return new RunExit(ExitReason.OOM_KILLED, true, "the kernel's OOM killer: memory cgroup " + cgroup
                        + " counts " + killsNow + " OOM kill(s), " + killsThen + " when the run started"
                        + heartbeatMemory(c), null);
            }
        } else if (c.facts != null) {
            missing.add("no evidence from a memory cgroup because the run found none");
        }
        boolean exitOnOom = c.facts != null && ("true".equals(c.facts.get("exit_on_oom"))
                || "true".equals(c.facts.get("crash_on_oom")));
        if (c.oom != null && last - c.oomMillis <= OOM_WINDOW_MILLIS) {
            return new RunExit(ExitReason.JAVA_OOM, true, "an OutOfMemoryError was recorded " + ms(last - c.oomMillis)
                    + " before the end: \"" + c.oom + "\"", null);
        }
        boolean heapFull = c.heapAlarm != null && last - c.heapAlarmMillis <= OOM_WINDOW_MILLIS;
        long used = Heartbeat.value(c.heartbeat, "heap_used");
        long max = Heartbeat.value(c.heartbeat, "heap_max");
        boolean beatFull = c.heartbeat != null && max > 0 && used >= NEAR_LIMIT * max
                && last - c.heartbeatMillis <= OOM_WINDOW_MILLIS;
        if (exitOnOom && (heapFull || beatFull)) {
            return new RunExit(ExitReason.JAVA_OOM, false, "it ran with -XX:+"
                    + ("true".equals(c.facts.get("exit_on_oom")) ? "ExitOnOutOfMemoryError" : "CrashOnOutOfMemoryError")
                    + " and ended without its shutdown hooks " + (heapFull ? ms(last - c.heapAlarmMillis)
                    + " after \"" + c.heapAlarm + "\"" : ms(last - c.heartbeatMillis) + " after a heartbeat with "
                    + used + " of " + max + " heap bytes in use"), null);
        }
        String bootThen = c.facts == null ? "" : c.facts.get("boot_id");
        String bootNow = host.bootId.get();
        if (!bootThen.isEmpty() && bootNow != null && !bootNow.isEmpty() && !bootThen.equals(bootNow)) {
            return new RunExit(ExitReason.HOST_DOWN, true, "the host went down: its boot id was " + bootThen
                    + " during the run and is " + bootNow + " now; last record at " + Instant.ofEpochMilli(last), null);
        }
        long usage = Heartbeat.value(c.heartbeat, "cgroup_usage");
        long limit = Heartbeat.value(c.heartbeat, "cgroup_limit");
        if (limit > 0 && usage >= NEAR_LIMIT * limit) {
            return new RunExit(ExitReason.OOM_KILLED, false, "its last heartbeat, at " + Instant.ofEpochMilli(c.heartbeatMillis)
                    + ", had its memory cgroup at " + usage + " of " + limit + " bytes (" + Math.round(100.0 * usage / limit)
                    + " %)" + (missing.isEmpty() ? "" : "; " + String.join("; ", missing)), null);
        }
        return new RunExit(ExitReason.KILLED, false, "no shutdown, no signal, no hs_err file, no OOM kill recorded: "
                + "SIGKILL or a halt, last record at " + Instant.ofEpochMilli(last)
                + (belied == null ? "" : " (" + belied + ")")
                + (missing.isEmpty() ? "" : "; " + String.join("; ", missing)), null);
    }

    private static String heartbeatMemory(ExitClues c) {
        long usage = Heartbeat.value(c.heartbeat, "cgroup_usage");
        long limit = Heartbeat.value(c.heartbeat, "cgroup_limit");
        return limit > 0 && usage >= 0 ? "; its last heartbeat had " + usage + " of " + limit + " bytes in use" : "";
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", Math.max(0, millis) / 1000.0);
    }

    private static String ms(long millis) {
        return millis < 10_000 ? Math.max(0, millis) + " ms" : seconds(millis);
    }
}
