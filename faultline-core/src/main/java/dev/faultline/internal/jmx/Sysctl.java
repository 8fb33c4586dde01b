package dev.faultline.internal.jmx;

import dev.faultline.internal.config.ConfigKey;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.domain.DomainTable;
import dev.faultline.internal.hang.HangSettings;
import dev.faultline.internal.runtime.RunPolicy;
import dev.faultline.internal.text.Escape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The kernel-sysctl view of the {@code faultline.*} keys for JMX: every key that can change in a
 * running process, read and set by name through the key tables of their owners (the policy's
 * {@link RunPolicy#set}, {@link HangSettings#set}, the debug-domain table), so each change prints
 * its change line and relaxing one taints {@code R}; and for every other key the reason it is
 * read at start-up only.
 */
public final class Sysctl {
    private static final class Entry {
        final ConfigKey key;
        final Supplier<String> get;
        final BiConsumer<String, String> set;

        Entry(ConfigKey key, Supplier<String> get, BiConsumer<String, String> set) {
            this.key = key;
            this.get = get;
            this.set = set;
        }
    }

    private static final Map<String, Entry> RUNTIME = new LinkedHashMap<>();
    private static final Map<String, String> BOOT_ONLY = new LinkedHashMap<>();

    static {
        // The policy's keys are set by name through its own key table (typed setters behind it).
        for (ConfigKey k : RunPolicy.keys()) {
            runtime(k, () -> RunPolicy.process().get(k), (v, ch) -> RunPolicy.process().set(k, v, ch));
        }
        runtime(Keys.DEBUG, Sysctl::debugSpec, Sysctl::debug);
        for (ConfigKey k : new ConfigKey[] {Keys.DEADLOCK_CHECK, Keys.DEADLOCK_PANIC, Keys.HUNG_TASK_TIMEOUT,
                Keys.HUNG_TASK_CHECK_INTERVAL, Keys.HUNG_TASK_WARNINGS, Keys.HUNG_TASK_PANIC, Keys.SOFT_WATCHDOG,
                Keys.SOFTLOCKUP_PANIC, Keys.STALL_THRESHOLD}) {
            runtime(k, () -> HangSettings.get(k), (v, ch) -> HangSettings.set(k, v, ch));
        }

        String panicPath = "the panic path is prepared at start (dumpers resolved, directories checked, memory"
                + " reserved) so that it opens and allocates nothing new when everything else is broken";
        String ring = "the crash ring is created, mapped and its directory recovered at start; a run has one ring";
        bootOnly(Keys.APP, "the application's name is in the ring header and names the crash directory");
        bootOnly(Keys.DIR, ring);
        bootOnly(Keys.RING, ring);
        bootOnly(Keys.RING_SIZE, ring);
        bootOnly(Keys.RING_FORCE_MS, ring);
        bootOnly(Keys.ARCHIVE_KEEP, "recovery and archiving run once, at start");
        bootOnly(Keys.HEARTBEAT, "read at start, with the crash ring it beats into");
        bootOnly(Keys.JMX, "the MBean is registered at start; without it there is no JMX to change it through");
        bootOnly(Keys.CONTROL, "the control socket is opened at start; without it there is nothing to change it through");
        bootOnly(Keys.FUZZ_MODE, "fuzzing is a mode of the whole run (panic_on_warn and test_mode can be set)");
        bootOnly(Keys.RATELIMIT_BURST, "each site's limiter is built from it when the site is declared");
        bootOnly(Keys.RATELIMIT_INTERVAL_MS, "each site's limiter is built from it when the site is declared");
        bootOnly(Keys.REDACT, "what dumps hide is fixed for the run, so no operator can reveal secrets in later dumps");
        bootOnly(Keys.OOPS_HANDLER, "the uncaught-exception handler is installed at start, chaining the one it replaces");
        bootOnly(Keys.PANIC_ON_OOM, "it installs the oops handler at start");
        bootOnly(Keys.HOST_ID, "read once, so that every sampled debug spec of the run draws on the same host identity");
        bootOnly(Keys.BOOTLOOP_GUARD, "it judges the runs before this one, once, at start");
        bootOnly(Keys.PANIC_DUMPS, panicPath);
        bootOnly(Keys.PANIC_DUMP_ORDER, panicPath);
        bootOnly(Keys.PANIC_DUMP_DIR, panicPath);
        bootOnly(Keys.PANIC_SHUTDOWN_HOOKS_MS, panicPath);
    }

    private Sysctl() {}

    private static void runtime(ConfigKey key, Supplier<String> get, BiConsumer<String, String> set) {
        RUNTIME.put(key.property(), new Entry(key, get, set));
    }

    private static void bootOnly(ConfigKey key, String why) {
        BOOT_ONLY.put(key.property(), why);
    }

    /** {@code faultline.KEY = VALUE} for every run-time key, in a fixed order. */
    static List<String> all() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : RUNTIME.entrySet()) {
            out.add(e.getKey() + " = " + e.getValue().get.get());
        }
        return out;
    }

    /** True when {@code property} ({@code faultline.KEY}) can be set in a running process. */
    public static boolean isRuntime(String property) {
        return RUNTIME.containsKey(property);
    }

    /** Why {@code property} ({@code faultline.KEY}) is read at start-up only, or null when it is not. */
    public static String bootOnlyReason(String property) {
        return BOOT_ONLY.get(property);
    }

    /** True when every declared key is either settable at run time or listed with its reason (a test keeps it so). */
    static boolean covers(String property) {
        return RUNTIME.containsKey(property) || BOOT_ONLY.containsKey(property);
    }

    /** {@code faultline.KEY: why} for every key read at start-up only. */
    static List<String> bootOnly() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : BOOT_ONLY.entrySet()) {
            out.add(e.getKey() + ": " + e.getValue());
        }
        return out;
    }

    /** The current value of run-time key {@code name} ({@code faultline.KEY} or {@code KEY}). */
    static String get(String name) {
        return entry(name).get.get();
    }

    /**
     * Sets run-time key {@code name} to {@code value} through the policy (its change line is
     * printed by the target, naming {@code channel}); returns that change line, or
     * {@code faultline.KEY = VALUE (unchanged)}.
     *
     * @throws IllegalArgumentException naming the key and value: unknown key, boot-only key
     *         (with the reason), or a value the key does not accept; nothing is changed then
     */
    public static String set(String name, String value, String channel) {
        Entry e = entry(name);
        if (value == null) {
            throw new IllegalArgumentException(e.key.property() + ": no value given; expected " + e.key.expected());
        }
        String before = e.get.get();
        e.set.accept(value.strip(), channel);
        String after = e.get.get();
        if (before.equals(after)) {
            return e.key.property() + " = " + after + " (unchanged)";
        }
        // The same words as the line the policy printed in the target.
        return RunPolicy.changeLine(e.key, before, after, channel);
    }

    private static Entry entry(String name) {
        String property = name == null ? "" : name.strip();
        if (!property.startsWith("faultline.")) {
            property = "faultline." + property;
        }
        Entry e = RUNTIME.get(property);
        if (e != null) {
            return e;
        }
        String why = BOOT_ONLY.get(property);
        if (why != null) {
            throw new IllegalArgumentException(property + " is read at start-up only (" + why + "); set -D"
                    + property + "=VALUE or " + envOf(property) + " and restart");
        }
        throw new IllegalArgumentException("unknown key " + Escape.quoted(name) + "; run-time keys: "
                + String.join(", ", RUNTIME.keySet()));
    }

    private static String envOf(String property) {
        for (ConfigKey k : Settings.keys()) {
            if (k.property().equals(property)) {
                return k.envVar();
            }
        }
        return property;
    }

    /**
     * The debug settings as a spec ({@link DomainTable#spec()}): the names set and how, fleet
     * samples with their {@code @N%}, and no name that only inherits, so that setting the key to
     * what it reads changes nothing.
     */
    private static String debugSpec() {
        return DomainTable.spec();
    }

    private static void debug(String spec, String channel) {
        List<String> problems = DomainTable.apply(spec, channel == null ? "api" : channel);
        if (!problems.isEmpty()) {
            // The well-formed entries applied; the caller hears about the rest.
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
