package dev.faultline.dump;

import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.text.Escape;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which names a dump must not show the value of: the {@code faultline.redact} list, read once
 * at start-up. A name matches when it contains one of the listed words, ignoring case, so
 * {@code key} covers {@code apiKey} and {@code signingKeys}: redacting too much is the safe
 * direction.
 */
final class Redaction {
    private static final String[] WORDS = load(Settings.raw(Keys.REDACT));

    private Redaction() {}

    /** The words in force, lower case, in the order given. */
    static List<String> words() {
        return List.of(WORDS);
    }

    static boolean name(String name) {
        if (name == null || WORDS.length == 0) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String w : WORDS) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return false;
    }

    static boolean field(Field f) {
        return f.isAnnotationPresent(Sensitive.class) || name(f.getName());
    }

    static boolean type(Class<?> c) {
        try {
            return c.isAnnotationPresent(Sensitive.class);
        } catch (Throwable e) {
            // A class whose annotations cannot be parsed is not marked; its fields still are.
            return false;
        }
    }

    /**
     * Parses the configured list. A bad word is reported with the key and where it came from,
     * and the other words still apply; an empty value redacts by annotation only.
     */
    static String[] load(Settings.Raw raw) {
        String value = raw == null ? Keys.REDACT.defaultValue() : raw.value;
        List<String> words = new ArrayList<>();
        for (String token : value.split(",", -1)) {
            String w = token.trim().toLowerCase(Locale.ROOT);
            if (w.isEmpty()) {
                continue;
            }
            if (!valid(w)) {
                Settings.problem("invalid name " + Escape.quoted(token.trim()) + " in " + Keys.REDACT.property() + " (from "
                        + raw.source + "): expected " + Keys.REDACT.expected() + "; the other names still apply");
                continue;
            }
            if (!words.contains(w)) {
                words.add(w);
            }
        }
        return words.toArray(new String[0]);
    }

    private static boolean valid(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
