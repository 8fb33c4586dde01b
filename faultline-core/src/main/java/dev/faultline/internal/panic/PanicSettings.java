package dev.faultline.internal.panic;

import dev.faultline.internal.config.ConfigKey;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.text.Escape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The panic path's boot configuration (dumpers, crash-file directory, shutdown hooks, oops
 * handling). Read once at start-up; bad tokens are reported naming the key and the token, and
 * the rest of the value still applies.
 */
public final class PanicSettings {
    /** Built-in dumper names accepted by {@code faultline.panic_dumps}. */
    public static final List<String> BUILTIN_DUMPS = List.of("threads", "jfr", "heap");

    private static final Set<String> DUMPS = dumps();
    private static final List<String> DUMP_ORDER = names(Keys.PANIC_DUMP_ORDER);
    private static final String DUMP_DIR = text(Keys.PANIC_DUMP_DIR);
    private static final int SHUTDOWN_HOOKS_MS = Settings.integer(Keys.PANIC_SHUTDOWN_HOOKS_MS, 0, Integer.MAX_VALUE);
    private static final boolean PANIC_ON_OOM = Settings.bool(Keys.PANIC_ON_OOM);
    private static final boolean OOPS_HANDLER = Settings.bool(Keys.OOPS_HANDLER);

    private PanicSettings() {}

    /** Built-in dumpers to register, in the order of {@link #BUILTIN_DUMPS}. */
    public static Set<String> builtinDumps() {
        return DUMPS;
    }

    /** Dumper names that run first after a panic, in this order. */
    public static List<String> dumpOrder() {
        return DUMP_ORDER;
    }

    /** Directory for crash files; the working directory when unset. */
    public static Path dumpDir() {
        // Default: next to the crash ring, an owner-only directory, rather than wherever the
        // process happened to start (a heap dump can hold secrets and be huge).
        return DUMP_DIR.isEmpty() ? dev.faultline.internal.ring.CrashRings.directory() : Path.of(DUMP_DIR);
    }

    /** 0: a panic halts without shutdown hooks; &gt;0: hooks run, for at most this many ms. */
    public static int shutdownHooksMs() {
        return SHUTDOWN_HOOKS_MS;
    }

    public static boolean panicOnOom() {
        return PANIC_ON_OOM;
    }

    /** True when the oops handler is to be installed at boot ({@code oops_handler} or {@code panic_on_oom}). */
    public static boolean oopsHandler() {
        return OOPS_HANDLER || PANIC_ON_OOM;
    }

    private static String text(ConfigKey key) {
        Settings.Raw raw = Settings.raw(key);
        return raw == null ? key.defaultValue() : raw.value.trim();
    }

    private static List<String> names(ConfigKey key) {
        List<String> out = new ArrayList<>();
        for (String token : text(key).split(",")) {
            String t = token.trim();
            if (!t.isEmpty() && !out.contains(t)) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    private static Set<String> dumps() {
        Settings.Raw raw = Settings.raw(Keys.PANIC_DUMPS);
        String value = raw == null ? Keys.PANIC_DUMPS.defaultValue() : raw.value;
        Set<String> out = new LinkedHashSet<>();
        for (String token : value.split(",")) {
            String t = token.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty() || t.equals("none")) {
                continue;
            }
            if (BUILTIN_DUMPS.contains(t)) {
                out.add(t);
            } else {
                Settings.problem("unknown token " + Escape.quoted(token.trim()) + " in " + Keys.PANIC_DUMPS.property() + " (from "
                        + (raw == null ? "the default" : raw.source) + "): expected " + Keys.PANIC_DUMPS.expected() + "; the token is ignored,"
                        + " the rest applies");
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }
}
