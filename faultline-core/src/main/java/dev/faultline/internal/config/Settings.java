package dev.faultline.internal.config;

import dev.faultline.internal.text.Ascii;
import dev.faultline.internal.text.Escape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reads Faultline's boot configuration from system properties and the environment.
 *
 * <p>Nothing here throws: an invalid value produces one problem line naming the key, the value
 * and where it came from, and the default stays in force. A {@code faultline.*} property or
 * {@code FAULTLINE_*} variable that names no known key is reported too, because a typo in a
 * safety setting must not pass silently.
 */
public final class Settings {
    private static final Map<String, ConfigKey> KEYS = new ConcurrentHashMap<>();
    private static final List<String> PROBLEMS = Collections.synchronizedList(new ArrayList<>());
    /** Problem lines kept (and printed); later ones are only counted in {@link #DROPPED}. */
    public static final int MAX_PROBLEMS = 500;
    private static final java.util.concurrent.atomic.AtomicLong DROPPED = new java.util.concurrent.atomic.AtomicLong();
    private static volatile Consumer<String> problemSink = line -> { };
    /** Values the application supplied before boot (third source, after properties and environment). */
    private static final Map<String, Raw> SUPPLIED = new ConcurrentHashMap<>();
    private static volatile boolean booted;

    private Settings() {}

    /** Declares a key so that it is documented and not flagged as unknown. Returns the key. */
    public static ConfigKey declare(String name, String defaultValue, String expected, String meaning) {
        ConfigKey key = new ConfigKey(name, defaultValue, expected, meaning);
        KEYS.putIfAbsent(name, key);
        return KEYS.get(name);
    }

    /** Every declared key, sorted by name. */
    public static List<ConfigKey> keys() {
        List<ConfigKey> list = new ArrayList<>(KEYS.values());
        list.sort((a, b) -> a.name().compareTo(b.name()));
        return list;
    }

    /** Where problem lines go once the console is up; earlier ones are replayed to it. */
    public static void setProblemSink(Consumer<String> sink) {
        problemSink = sink;
        synchronized (PROBLEMS) {
            for (String p : PROBLEMS) {
                sink.accept(p);
            }
        }
    }

    /** The configuration problems seen so far, oldest first: at most {@link #MAX_PROBLEMS}, then one line counting the rest. */
    public static List<String> problems() {
        synchronized (PROBLEMS) {
            long dropped = DROPPED.get();
            if (dropped == 0) {
                return List.copyOf(PROBLEMS);
            }
            List<String> all = new ArrayList<>(PROBLEMS);
            all.add("faultline: and " + dropped + " more configuration problems, not kept");
            return List.copyOf(all);
        }
    }

    /**
     * A problem line longer than this is cut (callers show input by {@link Escape#quoted}; this
     * bounds a line that forgot to).
     */
    public static final int MAX_LINE = 4096;

    /**
     * Records a problem line (prefixed {@code faultline: }, escaped, cut at {@link #MAX_LINE}
     * characters with its length said) and prints it.
     */
    public static void problem(String line) {
        String text = String.valueOf(line);
        if (text.length() > MAX_LINE) {
            text = text.substring(0, MAX_LINE - 200) + "... (a line of " + text.length() + " characters, cut)";
        }
        String full = "faultline: " + Escape.text(text);
        synchronized (PROBLEMS) {
            if (PROBLEMS.size() >= MAX_PROBLEMS) {
                // Bounded: bad input in bulk must not grow memory or flood the console.
                if (DROPPED.getAndIncrement() == 0) {
                    full = "faultline: more than " + MAX_PROBLEMS + " configuration problems; further ones are"
                            + " counted, not kept or printed";
                } else {
                    return;
                }
            } else {
                PROBLEMS.add(full);
            }
        }
        try {
            problemSink.accept(full);
        } catch (Throwable ignored) {
            // A broken sink must not break configuration.
        }
    }

    /**
     * The raw value for a key with its source, or null when it is set nowhere: the system
     * property first, then the environment variable, then a value the application supplied
     * before boot ({@link #supply}).
     */
    public static Raw raw(ConfigKey key) {
        Raw outside = rawOutside(key);
        return outside != null ? outside : SUPPLIED.get(key.name());
    }

    /** The value from the system property or the environment variable only, or null. */
    public static Raw rawOutside(ConfigKey key) {
        try {
            String v = System.getProperty(key.property());
            if (v != null) {
                return new Raw(v, "system property " + key.property());
            }
            v = System.getenv(key.envVar());
            if (v != null) {
                return new Raw(v, "environment variable " + key.envVar());
            }
        } catch (SecurityException e) {
            problem("cannot read " + key.property() + ": " + e);
        }
        return null;
    }

    /** The declared key named {@code name} ({@code KEY} or {@code faultline.KEY}), or null. */
    public static ConfigKey key(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        return KEYS.get(n.startsWith("faultline.") ? n.substring("faultline.".length()) : n);
    }

    /**
     * Keeps {@code value} from {@code source} as the value of {@code key} for every later read,
     * below the system property and the environment variable. Read as it is: validated by the
     * reader, like any other source.
     */
    public static void supply(ConfigKey key, String value, String source) {
        SUPPLIED.put(key.name(), new Raw(value, source));
    }

