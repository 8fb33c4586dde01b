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
     * The runs in {@code dir} of application {@code app} ({@code null}: every application),
     * oldest start first. Never throws: a file that cannot be read is left out.
     */
    public static List<PastRun> read(Path dir, String app) {
        return dev.faultline.internal.ring.RunLogReader.read(dir, app);
    }
}
