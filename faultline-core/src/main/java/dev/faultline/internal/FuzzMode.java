package dev.faultline.internal;

import dev.faultline.Policy;

/**
 * Fuzzing mode: not a mechanism of its own but a preset of two existing ones, test mode and
 * {@code panic_on_warn}. A reported warning then panics, and the test-mode panic throws
 * {@link dev.faultline.PanicError} at the warning's call site, which is what a fuzzer such as
 * Jazzer records as a finding (it only sees throwables).
 *
 * <p>{@code faultline.fuzz_mode} takes {@code 1} (on for the whole process from start-up: the
 * setting for a fuzzer that does not run under JUnit), {@code auto} (the default: the JUnit
 * extension turns it on while a Jazzer {@code @FuzzTest} runs) or {@code 0} (never).
 */
public final class FuzzMode {
    /** The value of {@code faultline.fuzz_mode} at start-up. */
    public enum Setting { OFF, ON, AUTO }

    private static final Setting SETTING = read();

    private FuzzMode() {}

    private static Setting read() {
        switch (Settings.choice(Keys.FUZZ_MODE, "0", "1", "auto")) {
            case "0": return Setting.OFF;
            case "1": return Setting.ON;
            default: return Setting.AUTO;
        }
    }

    /** The start-up value of {@code faultline.fuzz_mode}. */
    public static Setting setting() {
        return SETTING;
    }

    /** Called once by {@link Core} when the policy is created; turns the preset on for {@code fuzz_mode=1}. */
    static void applyAtBoot(Policy policy) {
        if (SETTING == Setting.ON) {
            enable(policy, Keys.FUZZ_MODE.property() + "=1");
        }
    }

    /**
     * Turns on both halves of the preset; each change prints its usual line naming
     * {@code channel}. Returns whether {@code panic_on_warn} was off before, so a caller that
     * turns fuzzing mode on for a while knows whether to turn it off again.
     */
    public static boolean enable(Policy policy, String channel) {
        boolean panicOnWarnWasOff = !policy.panicOnWarn();
        if (!policy.testMode()) {
            policy.setTestMode(true, channel);
        }
        if (panicOnWarnWasOff) {
            policy.setPanicOnWarn(true, channel);
        }
        return panicOnWarnWasOff;
    }
}
