package dev.faultline;

import dev.faultline.internal.config.ConfigKey;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.text.Escape;
import java.util.Locale;

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
 * <p>Obtain the process-wide instance with {@link Faultline#policy()}.
 */
public final class Policy {
    /** How reports are printed on the console. */
    public enum ConsoleFormat { TEXT, JSON, OFF }

    private volatile boolean panicOnWarn;
    private volatile int warnLimit;
    private volatile int oopsLimit;
    private volatile boolean panicOnOops;
    private volatile int panicTimeout;
    private volatile int panicExitCode;
    private volatile boolean testMode;
    private volatile ConsoleFormat console;
    private volatile boolean systemLogger;

    private final FuzzMode fuzzMode;

    /** The one process-wide policy, read from the boot configuration on first use. */
    private static final Policy PROCESS = new Policy();

    /** The process-wide instance; {@link Faultline#policy()} boots the runtime first. */
    static Policy process() {
        return PROCESS;
    }

    private Policy() {
        panicOnWarn = Settings.bool(Keys.PANIC_ON_WARN);
        warnLimit = Settings.integer(Keys.WARN_LIMIT, 0, Integer.MAX_VALUE);
        oopsLimit = Settings.integer(Keys.OOPS_LIMIT, 0, Integer.MAX_VALUE);
        panicOnOops = Settings.bool(Keys.PANIC_ON_OOPS);
        panicTimeout = Settings.integer(Keys.PANIC_TIMEOUT, Integer.MIN_VALUE, Integer.MAX_VALUE);
        panicExitCode = Settings.integer(Keys.PANIC_EXIT_CODE, 1, 255);
        testMode = Settings.bool(Keys.TEST_MODE);
        Core.testMode(testMode);
        console = ConsoleFormat.valueOf(Settings.choice(Keys.CONSOLE, "text", "json", "off").toUpperCase(Locale.ROOT));
        systemLogger = Settings.bool(Keys.SYSTEM_LOGGER);
        fuzzMode = readFuzzMode();
        if (fuzzMode == FuzzMode.ON) {
            enableFuzzing(Keys.FUZZ_MODE.property() + "=1");
        }
    }

    private static FuzzMode readFuzzMode() {
        switch (Settings.choice(Keys.FUZZ_MODE, "0", "1", "auto")) {
            case "0": return FuzzMode.OFF;
            case "1": return FuzzMode.ON;
            default: return FuzzMode.AUTO;
        }
    }

    /**
     * Fuzzing mode as configured at boot ({@code faultline.fuzz_mode}): {@code ON} for the whole
     * process, {@code AUTO} while a fuzz test runs under the JUnit extension, {@code OFF} never.
     */
    public enum FuzzMode { OFF, ON, AUTO }

    /** The boot setting of {@code faultline.fuzz_mode}; it does not change at run time. */
    public FuzzMode fuzzMode() {
        return fuzzMode;
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
        boolean panicOnWarnWasOff = !panicOnWarn;
        if (!testMode) {
            setTestMode(true, channel);
        }
        if (panicOnWarnWasOff) {
            setPanicOnWarn(true, channel);
        }
        return panicOnWarnWasOff;
    }

    /** True when every reported warning panics. Default false. */
    public boolean panicOnWarn() { return panicOnWarn; }

    /** Number of warnings after which the process panics; 0 = no limit. Default 0. */
    public int warnLimit() { return warnLimit; }

    /** Number of oopses after which the process panics; 0 = no limit. Default 10000. */
    public int oopsLimit() { return oopsLimit; }

    /** True when a thread dying of an uncaught exception (an oops) panics. Default false. */
    public boolean panicOnOops() { return panicOnOops; }

    /** Sets panic_on_oops. Turning it off taints the process {@code R}. */
    public Policy setPanicOnOops(boolean on) {
        return setPanicOnOops(on, "api");
    }

    /** {@link #setPanicOnOops(boolean)} naming the channel in the change line. */
    public Policy setPanicOnOops(boolean on, String channel) {
        boolean old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = panicOnOops;
            panicOnOops = on;
        }
        safetyChanged(Keys.PANIC_ON_OOPS, bit(old), bit(on), channel, old && !on);
        return this;
    }

    /** Seconds to wait after a panic before halting; 0 = park forever; negative = halt at once. Default -1. */
    public int panicTimeout() { return panicTimeout; }

    /** Exit status used when a panic halts the JVM. Default 70. */
    public int panicExitCode() { return panicExitCode; }

    /** True when a panic throws {@link PanicError} instead of halting. Default false. */
    public boolean testMode() { return testMode; }

    public ConsoleFormat console() { return console; }

    public boolean systemLogger() { return systemLogger; }

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
        ConsoleFormat old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = console;
            console = format;
        }
        changed(Keys.CONSOLE, old.name().toLowerCase(Locale.ROOT), format.name().toLowerCase(Locale.ROOT), channel);
        return this;
    }

    public Policy setSystemLogger(boolean on) {
        return setSystemLogger(on, "api");
    }

    /** {@link #setSystemLogger(boolean)} naming the channel in the change line. */
    public Policy setSystemLogger(boolean on, String channel) {
        boolean old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = systemLogger;
            systemLogger = on;
        }
        changed(Keys.SYSTEM_LOGGER, bit(old), bit(on), channel);
        return this;
    }

    /** {@link #setPanicOnWarn(boolean)} naming the channel (e.g. {@code jmx}) in the change line. */
    public Policy setPanicOnWarn(boolean on, String channel) {
        boolean old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = panicOnWarn;
            panicOnWarn = on;
        }
        safetyChanged(Keys.PANIC_ON_WARN, bit(old), bit(on), channel, old && !on);
        return this;
    }

    public Policy setWarnLimit(int limit, String channel) {
        requireRange(Keys.WARN_LIMIT, limit, 0, Integer.MAX_VALUE);
        int old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = warnLimit;
            warnLimit = limit;
        }
        safetyChanged(Keys.WARN_LIMIT, String.valueOf(old), String.valueOf(limit), channel, loosened(old, limit));
        return this;
    }

    public Policy setOopsLimit(int limit, String channel) {
        requireRange(Keys.OOPS_LIMIT, limit, 0, Integer.MAX_VALUE);
        int old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = oopsLimit;
            oopsLimit = limit;
        }
        safetyChanged(Keys.OOPS_LIMIT, String.valueOf(old), String.valueOf(limit), channel, loosened(old, limit));
        return this;
    }

    public Policy setPanicTimeout(int seconds, String channel) {
        int old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = panicTimeout;
            panicTimeout = seconds;
        }
        changed(Keys.PANIC_TIMEOUT, String.valueOf(old), String.valueOf(seconds), channel);
        return this;
    }

    public Policy setPanicExitCode(int code, String channel) {
        requireRange(Keys.PANIC_EXIT_CODE, code, 1, 255);
        int old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = panicExitCode;
            panicExitCode = code;
        }
        changed(Keys.PANIC_EXIT_CODE, String.valueOf(old), String.valueOf(code), channel);
        return this;
    }

    /**
     * Turns test mode on or off naming the channel. Turning it on relaxes the panic (it throws
     * {@link PanicError} instead of halting): it taints {@code R}. Every taint acquired while
     * test mode was off survives {@link Faultline#resetForTests()}; the {@code R} of turning it
     * on belongs to the test session and is cleared by the next reset.
     */
    public Policy setTestMode(boolean on, String channel) {
        boolean old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = testMode;
            testMode = on;
        }
        if (old == on) {
            return this;
        }
        String line = changeLine(Keys.TEST_MODE, bit(old), bit(on), channel);
        if (on) {
            // Relaxing (a panic no longer halts): taint R. Everything tainted before this point is
            // production history, which no reset clears; this R itself belongs to the test
            // session it starts (a test harness turns test mode on, then resets per test).
            Core.testMode(true);
            Core.configurationChanged(line, true);
        } else {
            Core.testMode(false);
            Core.configurationChanged(line, false);
        }
        return this;
    }

    /** A limit is loosened when it goes from a value to "no limit", or up. */
    private static boolean loosened(int old, int now) {
        return old != 0 && (now == 0 || now > old);
    }

    private static void requireRange(ConfigKey key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key.property() + ": " + value + " is out of range; expected "
                    + key.expected());
        }
    }

    /** A change to a safety setting: logged, and when it turned the setting down, taints {@code R}. */
    private void safetyChanged(ConfigKey key, String from, String to, String channel, boolean relaxing) {
        if (!from.equals(to)) { // a relaxing change always changes the value
            Core.configurationChanged(changeLine(key, from, to, channel), relaxing);
        }
    }

    private void changed(ConfigKey key, String from, String to, String channel) {
        if (!from.equals(to)) {
            Core.configurationChanged(changeLine(key, from, to, channel), false);
        }
    }

    private static String changeLine(ConfigKey key, String from, String to, String channel) {
        // The channel may name a request's address and principal: escaped like any user string.
        return "faultline: " + key.property() + " changed from " + from + " to " + to + " (via "
                + Escape.text(channel == null ? "api" : channel) + ")";
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }
}
