package dev.faultline;

import dev.faultline.internal.config.ConfigKey;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.jmx.Sysctl;
import dev.faultline.internal.text.Escape;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration from the application's own configuration system (a framework's properties, a
 * config file), as a third source below the system property {@code faultline.KEY} and the
 * environment variable {@code FAULTLINE_KEY}. Made for integrations that read configuration
 * before the application runs, such as the Spring Boot auto-configuration.
 *
 * <pre>{@code
 * StartupSettings.supply("warn_limit", "100", "application.yml", "spring");
 * }</pre>
 *
 * <p>Faultline starts on its first use (the first check that fires, {@link Faultline#policy()},
 * {@link Faultline#ring()}, ...) and reads every start-up key then. A value supplied before
 * that is read exactly like a system property: the same validation, and an invalid value gives
 * the same problem line naming the key, the value and (here) the source, and the default stays
 * in force. Supplying never starts Faultline and never throws.
 */
public final class StartupSettings {
    private StartupSettings() {}

    /** What became of a supplied value. */
    public enum Outcome {
        /** Faultline had not started: the value is read when it starts (and validated then). */
        KEPT,
        /** The system property or the environment variable sets this key; it wins and the value is not used. */
        OVERRIDDEN,
        /** Faultline had started: the run-time key was set through its setter, which printed the change line. */
        APPLIED,
        /** Faultline had started and the key already has this value. */
        UNCHANGED,
        /**
         * Not used, and one configuration problem line says why: an unknown key, no value, an
         * invalid value for a key set after the start, or a start-up-only key supplied after
         * the start with a value different from the one in force.
         */
        REFUSED
    }

    /**
     * Supplies {@code value} for the key {@code key} ({@code warn_limit} or
     * {@code faultline.warn_limit}), saying where it came from.
     *
     * <ul>
     *   <li>A system property or environment variable for the key wins: {@link Outcome#OVERRIDDEN}.</li>
     *   <li>Before Faultline starts: the value is kept and read at start like a system property
     *       would be: {@link Outcome#KEPT}. A later supply for the same key replaces it.</li>
     *   <li>After the start, a run-time key (see {@code FaultlineMBean#getSysctl()}) is set
     *       through the same path as JMX's {@code setSysctl}, its change line naming
     *       {@code channel}, relaxing ones tainting {@code R}: {@link Outcome#APPLIED} or
     *       {@link Outcome#UNCHANGED}; a value it does not take gives one problem line naming
     *       the key, value and source, and nothing changes: {@link Outcome#REFUSED}.</li>
     *   <li>After the start, a start-up-only key: {@link Outcome#UNCHANGED} when the value is the
     *       one supplied before the start, otherwise one problem line with the reason and
     *       {@link Outcome#REFUSED}.</li>
     *   <li>An unknown key or a null value: one problem line naming it, {@link Outcome#REFUSED}.</li>
     * </ul>
     *
     * @param source  where the value came from, for problem lines (e.g. {@code Spring property
     *                faultline.warn-limit from application.yml}); null reads as {@code application}
     * @param channel the channel named by change lines after the start (e.g. {@code spring}); null
     *                reads as {@code application}
     * @return what became of the value; never throws
     */
    public static Outcome supply(String key, String value, String source, String channel) {
        try {
            Keys.load();
            String from = source == null || source.isBlank() ? "application" : source;
            String via = channel == null || channel.isBlank() ? "application" : channel;
            ConfigKey k = Settings.key(key);
            if (k == null) {
                Settings.unknown("faultline." + stripPrefix(key), from);
                return Outcome.REFUSED;
            }
            if (value == null) {
                Settings.problem("no value for " + k.property() + " (from " + Escape.cut(from) + "); it is ignored");
                return Outcome.REFUSED;
            }
            if (Settings.rawOutside(k) != null) {
                return Outcome.OVERRIDDEN;
            }
            if (!Settings.booted()) {
                Settings.supply(k, value, from);
                return Outcome.KEPT;
            }
            return afterStart(k, value, from, via);
        } catch (Throwable e) {
            Settings.problem("could not take " + Escape.cut(key) + " (from " + Escape.cut(source) + "): " + e);
            return Outcome.REFUSED;
        }
    }

    private static Outcome afterStart(ConfigKey k, String value, String from, String via) {
        if (Sysctl.isRuntime(k.property())) {
            try {
                String line = Sysctl.set(k.property(), value, via);
                return line.endsWith("(unchanged)") ? Outcome.UNCHANGED : Outcome.APPLIED;
            } catch (IllegalArgumentException e) {
                Settings.problem(e.getMessage() + " (from " + Escape.cut(from) + "); nothing changed");
                return Outcome.REFUSED;
            }
        }
        Settings.Raw before = Settings.supplied(k);
        if (before != null && before.value.equals(value)) {
            return Outcome.UNCHANGED;
        }
        Settings.problem(k.property() + " = " + Escape.quoted(value) + " (from " + Escape.cut(from) + ") came after Faultline had"
                + " started and is read at start-up only (" + Sysctl.bootOnlyReason(k.property()) + "); it is not"
                + " applied: supply it before Faultline's first use, or set -D" + k.property() + " or " + k.envVar());
        return Outcome.REFUSED;
    }

    /** True once Faultline has started (its start-up keys have been read). Does not start it. */
    public static boolean started() {
        return Settings.booted();
    }

    /**
     * Every configuration key, sorted by name ({@code app}, {@code archive_keep}, ...), without the
     * {@code faultline.} prefix: what {@link #supply} accepts. Does not start Faultline.
     */
    public static List<String> keys() {
        Keys.load();
        List<String> out = new ArrayList<>();
        for (ConfigKey k : Settings.keys()) {
            out.add(k.name());
        }
        return out;
    }

    private static String stripPrefix(String key) {
        String n = key == null ? "null" : key.strip();
        return n.startsWith("faultline.") ? n.substring("faultline.".length()) : n;
    }
}
