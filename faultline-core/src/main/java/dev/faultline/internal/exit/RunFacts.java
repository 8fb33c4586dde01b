package dev.faultline.internal.exit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run writes about itself at start, for the next start to look in the right places:
 * its memory cgroup and that cgroup's OOM-kill count then, where HotSpot writes its fatal-error
 * log ({@code -XX:ErrorFile}, the working directory, the temp directory), whether it exits or
 * crashes on an {@code OutOfMemoryError}, and the host's boot id. One record, {@code key=value}
 * lines after {@link #HEADING}; values are one line each.
 */
final class RunFacts {
    static final String HEADING = "run facts";
    private static final int MAX_CMDLINE = 1 << 20;

    final Map<String, String> values;

    RunFacts(Map<String, String> values) {
        this.values = values;
    }

    String get(String key) {
        String v = values.get(key);
        return v == null ? "" : v;
    }

    /** The facts of this process, read now (a few small files under /proc). Never throws. */
    static RunFacts here() {
        Map<String, String> v = new LinkedHashMap<>();
        try {
            Path cg = MemoryCgroup.own();
            v.put("memory_cgroup", cg == null ? "" : cg.toString());
            v.put("oom_kills", String.valueOf(MemoryCgroup.oomKills(cg)));
            String flags = jvmFlags();
            v.put("error_file", option(flags, "-XX:ErrorFile="));
            v.put("exit_on_oom", String.valueOf(flags.contains("\0-XX:+ExitOnOutOfMemoryError\0")));
            v.put("crash_on_oom", String.valueOf(flags.contains("\0-XX:+CrashOnOutOfMemoryError\0")));
            v.put("cwd", System.getProperty("user.dir", ""));
            v.put("tmpdir", System.getProperty("java.io.tmpdir", "/tmp"));
            v.put("boot_id", bootId());
        } catch (RuntimeException e) {
            v.put("problem", String.valueOf(e));
        }
        return new RunFacts(v);
    }

    /** The host's boot id, "" when unreadable. */
    static String bootId() {
        String t = HostFiles.head(Path.of("/proc/sys/kernel/random/boot_id"), 64);
        return t == null ? "" : t.strip();
    }

    /** The command line and the option variables the JVM reads, NUL-separated, with a NUL at both ends. */
    private static String jvmFlags() {
        StringBuilder b = new StringBuilder("\0");
        String cmd = HostFiles.head(Path.of("/proc/self/cmdline"), MAX_CMDLINE);
        if (cmd != null) {
            b.append(cmd);
        }
        for (String env : new String[] {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"}) {
            String e = System.getenv(env);
            if (e != null) {
                b.append('\0').append(String.join("\0", e.trim().split("\\s+")));
            }
        }
        return b.append('\0').toString();
    }

    /** The value of the last {@code prefix} option, "" when none. */
    private static String option(String flags, String prefix) {
        int at = flags.lastIndexOf("\0" + prefix);
        if (at < 0) {
            return "";
        }
        int from = at + 1 + prefix.length();
        int end = flags.indexOf('\0', from);
        return flags.substring(from, end < 0 ? flags.length() : end);
    }

    /** The record's text. */
    String text() {
        StringBuilder b = new StringBuilder(HEADING);
        values.forEach((k, val) -> b.append('\n').append(k).append('=').append(val.replace('\n', ' ').replace('\r', ' ')));
        return b.toString();
    }

    /** The facts in a record's text; null when it is not one. */
    static RunFacts parse(String text) {
        if (text == null || !text.startsWith(HEADING + "\n")) {
            return null;
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                v.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new RunFacts(v);
    }
}
