package dev.faultline.internal.exit;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The memory cgroup a process runs in, and what its files say: cgroup v1 (a {@code memory}
 * hierarchy: {@code memory.oom_control}'s {@code oom_kill}, {@code memory.usage_in_bytes},
 * {@code memory.limit_in_bytes}) or v2 ({@code memory.events}' {@code oom_kill},
 * {@code memory.current}, {@code memory.max}). v1 is preferred where both are mounted (a
 * hybrid host), since only one of them accounts memory. The directory is found from
 * {@code /proc/self/cgroup} and {@code /proc/self/mountinfo} (a container's mount root taken
 * off), every read bounded. Any file that is missing gives -1 or null, never an exception.
 */
final class MemoryCgroup {
    private static final int MAX_PROC = 256 * 1024;
    private static final int MAX_FILE = 4096;

    private MemoryCgroup() {}

    /** This process's memory cgroup directory, or null when there is none to be found (another OS, no cgroup). */
    static Path own() {
        return find(HostFiles.head(Path.of("/proc/self/cgroup"), MAX_PROC),
                HostFiles.head(Path.of("/proc/self/mountinfo"), MAX_PROC));
    }

    /** The memory cgroup directory from the texts of {@code /proc/self/cgroup} and {@code /proc/self/mountinfo}; null when none. */
    static Path find(String cgroup, String mountinfo) {
        if (cgroup == null || mountinfo == null) {
            return null;
        }
        String v1 = null;
        String v2 = null;
        for (String line : cgroup.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[1].isEmpty() && f[0].equals("0")) {
                v2 = f[2];
            }
            for (String c : f[1].split(",")) {
                if (c.equals("memory")) {
                    v1 = f[2];
                }
            }
        }
        String[] mount1 = null;
        String[] mount2 = null;
        for (String line : mountinfo.split("\n")) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] a = line.substring(0, dash).split(" ");
            String[] b = line.substring(dash + 3).split(" ");
            if (a.length < 5 || b.length < 3) {
                continue;
            }
            if (b[0].equals("cgroup") && (("," + b[2] + ",").contains(",memory,")) && mount1 == null) {
                mount1 = new String[] {a[3], a[4]};
            } else if (b[0].equals("cgroup2") && mount2 == null) {
                mount2 = new String[] {a[3], a[4]};
            }
        }
        if (v1 != null && mount1 != null) {
            return join(mount1, v1);
        }
        if (v2 != null && mount2 != null) {
            return join(mount2, v2);
        }
        return null;
    }

    private static Path join(String[] mount, String path) {
        String root = unescape(mount[0]);
        String at = unescape(mount[1]);
        String rel = path;
        if (!root.equals("/") && (rel.equals(root) || rel.startsWith(root + "/"))) {
            rel = rel.substring(root.length());
        }
        rel = rel.startsWith("/") ? rel.substring(1) : rel;
        if (rel.contains("..")) {
            return null;
        }
        return rel.isEmpty() ? Path.of(at) : Path.of(at, rel);
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    /** True for a cgroup v1 directory (it has {@code memory.oom_control}). */
    static boolean isV1(Path dir) {
        return Files.exists(dir.resolve("memory.oom_control"), LinkOption.NOFOLLOW_LINKS);
    }

    /** The cgroup's OOM-kill count, or -1 when its files do not say (gone, an old kernel, not a cgroup). */
    static long oomKills(Path dir) {
        if (dir == null) {
            return -1;
        }
        String v1 = HostFiles.head(dir.resolve("memory.oom_control"), MAX_FILE);
        if (v1 != null) {
            return HostFiles.keyed(v1, "oom_kill");
        }
        return HostFiles.keyed(HostFiles.head(dir.resolve("memory.events"), MAX_FILE), "oom_kill");
    }

    /** Bytes in use, or -1. */
    static long usage(Path dir) {
        if (dir == null) {
            return -1;
        }
        long v1 = firstNumber(dir.resolve("memory.usage_in_bytes"));
        return v1 >= 0 ? v1 : firstNumber(dir.resolve("memory.current"));
    }

    /** The limit in bytes, or -1 when there is none (v2 {@code max}, v1's huge "unlimited") or it cannot be read. */
    static long limit(Path dir) {
        if (dir == null) {
            return -1;
        }
        long v = firstNumber(dir.resolve("memory.limit_in_bytes"));
        if (v < 0) {
            v = firstNumber(dir.resolve("memory.max"));
        }
        return v >= (1L << 60) ? -1 : v;
    }

    private static long firstNumber(Path file) {
        String t = HostFiles.head(file, 64);
        return t == null ? -1 : HostFiles.number(t.trim());
    }
}
