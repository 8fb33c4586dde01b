package dev.faultline.ring;

import java.util.Objects;

/**
 * How one run ended: its {@link ExitReason}, how sure that is, and the evidence in one sentence
 * (what was found, and where). Immutable.
 *
 * <p>{@link #certain()} is true when the evidence names the reason directly (the panic's report,
 * a recorded signal, a matched hs_err file, the cgroup's OOM-kill count, a changed boot id, the
 * clean mark); false ({@code likely}) when it is inferred (a heartbeat at the memory limit, a heap
 * nearly full shortly before the end, nothing but the missing shutdown). When evidence that was
 * looked for could not be read (no cgroup, an hs_err file that is not one), the sentence says
 * {@code no evidence because ...} and the reason is the weaker one that remains.
 */
public final class RunExit {
    private final ExitReason reason;
    private final boolean certain;
    private final String evidence;
    private final String hsErr;

    /**
     * @param reason   why the run ended
     * @param certain  true when the evidence names the reason directly
     * @param evidence one sentence, already escaped (no control characters)
     * @param hsErr    where the run's hs_err file was archived, or null
     */
    public RunExit(ExitReason reason, boolean certain, String evidence, String hsErr) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.certain = certain;
        this.evidence = evidence == null ? "" : evidence;
        this.hsErr = hsErr;
    }

    /** An exit nothing can be said about, with why. */
    public static RunExit unknown(String why) {
        return new RunExit(ExitReason.UNKNOWN, false, why, null);
    }

    public ExitReason reason() { return reason; }

    /** True when the evidence names the reason directly; false when it is likely only. */
    public boolean certain() { return certain; }

    /** {@code certain} or {@code likely}. */
    public String confidence() { return certain ? "certain" : "likely"; }

    /** The evidence, one sentence. */
    public String evidence() { return evidence; }

    /** Where the run's hs_err file was copied (in its archive), or null when there is none. */
    public String hsErr() { return hsErr; }

    /** {@code <reason> (<confidence>): <evidence>}. */
    @Override
    public String toString() {
        return reason.label() + " (" + confidence() + "): " + evidence;
    }
}
