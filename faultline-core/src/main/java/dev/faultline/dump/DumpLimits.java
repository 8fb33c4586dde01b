package dev.faultline.dump;

import java.time.Duration;

/**
 * The bounds every dump stays within. Immutable; start from {@link #DEFAULTS} and change what
 * you need with the {@code with*} methods, which throw {@link IllegalArgumentException} naming
 * the parameter when a value is out of range.
 *
 * <table>
 *   <caption>Limits and defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>what happens at the bound</th></tr>
 *   <tr><td>maxDepth</td><td>4</td><td>deeper objects show as {@code Type@id{…}}</td></tr>
 *   <tr><td>maxElements</td><td>20</td><td>per array, collection or map: {@code … N more}</td></tr>
 *   <tr><td>maxFields</td><td>64</td><td>per object: {@code … N more fields}</td></tr>
 *   <tr><td>maxStringLength</td><td>200</td><td>longer strings are cut: {@code …(+N chars)}</td></tr>
 *   <tr><td>maxTotalLength</td><td>8192</td><td>the whole dump is cut: {@code … (dump cut at N chars)}</td></tr>
 *   <tr><td>retries</td><td>3</td><td>re-reads after the first comparison before the dump is marked not faithful</td></tr>
 *   <tr><td>callTimeout</td><td>50 ms</td><td>one guarded call of user code ({@code toString()}, a foreign collection's iterator)</td></tr>
 *   <tr><td>totalTimeout</td><td>500 ms</td><td>all guarded calls of one dump together; later calls are not made</td></tr>
 * </table>
 */
public final class DumpLimits {
    /** The defaults used by {@link Snapshots#dump(Object)} and by every object-bearing check. */
    public static final DumpLimits DEFAULTS = new DumpLimits(4, 20, 64, 200, 8192, 3,
            Duration.ofMillis(50).toNanos(), Duration.ofMillis(500).toNanos());

    final int maxDepth;
    final int maxElements;
    final int maxFields;
    final int maxStringLength;
    final int maxTotalLength;
    final int retries;
    final long callTimeoutNanos;
    final long totalTimeoutNanos;

    private DumpLimits(int maxDepth, int maxElements, int maxFields, int maxStringLength, int maxTotalLength,
            int retries, long callTimeoutNanos, long totalTimeoutNanos) {
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
        this.maxFields = maxFields;
        this.maxStringLength = maxStringLength;
        this.maxTotalLength = maxTotalLength;
        this.retries = retries;
        this.callTimeoutNanos = callTimeoutNanos;
        this.totalTimeoutNanos = totalTimeoutNanos;
    }

    /** Objects nested deeper than this (the dumped object is depth 0) are not opened. 0 to 64. */
    public DumpLimits withMaxDepth(int v) {
        return new DumpLimits(check("maxDepth", v, 0, 64), maxElements, maxFields, maxStringLength, maxTotalLength,
                retries, callTimeoutNanos, totalTimeoutNanos);
    }

    /** Elements shown per array, collection or map. 0 to 100000. */
    public DumpLimits withMaxElements(int v) {
        return new DumpLimits(maxDepth, check("maxElements", v, 0, 100_000), maxFields, maxStringLength,
                maxTotalLength, retries, callTimeoutNanos, totalTimeoutNanos);
    }

    /** Fields shown per object. 0 to 100000. */
    public DumpLimits withMaxFields(int v) {
        return new DumpLimits(maxDepth, maxElements, check("maxFields", v, 0, 100_000), maxStringLength,
                maxTotalLength, retries, callTimeoutNanos, totalTimeoutNanos);
    }

    /** Characters shown per string (and per {@code toString()} result). 0 to 1000000. */
    public DumpLimits withMaxStringLength(int v) {
        return new DumpLimits(maxDepth, maxElements, maxFields, check("maxStringLength", v, 0, 1_000_000),
                maxTotalLength, retries, callTimeoutNanos, totalTimeoutNanos);
    }

    /** Characters in the whole dump, before the cut note. 64 to 10000000. */
    public DumpLimits withMaxTotalLength(int v) {
        return new DumpLimits(maxDepth, maxElements, maxFields, maxStringLength,
                check("maxTotalLength", v, 64, 10_000_000), retries, callTimeoutNanos, totalTimeoutNanos);
    }

    /** Re-reads after the first comparison of two copies. 0 to 100. */
    public DumpLimits withRetries(int v) {
        return new DumpLimits(maxDepth, maxElements, maxFields, maxStringLength, maxTotalLength,
                check("retries", v, 0, 100), callTimeoutNanos, totalTimeoutNanos);
    }

    /** Time one guarded call of user code may take. 1 ms to 60 s. */
    public DumpLimits withCallTimeout(Duration d) {
        return new DumpLimits(maxDepth, maxElements, maxFields, maxStringLength, maxTotalLength, retries,
                checkDuration("callTimeout", d), totalTimeoutNanos);
    }

    /** Time all guarded calls of one dump may take together. 1 ms to 60 s. */
    public DumpLimits withTotalTimeout(Duration d) {
        return new DumpLimits(maxDepth, maxElements, maxFields, maxStringLength, maxTotalLength, retries,
                callTimeoutNanos, checkDuration("totalTimeout", d));
    }

    public int maxDepth() { return maxDepth; }

    public int maxElements() { return maxElements; }

    public int maxFields() { return maxFields; }

    public int maxStringLength() { return maxStringLength; }

    public int maxTotalLength() { return maxTotalLength; }

    public int retries() { return retries; }

    public Duration callTimeout() { return Duration.ofNanos(callTimeoutNanos); }

    public Duration totalTimeout() { return Duration.ofNanos(totalTimeoutNanos); }

    private static int check(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", was " + v);
        }
        return v;
    }

    private static long checkDuration(String name, Duration d) {
        if (d == null || d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException(name + " must be from 1 ms to 60 s, was " + d);
        }
        return d.toNanos();
    }

    @Override
    public String toString() {
        return "DumpLimits[maxDepth=" + maxDepth + ", maxElements=" + maxElements + ", maxFields=" + maxFields
                + ", maxStringLength=" + maxStringLength + ", maxTotalLength=" + maxTotalLength + ", retries="
                + retries + ", callTimeout=" + callTimeout() + ", totalTimeout=" + totalTimeout() + "]";
    }
}
