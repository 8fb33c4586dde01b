package dev.faultline.internal.runtime;

import dev.faultline.internal.config.ConfigKey;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.text.Escape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operator's decisions as the implementation reads them: panic_on_warn, the limits, the
 * panic's exit action, test mode, the console and the system logger. The public
 * {@code dev.faultline.Policy} is a facade over this one process-wide holder; implementation
 * (escalation, panic, the printer, JMX, the control socket) reads it here and never through the
 * facade, which boots the runtime on every call.
 *
 * <p>Values are read once from the boot configuration when this class initialises (Boot makes
 * that happen in its stated order, step 2). Each setter swaps its value atomically with respect
 * to the other setters and prints one change line naming the channel; turning a safety setting
 * down taints {@code R} (see {@link Core#configurationChanged}). Setting a key by its name goes
 * through the one key table here ({@link #keys()}, {@link #get(ConfigKey)},
 * {@link #set(ConfigKey, String, String)}).
 */
public final class RunPolicy {
    /** How reports are printed on the console. */
    public enum Console { TEXT, JSON, OFF }

    /** Fuzzing mode as configured at boot ({@code faultline.fuzz_mode}). */
    public enum Fuzz { OFF, ON, AUTO }

    private interface Key extends Getter, Setter {}

    private static final Map<ConfigKey, Key> KEYS = new LinkedHashMap<>();

    private volatile boolean panicOnWarn;
    private volatile int warnLimit;
    private volatile int oopsLimit;
    private volatile boolean panicOnOops;
    private volatile int panicTimeout;
    private volatile int panicExitCode;
    private volatile boolean testMode;
    private volatile Console console;
    private volatile boolean systemLogger;
    private final Fuzz fuzzMode;

    static {
        key(Keys.PANIC_ON_WARN, p -> bit(p.panicOnWarn), (p, v, ch) -> p.setPanicOnWarn(bool(Keys.PANIC_ON_WARN, v), ch));
        key(Keys.WARN_LIMIT, p -> String.valueOf(p.warnLimit), (p, v, ch) -> p.setWarnLimit(integer(Keys.WARN_LIMIT, v), ch));
        key(Keys.OOPS_LIMIT, p -> String.valueOf(p.oopsLimit), (p, v, ch) -> p.setOopsLimit(integer(Keys.OOPS_LIMIT, v), ch));
        key(Keys.PANIC_ON_OOPS, p -> bit(p.panicOnOops), (p, v, ch) -> p.setPanicOnOops(bool(Keys.PANIC_ON_OOPS, v), ch));
        key(Keys.PANIC_TIMEOUT, p -> String.valueOf(p.panicTimeout),
                (p, v, ch) -> p.setPanicTimeout(integer(Keys.PANIC_TIMEOUT, v), ch));
        key(Keys.PANIC_EXIT_CODE, p -> String.valueOf(p.panicExitCode),
                (p, v, ch) -> p.setPanicExitCode(integer(Keys.PANIC_EXIT_CODE, v), ch));
        key(Keys.TEST_MODE, p -> bit(p.testMode), (p, v, ch) -> p.setTestMode(bool(Keys.TEST_MODE, v), ch));
        key(Keys.CONSOLE, p -> p.console.name().toLowerCase(Locale.ROOT), (p, v, ch) -> p.setConsole(console(v), ch));
        key(Keys.SYSTEM_LOGGER, p -> bit(p.systemLogger),
                (p, v, ch) -> p.setSystemLogger(bool(Keys.SYSTEM_LOGGER, v), ch));
    }

    /** The one process-wide policy, read from the boot configuration when this class initialises. */
    private static final RunPolicy PROCESS = new RunPolicy();

    private interface Getter {
        String get(RunPolicy p);
    }

    private interface Setter {
        void set(RunPolicy p, String value, String channel);
    }

    private static void key(ConfigKey key, Getter get, Setter set) {
        KEYS.put(key, new Key() {
            @Override
            public String get(RunPolicy p) {
                return get.get(p);
            }

            @Override
            public void set(RunPolicy p, String value, String channel) {
                set.set(p, value, channel);
            }
        });
    }

    /** The process-wide policy. Does not boot anything: implementation runs inside a booted runtime. */
    public static RunPolicy process() {
        return PROCESS;
    }

    private RunPolicy() {
        panicOnWarn = Settings.bool(Keys.PANIC_ON_WARN);
        warnLimit = Settings.integer(Keys.WARN_LIMIT, 0, Integer.MAX_VALUE);
        oopsLimit = Settings.integer(Keys.OOPS_LIMIT, 0, Integer.MAX_VALUE);
        panicOnOops = Settings.bool(Keys.PANIC_ON_OOPS);
        panicTimeout = Settings.integer(Keys.PANIC_TIMEOUT, Integer.MIN_VALUE, Integer.MAX_VALUE);
        panicExitCode = Settings.integer(Keys.PANIC_EXIT_CODE, 1, 255);
        testMode = Settings.bool(Keys.TEST_MODE);
        Taints.testMode(testMode);
        console = Console.valueOf(Settings.choice(Keys.CONSOLE, "text", "json", "off").toUpperCase(Locale.ROOT));
        systemLogger = Settings.bool(Keys.SYSTEM_LOGGER);
        fuzzMode = readFuzzMode();
        if (fuzzMode == Fuzz.ON) {
            enableFuzzing(Keys.FUZZ_MODE.property() + "=1");
        }
    }

    private static Fuzz readFuzzMode() {
        switch (Settings.choice(Keys.FUZZ_MODE, "0", "1", "auto")) {
            case "0": return Fuzz.OFF;
            case "1": return Fuzz.ON;
            default: return Fuzz.AUTO;
        }
    }

    // ---- the key table -----------------------------------------------------------------

    /** The keys of this policy that can be set by name in a running process, in a fixed order. */
    public static List<ConfigKey> keys() {
        return Collections.unmodifiableList(new ArrayList<>(KEYS.keySet()));
    }

    /** The current value of {@code key} as its configuration text ({@code 1}, {@code 10}, {@code json}). */
    public String get(ConfigKey key) {
        return entry(key).get(this);
    }

    /**
     * Sets {@code key} from its configuration text through its typed setter (so the change line
     * is printed naming {@code channel}, and a relaxing change taints {@code R}).
     *
     * @throws IllegalArgumentException naming the key and value when the value is not one the
     *         key accepts; nothing is changed then
     */
    public void set(ConfigKey key, String value, String channel) {
        entry(key).set(this, value.strip(), channel);
    }

    private static Key entry(ConfigKey key) {
        Key k = KEYS.get(key);
        if (k == null) {
            throw new IllegalArgumentException(key.property() + " is not a policy key");
        }
        return k;
    }

    // ---- reading -----------------------------------------------------------------------

    public Fuzz fuzzMode() { return fuzzMode; }

    public boolean panicOnWarn() { return panicOnWarn; }

    public int warnLimit() { return warnLimit; }

    public int oopsLimit() { return oopsLimit; }

    public boolean panicOnOops() { return panicOnOops; }

    public int panicTimeout() { return panicTimeout; }

    public int panicExitCode() { return panicExitCode; }

    public boolean testMode() { return testMode; }

    public Console console() { return console; }

    public boolean systemLogger() { return systemLogger; }

    // ---- changing ----------------------------------------------------------------------

    /**
     * Turns fuzzing on: test mode and panic_on_warn; each value that changes prints its change
     * line naming {@code channel}. Returns true when panic_on_warn was off before.
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

    public void setPanicOnOops(boolean on, String channel) {
        boolean old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = panicOnOops;
            panicOnOops = on;
        }
        safetyChanged(Keys.PANIC_ON_OOPS, bit(old), bit(on), channel, old && !on);
    }

    public void setConsole(Console format, String channel) {
        if (format == null) {
            throw new IllegalArgumentException("faultline.console: format must not be null");
        }
        Console old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = console;
            console = format;
        }
        changed(Keys.CONSOLE, old.name().toLowerCase(Locale.ROOT), format.name().toLowerCase(Locale.ROOT), channel);
    }

    public void setSystemLogger(boolean on, String channel) {
        boolean old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = systemLogger;
            systemLogger = on;
        }
        changed(Keys.SYSTEM_LOGGER, bit(old), bit(on), channel);
    }

    public void setPanicOnWarn(boolean on, String channel) {
        boolean old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = panicOnWarn;
            panicOnWarn = on;
        }
        safetyChanged(Keys.PANIC_ON_WARN, bit(old), bit(on), channel, old && !on);
    }

    public void setWarnLimit(int limit, String channel) {
        requireRange(Keys.WARN_LIMIT, limit, 0, Integer.MAX_VALUE);
        int old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = warnLimit;
            warnLimit = limit;
        }
        safetyChanged(Keys.WARN_LIMIT, String.valueOf(old), String.valueOf(limit), channel, loosened(old, limit));
    }

    public void setOopsLimit(int limit, String channel) {
        requireRange(Keys.OOPS_LIMIT, limit, 0, Integer.MAX_VALUE);
        int old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = oopsLimit;
            oopsLimit = limit;
        }
        safetyChanged(Keys.OOPS_LIMIT, String.valueOf(old), String.valueOf(limit), channel, loosened(old, limit));
    }

    public void setPanicTimeout(int seconds, String channel) {
        int old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = panicTimeout;
            panicTimeout = seconds;
        }
        changed(Keys.PANIC_TIMEOUT, String.valueOf(old), String.valueOf(seconds), channel);
    }

    public void setPanicExitCode(int code, String channel) {
        requireRange(Keys.PANIC_EXIT_CODE, code, 1, 255);
        int old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = panicExitCode;
            panicExitCode = code;
        }
        changed(Keys.PANIC_EXIT_CODE, String.valueOf(old), String.valueOf(code), channel);
    }

    /**
     * Turns test mode on or off naming the channel. Turning it on relaxes the panic (it throws
     * instead of halting): it taints {@code R}, which belongs to the test session it starts.
     */
    public void setTestMode(boolean on, String channel) {
        boolean old;
        synchronized (this) { // one swap: a racing setter cannot hide this change
            old = testMode;
            testMode = on;
        }
        if (old == on) {
            return;
        }
        String line = changeLine(Keys.TEST_MODE, bit(old), bit(on), channel);
        // Relaxing (a panic no longer halts): taint R. Everything tainted before this point is
        // production history, which no reset clears; this R itself belongs to the test
        // session it starts (a test harness turns test mode on, then resets per test).
        Taints.testMode(on);
        Core.configurationChanged(line, on);
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
    private static void safetyChanged(ConfigKey key, String from, String to, String channel, boolean relaxing) {
        if (!from.equals(to)) { // a relaxing change always changes the value
            Core.configurationChanged(changeLine(key, from, to, channel), relaxing);
        }
    }

    private static void changed(ConfigKey key, String from, String to, String channel) {
        if (!from.equals(to)) {
            Core.configurationChanged(changeLine(key, from, to, channel), false);
        }
    }

    /** The change line every setter prints: {@code faultline: KEY changed from A to B (via CHANNEL)}. */
    public static String changeLine(ConfigKey key, String from, String to, String channel) {
        // The channel may name a request's address and principal: escaped like any user string.
        return "faultline: " + key.property() + " changed from " + from + " to " + to + " (via "
                + Escape.text(channel == null ? "api" : channel) + ")";
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    private static boolean bool(ConfigKey key, String v) {
        Boolean b = Settings.parseBoolOrNull(v);
        if (b == null) {
            throw invalid(key, v);
        }
        return b;
    }

    private static int integer(ConfigKey key, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw invalid(key, v);
        }
    }

    private static Console console(String v) {
        try {
            return Console.valueOf(v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(Keys.CONSOLE, v);
        }
    }

    private static IllegalArgumentException invalid(ConfigKey key, String v) {
        return new IllegalArgumentException("invalid value " + Escape.quoted(v) + " for " + key.property() + ": expected "
                + key.expected());
    }
}
