package dev.faultline;

import dev.faultline.internal.runtime.RunPolicy;
import dev.faultline.report.Taint;

/**
 * The operator's decisions, after the kernel's sysctls: whether a warning panics, how many
 * warnings or oopses are tolerated, and what a panic does to the process.
 *
 * <p>Values are read once at start-up from system properties {@code faultline.NAME} and
 * environment variables {@code FAULTLINE_NAME}; an invalid value is reported on stderr with
 * its key, value and source, and the default is kept. At run time the typed setters change a
 * value; each change prints one line saying what changed, from what to what, and through which
 * channel. Turning a safety setting down (panic_on_warn or panic_on_oops off, a limit raised or
 * removed, test mode on: a panic then throws instead of halting) taints the process with
 * {@link Taint#RELAXED}, sticky for the life of the process. Each setter swaps its value
 * atomically with respect to the other setters, so a relaxing change is always seen as one
 * and tainted, however setters race.
 *
 * <p>Obtain the process-wide instance with {@link Faultline#policy()}. It is a view of the
 * runtime's one policy: every instance reads and changes the same values.
 */
public final class Policy {
    /** How reports are printed on the console. */
    public enum ConsoleFormat { TEXT, JSON, OFF }

    /**
     * Fuzzing mode as configured at boot ({@code faultline.fuzz_mode}): {@code ON} for the whole
     * process, {@code AUTO} while a fuzz test runs under the JUnit extension, {@code OFF} never.
     */
    public enum FuzzMode { OFF, ON, AUTO }

    private static final Policy PROCESS = new Policy();

    private final RunPolicy p = RunPolicy.process();

    /** The process-wide instance; {@link Faultline#policy()} boots the runtime first. */
    static Policy process() {
        return PROCESS;
    }

    private Policy() {}

    /** The boot setting of {@code faultline.fuzz_mode}; it does not change at run time. */
    public FuzzMode fuzzMode() {
        return FuzzMode.valueOf(p.fuzzMode().name());
    }

    /**
     * Turns fuzzing on: {@code test_mode} and {@code panic_on_warn}, so that a warning throws
     * {@link PanicError} at its call site, where a fuzzer sees it as a finding. Each value that
     * changes prints its change line naming {@code channel}.
     *
     * @return true when {@code panic_on_warn} was off before (so the caller may turn it off
     *         again when its fuzz run ends)
     */
    public boolean enableFuzzing(String channel) {
        return p.enableFuzzing(channel);
    }

    /** True when every reported warning panics. Default false. */
    public boolean panicOnWarn() { return p.panicOnWarn(); }

    /** Number of warnings after which the process panics; 0 = no limit. Default 0. */
    public int warnLimit() { return p.warnLimit(); }

    /** Number of oopses after which the process panics; 0 = no limit. Default 10000. */
    public int oopsLimit() { return p.oopsLimit(); }

    /** True when a thread dying of an uncaught exception (an oops) panics. Default false. */
    public boolean panicOnOops() { return p.panicOnOops(); }

    /** Sets panic_on_oops. Turning it off taints the process {@code R}. */
    public Policy setPanicOnOops(boolean on) {
        return setPanicOnOops(on, "api");
    }

    /** {@link #setPanicOnOops(boolean)} naming the channel in the change line. */
    public Policy setPanicOnOops(boolean on, String channel) {
        p.setPanicOnOops(on, channel);
        return this;
    }

    /** Seconds to wait after a panic before halting; 0 = park forever; negative = halt at once. Default -1. */
    public int panicTimeout() { return p.panicTimeout(); }

    /** Exit status used when a panic halts the JVM. Default 70. */
    public int panicExitCode() { return p.panicExitCode(); }

    /** True when a panic throws {@link PanicError} instead of halting. Default false. */
    public boolean testMode() { return p.testMode(); }

    public ConsoleFormat console() { return ConsoleFormat.valueOf(p.console().name()); }

    public boolean systemLogger() { return p.systemLogger(); }

    /** Sets panic_on_warn. Turning it off taints the process {@code R}. */
    public Policy setPanicOnWarn(boolean on) {
        return setPanicOnWarn(on, "api");
    }

    /** Sets warn_limit (0 = no limit). Raising or removing it taints {@code R}. */
    public Policy setWarnLimit(int limit) {
        return setWarnLimit(limit, "api");
    }

    /** Sets oops_limit (0 = no limit). Raising or removing it taints {@code R}. */
    public Policy setOopsLimit(int limit) {
        return setOopsLimit(limit, "api");
    }

    /** Sets panic_timeout in seconds (kernel semantics, see {@link #panicTimeout()}). */
    public Policy setPanicTimeout(int seconds) {
        return setPanicTimeout(seconds, "api");
    }

    /** Sets the exit status used by a panic; 1 to 255. */
    public Policy setPanicExitCode(int code) {
        return setPanicExitCode(code, "api");
    }

    /**
     * Turns test mode on or off (a panic throws {@link PanicError} instead of halting). Turning
     * it on taints the process {@code R} (see {@link #setTestMode(boolean, String)}).
     */
    public Policy setTestMode(boolean on) {
        return setTestMode(on, "api");
    }

    public Policy setConsole(ConsoleFormat format) {
        return setConsole(format, "api");
    }

    /** {@link #setConsole(ConsoleFormat)} naming the channel in the change line. */
    public Policy setConsole(ConsoleFormat format, String channel) {
        if (format == null) {
            throw new IllegalArgumentException("faultline.console: format must not be null");
        }
        p.setConsole(RunPolicy.Console.valueOf(format.name()), channel);
        return this;
    }

    public Policy setSystemLogger(boolean on) {
        return setSystemLogger(on, "api");
    }

    /** {@link #setSystemLogger(boolean)} naming the channel in the change line. */
    public Policy setSystemLogger(boolean on, String channel) {
        p.setSystemLogger(on, channel);
        return this;
    }

    /** {@link #setPanicOnWarn(boolean)} naming the channel (e.g. {@code jmx}) in the change line. */
    public Policy setPanicOnWarn(boolean on, String channel) {
        p.setPanicOnWarn(on, channel);
        return this;
    }

    public Policy setWarnLimit(int limit, String channel) {
        p.setWarnLimit(limit, channel);
        return this;
    }

    public Policy setOopsLimit(int limit, String channel) {
        p.setOopsLimit(limit, channel);
        return this;
    }

    public Policy setPanicTimeout(int seconds, String channel) {
        p.setPanicTimeout(seconds, channel);
        return this;
    }

    public Policy setPanicExitCode(int code, String channel) {
        p.setPanicExitCode(code, channel);
        return this;
    }

    /**
     * Turns test mode on or off naming the channel. Turning it on relaxes the panic (it throws
     * {@link PanicError} instead of halting): it taints {@code R}. Every taint acquired while
     * test mode was off survives {@link Faultline#resetForTests()}; the {@code R} of turning it
     * on belongs to the test session and is cleared by the next reset.
     */
    public Policy setTestMode(boolean on, String channel) {
        p.setTestMode(on, channel);
        return this;
    }
}
