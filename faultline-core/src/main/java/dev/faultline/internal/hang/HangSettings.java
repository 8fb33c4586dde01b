package dev.faultline.internal.hang;

import dev.faultline.internal.config.ConfigKey;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.text.Escape;

/**
 * The hang detectors' keys as the checker reads them: read once at start-up from the boot
 * configuration (an invalid value is reported with its key, value and source, and the default
 * kept), and changed at run time by name through {@link #set} (sysctl, JMX, the actuator), each
 * change printing one line that names the channel and waking the checker so that it takes
 * effect at once. Turning a {@code *_panic} key from 1 to 0 relaxes a safety setting and taints
 * the process {@code R}, as {@code panic_on_warn} does.
 *
 * <p>Every value is one volatile field: the checker reads them on each wake-up and needs no
 * consistent set of them.
 */
public final class HangSettings {
    private static volatile long deadlockCheckNanos;
    private static volatile boolean deadlockPanic;
    private static volatile long hungTimeoutNanos;
    private static volatile long hungIntervalNanos;
    /** Kernel semantics: the HUNG reports left; counted down per report; -1 = no limit. */
    private static volatile int hungWarnings;
    private static volatile boolean hungPanic;
    private static volatile boolean softWatchdog;
    private static volatile boolean softlockupPanic;
    private static volatile long stallThresholdNanos;

    static {
        deadlockCheckNanos = bootDuration(Keys.DEADLOCK_CHECK);
        deadlockPanic = Settings.bool(Keys.DEADLOCK_PANIC);
        hungTimeoutNanos = bootDuration(Keys.HUNG_TASK_TIMEOUT);
        hungIntervalNanos = bootDuration(Keys.HUNG_TASK_CHECK_INTERVAL);
        hungWarnings = Settings.integer(Keys.HUNG_TASK_WARNINGS, -1, Integer.MAX_VALUE);
        hungPanic = Settings.bool(Keys.HUNG_TASK_PANIC);
        softWatchdog = Settings.bool(Keys.SOFT_WATCHDOG);
        softlockupPanic = Settings.bool(Keys.SOFTLOCKUP_PANIC);
        stallThresholdNanos = bootDuration(Keys.STALL_THRESHOLD);
    }

    private HangSettings() {}

    private static long bootDuration(ConfigKey key) {
        long def = HangDurations.parse(key.defaultValue());
        Settings.Raw raw = Settings.raw(key);
        if (raw == null) {
            return def;
        }
        long v = HangDurations.parse(raw.value);
        if (v < 0) {
            Settings.problem("invalid value " + Escape.quoted(raw.value) + " for " + key.property() + " (from " + raw.source
                    + "): expected " + key.expected() + ", at least 100ms and at most a day; keeping the default "
                    + key.defaultValue());
            return def;
        }
        return v;
    }

    /** Forces the boot values to be read (and their problems printed) now. */
    static void load() {
        // Class initialisation does the work.
    }

    static long deadlockCheckNanos() { return deadlockCheckNanos; }

    static boolean deadlockPanic() { return deadlockPanic; }

    static long hungTimeoutNanos() { return hungTimeoutNanos; }

    /** The hung-task scan period: {@code hung_task_check_interval}, or the timeout when that is 0. */
    static long hungIntervalNanos() {
        long interval = hungIntervalNanos;
        return interval == 0 ? hungTimeoutNanos : interval;
    }

    static boolean hungPanic() { return hungPanic; }

    static boolean softWatchdog() { return softWatchdog; }

    static boolean softlockupPanic() { return softlockupPanic; }

    static long stallThresholdNanos() { return stallThresholdNanos; }

    /**
     * Takes one HUNG report from the budget: true when one was left (or there is no limit), and
     * then the budget is one less. Only the checker thread calls it.
     */
    static synchronized boolean takeHungWarning() {
        int left = hungWarnings;
        if (left < 0) {
            return true;
        }
        if (left == 0) {
            return false;
        }
        hungWarnings = left - 1;
        return true;
    }

