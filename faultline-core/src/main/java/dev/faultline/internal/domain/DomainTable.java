package dev.faultline.internal.domain;

import dev.faultline.DebugMode;
import dev.faultline.report.Taint;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.ring.RingFormat;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.text.Escape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every debug domain of the process: the registered ones, the modes set for names (registered
 * or not, and {@code *} for the default), and how a mode is inherited. Not API; the public face
 * is {@link dev.faultline.DebugDomains}.
 *
 * <p>A domain's effective mode is the one set for the nearest name on its path:
 * {@code net.tcp.v6}, then {@code net.tcp}, then {@code net}, then {@code *}, then
 * {@link DebugMode#OFF}. Settings are selective: setting one name changes the domains under
 * it that have no setting of their own, and nothing else.
 *
 * <p>Class initialisation reads {@code faultline.debug} and must not touch {@link Core}:
 * Core's own initialisation calls {@link #boot()}, and two classes that initialise each other
 * from two threads deadlock.
 */
public final class DomainTable {
    /** A change line names at most this many of the domains that follow the changed one. */
    static final int MAX_FOLLOWERS_NAMED = 8;
    /**
     * Most names ({@code *} included) that may have a setting of their own, and most fleet
     * samples remembered: a spec is operator input, and a runaway one (thousands of entries)
     * must neither grow these maps without end nor take seconds to apply. Past the bound an
     * entry is refused with an error naming it and the bound.
     */
    public static final int MAX_SETTINGS = 1024;
    private static final Object LOCK = new Object();
    private static final Map<String, DomainState> REGISTERED = new ConcurrentHashMap<>();
    /** Explicit settings by name ({@code *} included). Guarded by {@link #LOCK}. */
    private static final Map<String, Setting> SETTINGS = new HashMap<>();
    /** Fleet-sampled entries seen so far, by domain: the last one given for each. */
    private static final Map<String, Sample> SAMPLES = new HashMap<>();

    /**
     * A mode set for a name, the channel that set it (faultline.debug, jmx, api), and the fleet
     * sample of the spec entry that set it ({@link DebugSpec#EVERY_HOST} for a plain entry), so
     * that {@link #spec()} gives back {@code mm=panic@2%} and not a plain {@code mm=panic}.
     */
    private static final class Setting {
        final DebugMode mode;
        final String channel;
        final int sample;

        Setting(DebugMode mode, String channel, int sample) {
            this.mode = mode;
            this.channel = channel;
            this.sample = sample;
        }
    }

    /** A fleet-sampled spec entry and whether this host is in its sample. */
    private static final class Sample {
        final DebugSpec.Entry entry;
        final boolean in;

        Sample(DebugSpec.Entry entry, boolean in) {
            this.entry = entry;
            this.in = in;
        }

        String describe() {
            return "fleet sample " + entry + ": this host (" + Escape.text(FleetSample.hostId()) + ") is "
                    + (in ? "in" : "not in") + " the sample";
        }
    }

    static {
        try {
            applyBootSpec();
        } catch (Throwable e) {
            Settings.problem("could not apply " + Keys.DEBUG.property() + ": " + e + "; every debug domain stays off");
        }
    }

    private DomainTable() {}

    /** Makes sure the boot spec has been read (and its problems reported). Does nothing else. */
    public static void boot() {
        // Class initialisation does the work.
    }

    private static void applyBootSpec() {
        Settings.Raw raw = Settings.raw(Keys.DEBUG);
        if (raw == null) {
            return;
        }
        DebugSpec.Parsed parsed = DebugSpec.parse(raw.value);
        for (String problem : parsed.problems) {
            Settings.problem(Keys.DEBUG.property() + " (from " + raw.source + "): " + problem
                    + "; entry skipped, the other entries apply");
        }
        synchronized (LOCK) {
            for (DebugSpec.Entry e : parsed.entries) {
                if (e.sampled() && !sampleIn(e)) {
                    continue; // not this host: the domain keeps what it has without the entry
                }
                if (full(e.domain)) {
                    Settings.problem(Keys.DEBUG.property() + " (from " + raw.source + "): " + tooMany(e.domain));
                    continue;
                }
                SETTINGS.put(e.domain, new Setting(e.mode, Keys.DEBUG.property() + sampledVia(e), e.sample));
            }
        }
    }

    /**
     * The state of the domain {@code name} (valid and lower case), registering it with its
     * effective mode on first use. The same name always gives the same state.
     */
    public static DomainState register(String name) {
        DomainState state = REGISTERED.get(name);
        if (state != null) {
            return state;
        }
        synchronized (LOCK) {
            state = REGISTERED.get(name);
            if (state == null) {
                // Set before publishing, so nobody sees a fresh domain off that should be on.
                state = new DomainState(name);
                state.set(effective(name));
                REGISTERED.put(name, state);
            }
            return state;
        }
    }

    /** The effective mode of {@code name}, registered or not. */
    public static DebugMode mode(String name) {
        String n = checkedName(name);
        synchronized (LOCK) {
            return effective(n);
        }
    }

    /**
     * Sets the mode of {@code name} (a domain or {@code *}); {@code null} removes its own
     * setting so that it inherits again. Every registered domain affected switches at once.
     * A change prints one line (what, from, to, channel) and returns it; setting what is already
     * set prints nothing and returns null. A domain that was {@code panic} and is no longer
     * taints the process {@link Taint#RELAXED}.
     *
     * @throws IllegalArgumentException when {@code name} is not a domain name or {@code *}
     */
    public static String change(String name, DebugMode mode, String channel) {
        return change(name, mode, channel, DebugSpec.EVERY_HOST);
    }

    /** {@link #change(String, DebugMode, String)} for a spec entry with fleet sample {@code sample}. */
    private static String change(String name, DebugMode mode, String channel, int sample) {
        String n = checkedName(name);
        // Names are validated; the channel comes from a caller and is escaped like any user string.
        String via = Escape.text(channel == null ? "api" : channel);
        String line;
        boolean relaxed = false;
        synchronized (LOCK) {
            Setting old = SETTINGS.get(n);
            if (old == null ? mode == null : old.mode == mode) {
                return null;
            }
            if (mode != null && full(n)) {
                throw new IllegalStateException(tooMany(n));
            }
            // Only the changed name and the names below it can change: one change stays O(domains).
            Map<String, DebugMode> before = effectiveOfAffected(n);
            before.put(n, effective(n));
            String from = describe(n);
            if (mode == null) {
                SETTINGS.remove(n);
            } else {
                SETTINGS.put(n, new Setting(mode, via, sample));
            }
            String to = describe(n);
            for (DomainState state : REGISTERED.values()) {
                if (affects(n, state.name())) {
                    state.set(effective(state.name()));
                }
            }
            TreeSet<String> followers = new TreeSet<>();
            for (Map.Entry<String, DebugMode> e : before.entrySet()) {
                DebugMode now = effective(e.getKey());
                relaxed |= e.getValue() == DebugMode.PANIC && now != DebugMode.PANIC;
                if (now != e.getValue() && !e.getKey().equals(n) && REGISTERED.containsKey(e.getKey())) {
                    followers.add(e.getKey());
                }
            }
            line = "faultline: debug domain " + n + " changed from " + from + " to " + to + " (via " + via + ")"
                    + followersText(followers);
        }
        // Recorded in the crash ring now and printed by the printer, like every configuration change.
        Core.configurationChanged(line, relaxed);
        return line;
    }

    /** The registered domains a change carried along; a change of {@code *} may carry hundreds, so few are named. */
    private static String followersText(TreeSet<String> followers) {
        if (followers.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("; domains that follow it: ");
        int shown = 0;
        for (String f : followers) {
            if (shown == MAX_FOLLOWERS_NAMED) {
                return b.append(" and ").append(followers.size() - shown).append(" more").toString();
            }
            b.append(shown == 0 ? "" : ", ").append(f);
            shown++;
        }
        return b.toString();
    }

    /**
     * Applies every well-formed entry of {@code spec} in order (each as {@link #change}) and
     * returns one line per malformed entry; the malformed ones change nothing.
     */
    public static List<String> apply(String spec, String channel) {
        DebugSpec.Parsed parsed = DebugSpec.parse(spec);
        List<String> problems = new ArrayList<>(parsed.problems);
        int refused = 0;
        for (DebugSpec.Entry e : parsed.entries) {
            if (!e.sampled() || sampleIn(e)) {
                try {
                    change(e.domain, e.mode, e.sampled() ? (channel == null ? "api" : channel) + sampledVia(e) : channel,
                            e.sample);
                } catch (IllegalStateException full) {
                    if (refused++ < DebugSpec.MAX_PROBLEMS) {
                        problems.add("entry " + Escape.quoted(e.toString()) + ": " + full.getMessage());
                    }
                }
            } else {
                Core.notice(RingFormat.CODE_CONFIG, "faultline: debug domain entry " + e + " (via "
                        + Escape.text(channel == null ? "api" : channel) + ") does not apply here: this host ("
                        + Escape.text(FleetSample.hostId()) + ") is not in the sample");
            }
        }
        if (refused > DebugSpec.MAX_PROBLEMS) {
            problems.add((refused - DebugSpec.MAX_PROBLEMS) + " more entries refused for the same reason");
        }
        return problems;
    }

    /** True when {@code name} has no setting of its own and no further name may get one. */
    private static boolean full(String name) {
        return SETTINGS.size() >= MAX_SETTINGS && !SETTINGS.containsKey(name);
    }

    private static String tooMany(String name) {
        return "debug domain " + name + " not set: " + MAX_SETTINGS + " names already have a setting of their own,"
                + " the most allowed; remove settings (set them to inherit) first";
    }

    /** True when a change of {@code changed}'s setting can change {@code name}'s effective mode. */
    private static boolean affects(String changed, String name) {
        return changed.equals(DebugSpec.DEFAULT) || name.equals(changed)
                || (name.length() > changed.length() && name.startsWith(changed) && name.charAt(changed.length()) == '.');
    }

    /** Decides (and records, for the status) whether this host is in {@code e}'s fleet sample. */
    private static boolean sampleIn(DebugSpec.Entry e) {
        boolean in = FleetSample.in(FleetSample.hostId(), e.domain, e.sample);
        synchronized (LOCK) {
            if (SAMPLES.size() < MAX_SETTINGS || SAMPLES.containsKey(e.domain)) { // bounded like SETTINGS
                SAMPLES.put(e.domain, new Sample(e, in));
            }
        }
        return in;
    }

    private static String sampledVia(DebugSpec.Entry e) {
        return e.sampled() ? ", sampled in at " + FleetSample.percent(e.sample) + " of hosts" : "";
    }

    /**
     * Demotes each of {@code domains} that is in panic mode now to warn, as a setting of its own
     * through {@code channel}; returns the ones demoted. Prints nothing and taints nothing: the
     * caller (the boot-loop guard) says why in one line.
     */
    static List<String> demote(Iterable<String> domains, String channel) {
        List<String> demoted = new ArrayList<>();
        synchronized (LOCK) {
            for (String d : domains) {
                if (effective(d) == DebugMode.PANIC) {
                    SETTINGS.put(d, new Setting(DebugMode.WARN, channel + ", demoted from panic", DebugSpec.EVERY_HOST));
                    demoted.add(d);
                }
            }
            for (DomainState state : REGISTERED.values()) {
                state.set(effective(state.name()));
            }
        }
        return demoted;
    }

    /**
     * The fleet-sampled entries this process was given, one line each, saying whether this
     * host is in the sample; empty when there were none.
     */
    public static List<String> samples() {
        synchronized (LOCK) {
            List<String> out = new ArrayList<>();
            for (Sample sm : new TreeMap<>(SAMPLES).values()) {
                out.add(sm.describe());
            }
            return out;
        }
    }

    /**
     * One line per name, sorted: the default first, then every registered domain and every
     * name that has a setting, e.g. {@code mm.cache = panic (inherited from mm)} or
     * {@code net.udp = off (set via faultline.debug; no such domain is registered)}.
     */
    public static List<String> status() {
        synchronized (LOCK) {
            TreeMap<String, String> lines = new TreeMap<>();
            for (String n : REGISTERED.keySet()) {
                lines.put(n, n + " = " + effective(n).token() + " (" + origin(n) + sampleNote(n) + ")");
            }
            for (Map.Entry<String, Sample> e : SAMPLES.entrySet()) {
                if (!REGISTERED.containsKey(e.getKey()) && !SETTINGS.containsKey(e.getKey())) {
                    lines.put(e.getKey(), e.getKey() + " = " + effective(e.getKey()).token() + " ("
                            + e.getValue().describe() + "; no such domain is registered)");
                }
            }
            for (Map.Entry<String, Setting> e : SETTINGS.entrySet()) {
                if (!REGISTERED.containsKey(e.getKey()) && !e.getKey().equals(DebugSpec.DEFAULT)) {
                    lines.put(e.getKey(), e.getKey() + " = " + e.getValue().mode.token() + " (set via "
                            + e.getValue().channel + "; no such domain is registered)");
                }
            }
            List<String> out = new ArrayList<>(lines.size() + 1);
            out.add(DebugSpec.DEFAULT + " = " + effective(DebugSpec.DEFAULT).token() + " (" + origin(DebugSpec.DEFAULT)
                    + ")");
            out.addAll(lines.values());
            return out;
        }
    }

    /**
     * The settings as a spec in the {@code faultline.debug} grammar, such that applying it
     * changes nothing: every name's own setting ({@code *} first, then by name), with
     * {@code @N%} when a fleet-sampled entry set it; then, for a name without a setting of its
     * own, the fleet-sampled entry given for it that does not take this host (it applies on
     * other hosts, and here it changes nothing). A name that only inherits is not in it, so
     * that it keeps following its parent. Empty when nothing is set.
     */
    public static String spec() {
        synchronized (LOCK) {
            StringBuilder b = new StringBuilder();
            Setting star = SETTINGS.get(DebugSpec.DEFAULT);
            if (star != null) {
                entry(b, DebugSpec.DEFAULT, star.mode, star.sample);
            }
            TreeMap<String, Setting> named = new TreeMap<>(SETTINGS);
            named.remove(DebugSpec.DEFAULT);
            named.forEach((n, s) -> entry(b, n, s.mode, s.sample));
            for (Sample sm : new TreeMap<>(SAMPLES).values()) {
                if (!sm.in && !SETTINGS.containsKey(sm.entry.domain)) {
                    entry(b, sm.entry.domain, sm.entry.mode, sm.entry.sample);
                }
            }
            return b.toString();
        }
    }

    private static void entry(StringBuilder b, String name, DebugMode mode, int sample) {
        b.append(b.length() == 0 ? "" : ",").append(new DebugSpec.Entry(name, mode, sample));
    }

    /** Names that have a setting but were never registered (typos, or domains of code not loaded), sorted. */
    public static List<String> unregistered() {
        synchronized (LOCK) {
            TreeSet<String> names = new TreeSet<>(SETTINGS.keySet());
            names.remove(DebugSpec.DEFAULT);
            names.removeAll(REGISTERED.keySet());
            return List.copyOf(names);
        }
    }

    /** Every registered domain's name, sorted. */
    public static List<String> registered() {
        return List.copyOf(new TreeSet<>(REGISTERED.keySet()));
    }

    // ---- under LOCK --------------------------------------------------------------------

    private static DebugMode effective(String name) {
        for (String n = name; n != null; n = DebugSpec.parent(n)) {
            Setting s = SETTINGS.get(n);
            if (s != null) {
                return s.mode;
            }
        }
        return DebugMode.OFF;
    }

    /** Where a name's effective mode comes from, in words. */
    private static String origin(String name) {
        for (String n = name; n != null; n = DebugSpec.parent(n)) {
            Setting s = SETTINGS.get(n);
            if (s != null) {
                if (n.equals(name)) {
                    return "set via " + s.channel;
                }
                return n.equals(DebugSpec.DEFAULT) ? "default * set via " + s.channel : "inherited from " + n;
            }
        }
        return "built-in default";
    }

    /** A name's own setting, or what it inherits: {@code panic}, or {@code inherit (off)}. */
    private static String sampleNote(String name) {
        Sample sm = SAMPLES.get(name);
        return sm == null || sm.in ? "" : "; " + sm.describe();
    }

    private static String describe(String name) {
        Setting s = SETTINGS.get(name);
        return s != null ? s.mode.token() : "inherit (" + effective(name).token() + ")";
    }

    private static Map<String, DebugMode> effectiveOfAffected(String changed) {
        Map<String, DebugMode> modes = new HashMap<>();
        for (String n : REGISTERED.keySet()) {
            if (affects(changed, n)) {
                modes.put(n, effective(n));
            }
        }
        for (String n : SETTINGS.keySet()) {
            if (affects(changed, n)) {
                modes.put(n, effective(n));
            }
        }
        return modes;
    }

    private static String checkedName(String name) {
        String problem = DebugSpec.nameProblem(name == null ? null : name.strip());
        if (problem != null) {
            throw new IllegalArgumentException("debug domain: " + problem);
        }
        return DebugSpec.normalise(name);
    }
}