    /** The value supplied for {@code key}, or null. */
    public static Raw supplied(ConfigKey key) {
        return SUPPLIED.get(key.name());
    }

    /** Marks that the boot has begun: from now on start-up keys have been read. */
    public static void markBooted() {
        booted = true;
    }

    /** True once the boot has begun. */
    public static boolean booted() {
        return booted;
    }

    /** Prints the line for an unknown key from {@code source}; the key is ignored. */
    public static void unknown(String name, String source) {
        problem("unknown setting " + Escape.cut(name) + " (" + Escape.cut(source) + ") is ignored; "
                + didYouMean(name.startsWith("faultline.") ? name.substring("faultline.".length()) : name) + "known keys: "
                + knownNames());
    }

    /** {@code did you mean faultline.KEY? } for the known key nearest to {@code name}, or nothing. */
    private static String didYouMean(String name) {
        List<String> names = new ArrayList<>();
        for (ConfigKey k : keys()) {
            names.add(k.name());
        }
        String nearest = NearestKey.of(name, names);
        return nearest == null ? "" : "did you mean faultline." + nearest + "? ";
    }

    /** A value as found, with a description of where it came from. */
    public static final class Raw {
        public final String value;
        public final String source;

        Raw(String value, String source) {
            this.value = value;
            this.source = source;
        }
    }

    /** Reads a boolean key (1/0, true/false, on/off, yes/no). */
    public static boolean bool(ConfigKey key) {
        Raw raw = raw(key);
        boolean def = parseBool(key.defaultValue());
        if (raw == null) {
            return def;
        }
        Boolean v = parseBoolOrNull(raw.value);
        if (v == null) {
            invalid(key, raw, key.defaultValue());
            return def;
        }
        return v;
    }

    /** Reads an integer key within [min, max]. */
    public static int integer(ConfigKey key, int min, int max) {
        Raw raw = raw(key);
        int def = Integer.parseInt(key.defaultValue());
        if (raw == null) {
            return def;
        }
        try {
            int v = Integer.parseInt(raw.value.trim());
            if (v < min || v > max) {
                invalid(key, raw, key.defaultValue());
                return def;
            }
            return v;
        } catch (NumberFormatException e) {
            invalid(key, raw, key.defaultValue());
            return def;
        }
    }

    /** Reads a key whose value must be one of {@code choices} (case-insensitive). */
    public static String choice(ConfigKey key, String... choices) {
        Raw raw = raw(key);
        if (raw == null) {
            return key.defaultValue();
        }
        String v = Ascii.lowerToken(Ascii.strip(raw.value)); // ASCII tokens only: see Ascii
        for (String c : choices) {
            if (c.equals(v)) {
                return c;
            }
        }
        invalid(key, raw, key.defaultValue());
        return key.defaultValue();
    }

    private static void invalid(ConfigKey key, Raw raw, String keeping) {
        problem("invalid value " + Escape.quoted(raw.value) + " for " + key.property() + " (from " + raw.source
                + "): expected " + key.expected() + "; keeping the default " + keeping);
    }

    public static boolean parseBool(String s) {
        Boolean b = parseBoolOrNull(s);
        return b != null && b;
    }

    /** Parses 1/0, true/false, on/off, yes/no; null when it is none of them. */
    public static Boolean parseBoolOrNull(String s) {
        if (s == null) {
            return null;
        }
        String t = Ascii.lowerToken(Ascii.strip(s)); // ASCII tokens only: see Ascii
        if (t == null) {
            return null;
        }
        switch (t) {
            case "1": case "true": case "on": case "yes": return Boolean.TRUE;
            case "0": case "false": case "off": case "no": return Boolean.FALSE;
            default: return null;
        }
    }

    /**
     * Reports every {@code faultline.*} system property and {@code FAULTLINE_*} environment
     * variable that names no declared key.
     */
    public static void reportUnknownKeys() {
        try {
            Properties props = System.getProperties();
            for (String name : props.stringPropertyNames()) {
                if (name.startsWith("faultline.") && !KEYS.containsKey(name.substring("faultline.".length()))) {
                    problem("unknown setting " + Escape.cut(name) + " (system property) is ignored; "
                            + didYouMean(name.substring("faultline.".length())) + "known keys: " + knownNames());
                }
            }
            for (String name : System.getenv().keySet()) {
                if (name.startsWith("FAULTLINE_") && !knownEnv(name)) {
                    problem("unknown setting " + Escape.cut(name) + " (environment variable) is ignored; "
                            + didYouMean(name.substring("FAULTLINE_".length())) + "known keys: " + knownNames());
                }
            }
        } catch (SecurityException e) {
            problem("cannot list settings: " + e);
        }
    }

    private static boolean knownEnv(String env) {
        for (ConfigKey k : KEYS.values()) {
            if (k.envVar().equals(env)) {
                return true;
            }
        }
        return false;
    }

    private static String knownNames() {
        StringBuilder b = new StringBuilder();
        for (ConfigKey k : keys()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(k.name());
        }
        return b.toString();
    }
}