    /** The current value of hang key {@code key}, as {@code sysctl} shows it. */
    public static String get(ConfigKey key) {
        if (key == Keys.DEADLOCK_CHECK) {
            return HangDurations.show(deadlockCheckNanos);
        } else if (key == Keys.DEADLOCK_PANIC) {
            return bit(deadlockPanic);
        } else if (key == Keys.HUNG_TASK_TIMEOUT) {
            return HangDurations.show(hungTimeoutNanos);
        } else if (key == Keys.HUNG_TASK_CHECK_INTERVAL) {
            return HangDurations.show(hungIntervalNanos);
        } else if (key == Keys.HUNG_TASK_WARNINGS) {
            return Integer.toString(hungWarnings);
        } else if (key == Keys.HUNG_TASK_PANIC) {
            return bit(hungPanic);
        } else if (key == Keys.SOFT_WATCHDOG) {
            return bit(softWatchdog);
        } else if (key == Keys.SOFTLOCKUP_PANIC) {
            return bit(softlockupPanic);
        } else if (key == Keys.STALL_THRESHOLD) {
            return HangDurations.show(stallThresholdNanos);
        }
        throw new IllegalArgumentException(key.property() + " is not a hang key");
    }

    /**
     * Sets hang key {@code key} to {@code value} (the {@code faultline.*} syntax) naming
     * {@code channel} in the change line; wakes the checker (starting it if this turns a detector
     * on).
     *
     * @throws IllegalArgumentException naming the key and value when the value is not one the
     *         key takes; nothing changes then
     */
    public static void set(ConfigKey key, String value, String channel) {
        String from;
        String to;
        boolean relaxes = false;
        synchronized (HangSettings.class) { // one swap per change: a racing setter cannot hide one
            from = get(key);
            if (key == Keys.DEADLOCK_CHECK) {
                deadlockCheckNanos = duration(key, value);
            } else if (key == Keys.DEADLOCK_PANIC) {
                boolean on = bool(key, value);
                relaxes = deadlockPanic && !on;
                deadlockPanic = on;
            } else if (key == Keys.HUNG_TASK_TIMEOUT) {
                hungTimeoutNanos = duration(key, value);
            } else if (key == Keys.HUNG_TASK_CHECK_INTERVAL) {
                hungIntervalNanos = duration(key, value);
            } else if (key == Keys.HUNG_TASK_WARNINGS) {
                hungWarnings = integer(key, value, -1);
            } else if (key == Keys.HUNG_TASK_PANIC) {
                boolean on = bool(key, value);
                relaxes = hungPanic && !on;
                hungPanic = on;
            } else if (key == Keys.SOFT_WATCHDOG) {
                softWatchdog = bool(key, value);
            } else if (key == Keys.SOFTLOCKUP_PANIC) {
                boolean on = bool(key, value);
                relaxes = softlockupPanic && !on;
                softlockupPanic = on;
            } else if (key == Keys.STALL_THRESHOLD) {
                stallThresholdNanos = duration(key, value);
            } else {
                throw new IllegalArgumentException(key.property() + " is not a hang key");
            }
            to = get(key);
        }
        if (!from.equals(to)) {
            Core.configurationChanged("faultline: " + key.property() + " changed from " + from + " to " + to
                    + " (via " + channel + ")", relaxes);
        }
        HangChecker.wake();
    }

    private static long duration(ConfigKey key, String value) {
        long v = HangDurations.parse(value);
        if (v < 0) {
            throw invalid(key, value, ", at least 100ms and at most a day");
        }
        return v;
    }

    private static boolean bool(ConfigKey key, String value) {
        Boolean b = Settings.parseBoolOrNull(value);
        if (b == null) {
            throw invalid(key, value, "");
        }
        return b;
    }

    private static int integer(ConfigKey key, String value, int min) {
        try {
            int v = Integer.parseInt(value.strip());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid(key, value, "");
    }

    private static IllegalArgumentException invalid(ConfigKey key, String value, String more) {
        return new IllegalArgumentException("invalid value " + Escape.quoted(value) + " for " + key.property() + ": expected "
                + key.expected() + more);
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }
}
