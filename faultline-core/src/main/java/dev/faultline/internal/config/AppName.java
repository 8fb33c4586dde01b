package dev.faultline.internal.config;

import dev.faultline.internal.text.Escape;

/**
 * The application's name ({@code faultline.app}), resolved once: the configured value, else the
 * main class ({@code module/class} gives the class), else the {@code -jar} file's name without
 * {@code .jar}, else {@code java}. It names the crash directory and the archive of every run,
 * so it is sanitised to a file-name-safe token: letters, digits, {@code .}, {@code _} and
 * {@code -}, everything else {@code _}, at most {@value #MAX_LENGTH} characters.
 */
public final class AppName {
    /** The longest name kept: what the ring header reserves for it. */
    public static final int MAX_LENGTH = 48;
    /** The name when nothing names the application. */
    static final String FALLBACK = "java";

    private AppName() {}

    private static final class Holder {
        static final String NAME = resolve();
    }

    /** This process's application name; never empty. Never throws. */
    public static String current() {
        return Holder.NAME;
    }

    private static String resolve() {
        try {
            Settings.Raw raw = Settings.raw(Keys.APP);
            if (raw != null && !raw.value.isBlank()) {
                String name = sanitise(raw.value.strip());
                if (!name.equals(raw.value.strip())) {
                    Settings.problem("value " + Escape.quoted(raw.value) + " for " + Keys.APP.property() + " (from "
                            + raw.source + ") is used as '" + name + "': expected " + Keys.APP.expected());
                }
                return name;
            }
            return fromCommand(System.getProperty("sun.java.command"), System.getProperty("java.class.path"));
        } catch (RuntimeException e) {
            return FALLBACK;
        }
    }

    /**
     * The default name from a launcher command line ({@code sun.java.command}: the main class or
     * {@code module/class}, or the jar path, then the arguments), as {@link #fromCommand(String, String)}
     * without the class path: a jar path with spaces is recognised only when it contains a
     * {@code /} before the first space.
     */
    public static String fromCommand(String command) {
        return fromCommand(command, null);
    }

    /**
     * The default name from a launcher command line and the class path ({@code java.class.path}).
     * The launcher joins the jar path and the arguments with spaces, so a path that holds spaces
     * ({@code -jar '/opt/my app-1.0.jar'}) cannot be told from its arguments by splitting: under
     * {@code -jar} the class path is exactly the jar path, so a command that starts with the class
     * path followed by a space (or nothing) names that jar. Otherwise a command whose first word
     * is a path runs to the first {@code .jar} followed by a space or the end, and anything else
     * starts with a main class, which holds no spaces.
     */
    public static String fromCommand(String command, String classPath) {
        if (command == null || command.isBlank()) {
            return FALLBACK;
        }
        String c = command.strip();
        String first = c.split("\\s+", 2)[0];
        if (classPath != null && !classPath.isEmpty() && c.startsWith(classPath)
                && (c.length() == classPath.length() || Character.isWhitespace(c.charAt(classPath.length())))
                && classPath.indexOf(java.io.File.pathSeparatorChar) < 0) {
            first = classPath; // -jar: the class path is the jar, spaces and all
        } else if (isPath(first)) {
            first = jarPrefix(c, first);
        }
        if (isPath(first)) {
            // -jar path/to/app.jar: the file's name. (A module/class pair is matched above and is not a path.)
            String file = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
            first = file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
            // The version is not the application: service-1.4.2.jar after service-1.4.1.jar recovers its
            // rings (and surefirebooter-20261130195629975_3.jar is one name, not one per build).
            first = first.replaceFirst("-[0-9][0-9A-Za-z._-]*$", "");
        } else if (first.contains("/")) {
            first = first.substring(first.indexOf('/') + 1);
        }
        String name = sanitise(first);
        return name.isEmpty() ? FALLBACK : name;
    }

    /** A jar or a file path rather than a main class or a {@code module/class} pair. */
    private static boolean isPath(String first) {
        return first.endsWith(".jar") || first.contains("/") && !first.matches("[\\w.$]+/[\\w.$]+");
    }

    /**
     * The command's start up to the first {@code .jar} followed by a space or the end, when the
     * first word does not end in {@code .jar} itself (a path with spaces); else the first word.
     */
    private static String jarPrefix(String command, String first) {
        if (first.endsWith(".jar")) {
            return first;
        }
        for (int at = command.indexOf(".jar"); at >= 0; at = command.indexOf(".jar", at + 1)) {
            int end = at + 4;
            if (end == command.length() || Character.isWhitespace(command.charAt(end))) {
                return command.substring(0, end);
            }
        }
        return first;
    }

    /** {@code s} as a file-name-safe token (see the class comment); "" stays "". */
    public static String sanitise(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_LENGTH));
        for (int i = 0; i < s.length() && b.length() < MAX_LENGTH; i++) {
            char c = s.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            b.append(ok ? c : '_');
        }
        String out = b.toString();
        // ".", ".." or a leading dot would be special as a directory name.
        return out.startsWith(".") ? "_" + out.substring(1) : out;
    }
}
