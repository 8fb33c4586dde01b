package dev.faultline.ring;

import java.nio.file.Path;
import java.util.List;

/**
 * The run history of a crash directory (what {@code faultline runs} prints): every run its rings
 * and archives still tell of, oldest start first, each with how it ended. Dead runs that no start
 * has recovered yet are classified now, the same way the next start would (without archiving
 * them); cleanly ended runs are known from the boot record of the start that removed their
 * rings. Read-only: nothing is claimed, moved or removed.
 */
public final class RunLog {
    /** Logger of the heartbeat records a run writes into its ring (heap, RSS, memory cgroup, GC, threads, CPU). */
    public static final String HEARTBEAT_LOGGER = "faultline.heartbeat";
    /** Logger of the exit marks a run writes into its ring (its facts at start, signals, shutdown progress, heap alarms). */
    public static final String EXIT_LOGGER = "faultline.exit";

    private RunLog() {}

    /**
     * Whether {@code r} is one of the records a run writes about itself for the next start
     * (a heartbeat or an exit mark) rather than a line of the application's or a report. A
     * replay of a dead run's last lines leaves these out: they are evidence for its exit reason,
     * which is named beside the replay.
     */
    public static boolean isRunRecord(RingRecord r) {
        return !r.isReport() && (HEARTBEAT_LOGGER.equals(r.logger()) || EXIT_LOGGER.equals(r.logger()));
    }

    /**
     * The application's own last {@code n} records of {@code records} (fewer when there are
     * fewer), oldest first, without the run's records about itself ({@link #isRunRecord}).
     */
    public static List<RingRecord> lastLines(List<RingRecord> records, int n) {
        java.util.ArrayDeque<RingRecord> last = new java.util.ArrayDeque<>();
        for (int i = records.size() - 1; i >= 0 && last.size() < n; i--) {
            RingRecord r = records.get(i);
            if (!isRunRecord(r)) {
                last.addFirst(r);
            }
        }
        return List.copyOf(last);
    }

    /**
     * The runs in {@code dir} of application {@code app} ({@code null}: every application),
     * oldest start first. Never throws: a file that cannot be read is left out.
     */
    public static List<PastRun> read(Path dir, String app) {
        return dev.faultline.internal.ring.RunLogReader.read(dir, app);
    }
}
