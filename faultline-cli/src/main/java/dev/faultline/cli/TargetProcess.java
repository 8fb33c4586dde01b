package dev.faultline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process of this host, by pid, as the {@code faultline} command sees it before talking to
 * it: who runs it (its effective user), what it runs, and where its control socket must be. All
 * of it comes from {@code /proc} (the kernel), none from the process itself.
 *
 * <p>The control socket is {@code /tmp/.faultline-<nspid>-<start>} in the process's own mount
 * namespace, reached through {@code /proc/<pid>/root} (the way the JDK's attach reaches a
 * JVM in a container): {@code nspid} is the pid as the process's own PID namespace numbers it
 * ({@code 1} for a container's main process), {@code start} its start time in clock ticks after
 * boot. The name is worked out here from the pid; nothing the process advertises is followed.
 */
final class TargetProcess {
    /** Longest {@code /proc} file read (status is about 1.5 KB). */
    private static final int MAX_PROC_FILE = 64 * 1024;

    final long pid;
    final ProcessHandle handle;
    /** The effective user's name, or its uid when it has none here, or "?" where there is no {@code /proc}. */
    final String user;
    /** The effective uid, or -1 where there is no {@code /proc}. */
    final long uid;
    final String command;
    private final long nspid;
    private final long startTicks;

    private TargetProcess(long pid, ProcessHandle handle, String user, long uid, String command, long nspid,
            long startTicks) {
        this.pid = pid;
        this.handle = handle;
        this.user = user;
        this.uid = uid;
        this.command = command;
        this.nspid = nspid;
        this.startTicks = startTicks;
    }

    /** The process with {@code pid}, if one runs. */
    static Optional<TargetProcess> of(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return Optional.empty();
        }
        ProcessHandle.Info info = h.get().info();
        String command = info.command().orElse(null);
        if (command == null) {
            // Another user's process (a container's pid 1 seen from the host): the JDK does not say;
            // /proc/<pid>/comm, readable by anyone, names it.
            String comm = proc(pid, "comm");
            command = comm == null || comm.isBlank() ? "?" : comm.trim();
        }
        String status = proc(pid, "status");
        String stat = proc(pid, "stat");
        if (status == null || stat == null) {
            // No /proc (macOS), or the process ended meanwhile.
            return Optional.of(new TargetProcess(pid, h.get(), info.user().orElse("?"), -1, command, pid, -1));
        }
        long uid = field(status, "Uid:", 1);
        long nspid = field(status, "NSpid:", -1);
        String name = info.user().orElse(uid < 0 ? "?" : String.valueOf(uid));
        return Optional.of(new TargetProcess(pid, h.get(), name, uid, command, nspid < 0 ? pid : nspid,
                startTicks(stat)));
    }

    /** Where the process's control socket must be, if it has one. */
    Path controlSocket() {
        String name = ".faultline-" + nspid + (startTicks < 0 ? "" : "-" + startTicks);
        Path inside = Path.of("/proc", String.valueOf(pid), "root", "tmp");
        // Through /proc/<pid>/root when this user may look there (its own processes, or root), so
        // that a JVM in a container is found in the container's /tmp; the same file otherwise.
        return (Files.isDirectory(inside) ? inside : Path.of("/tmp")).resolve(name);
    }

    /**
     * The crash directory the process was started with ({@code -Dfaultline.dir=...} on its
     * command line), as this process can reach it (through {@code /proc/<pid>/root} for a process
     * in another mount namespace, when it may look there), or null when it names none or the
     * command line cannot be read (another user's process, for a user not root). Reads at most
     * 64 KiB of {@code /proc/<pid>/cmdline}; the command line is trusted no further than a path to
     * look in for ring files, which are then read as hostile input like any other.
     */
    Path faultlineDir() {
        byte[] raw;
        try (InputStream in = Files.newInputStream(Path.of("/proc", String.valueOf(pid), "cmdline"))) {
            raw = in.readNBytes(64 * 1024);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String dir = null;
        for (String arg : new String(raw, StandardCharsets.UTF_8).split("\0")) {
            if (arg.startsWith("-Dfaultline.dir=")) {
                // The last one wins, as in the JVM. One among the program's own arguments is taken
                // too: a directory to look in, no more.
                dir = arg.substring("-Dfaultline.dir=".length());
            }
        }
        if (dir == null || dir.isEmpty()) {
            return null;
        }
        try {
            Path p = Path.of(dir);
            if (!p.isAbsolute()) {
                p = Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "cwd")).resolve(p);
            }
            Path inside = Path.of("/proc", String.valueOf(pid), "root").resolve(p.toString().substring(1));
            return Files.isDirectory(inside) ? inside : p;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The pid the process knows itself by (its PID namespace's), which its control socket answers with. */
    long nspid() {
        return nspid;
    }

    boolean alive() {
        return handle.isAlive();
    }

    /** The text of {@code /proc/<pid>/<file>}, or null. */
    private static String proc(long pid, String file) {
        try (InputStream in = Files.newInputStream(Path.of("/proc", String.valueOf(pid), file))) {
            return new String(in.readNBytes(MAX_PROC_FILE), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Field {@code index} (-1: the last) of the line starting with {@code key}, or -1. */
    private static long field(String status, String key, int index) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                String[] f = line.substring(key.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(f[index < 0 ? f.length - 1 : index]);
                } catch (RuntimeException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Field 22 of {@code /proc/<pid>/stat}: the start time in clock ticks after boot, or -1. */
    private static long startTicks(String stat) {
        try {
            // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(f[19]);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
