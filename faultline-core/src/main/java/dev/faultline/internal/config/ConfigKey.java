package dev.faultline.internal.config;

import java.util.Locale;

/**
 * One configuration key: its name (as in {@code faultline.NAME}), default, and what values it
 * takes. Every key is read from the system property {@code faultline.NAME} first, then from the
 * environment variable {@code FAULTLINE_NAME} (upper case).
 */
public final class ConfigKey {
    private final String name;
    private final String defaultValue;
    private final String expected;
    private final String meaning;

    public ConfigKey(String name, String defaultValue, String expected, String meaning) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.expected = expected;
        this.meaning = meaning;
    }

    public String name() { return name; }

    public String defaultValue() { return defaultValue; }

    /** Human description of the accepted values, used in error messages. */
    public String expected() { return expected; }

    public String meaning() { return meaning; }

    public String property() { return "faultline." + name; }

    public String envVar() { return "FAULTLINE_" + name.toUpperCase(Locale.ROOT).replace('.', '_'); }
}
