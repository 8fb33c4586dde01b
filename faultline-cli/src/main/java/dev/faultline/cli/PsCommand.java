package dev.faultline.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.faultline.Faultline;
import dev.faultline.ring.RingFormat;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingScan;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline ps}: the JVMs on this host that run Faultline, found by their live crash rings. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"List the JVMs on this host that run Faultline: pid, app, run id, taint, warn and oops counts,"
                + " ring path. They are found by their live crash rings in the default crash directories"
                + " (<java.io.tmpdir>/faultline-<user>/<app>) and in each --dir; --all also asks every JVM of this user"
                + " whose management agent already runs. Each is then asked over attach and JMX.",
                "Exit status: 0 ok (also when none is found), 2 usage error."})
public final class PsCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "<dir>", description = "Also look for live rings in this crash directory (faultline.dir); repeatable.")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--all", description = "Also list JVMs without a ring found, when their management agent already runs.")
    boolean all;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        Map<Long, String> found = new LinkedHashMap<>(); // pid -> ring path
        List<Path> where = new ArrayList<>(dirs);
        where.addAll(subdirectories(RingFormat.defaultRoot()));
        for (Path dir : where) {
            for (Path ring : rings(dir)) {
                RingScan header = header(ring);
                if (header.isRing() && Liveness.alive(header.pid(), header.startMillis())) {
                    found.putIfAbsent(header.pid(), ring.toAbsolutePath().toString());
                }
            }
        }
        if (all) {
            for (VirtualMachineDescriptor d : VirtualMachine.list()) {
                try {
                    found.putIfAbsent(Long.parseLong(d.id()), null);
                } catch (NumberFormatException ignored) {
                    // Not a pid: not a JVM of this host.
                }
            }
        }
        out.println(String.format("%8s  %-24s %-16s %-6s %6s %6s  %s", "PID", "APP", "RUN", "TAINT", "WARN", "OOPS", "RING"));
        int listed = 0;
        List<String> notes = new ArrayList<>();
        for (Map.Entry<Long, String> e : found.entrySet()) {
            long pid = e.getKey();
            if (pid == ProcessHandle.current().pid()) {
                continue;
            }
            boolean byRing = e.getValue() != null;
            try (LiveJvm jvm = LiveJvm.connect(pid, byRing)) {
                String taint = jvm.text("Taint");
                taint = taint.startsWith("Tainted: ") ? taint.substring(9).split(" ", 2)[0] : "-";
                String ring = jvm.text("RingPath");
                out.println(String.format("%8d  %-24s %-16s %-6s %6s %6s  %s", pid, jvm.text("App"), jvm.text("RunId"),
                        taint, jvm.text("WarnCount"), jvm.text("OopsCount"), ring.isEmpty() ? "-" : ring));
                listed++;
            } catch (Unreachable u) {
                if (byRing) {
                    out.println(String.format("%8d  %-24s %-16s %-6s %6s %6s  %s", pid, "?", "?", "?", "?", "?", e.getValue()));
                    notes.add(u.getMessage());
                    listed++;
                }
            }
        }
        if (listed == 0) {
            out.println("(no Faultline JVM found; looked for live rings in " + Faultline.escape(String.valueOf(where.isEmpty()
                    ? List.of(RingFormat.defaultRoot()) : where)) + (all ? " and asked every JVM of this user" : "") + ")");
        }
        for (String n : notes) {
            out.println("note: " + n);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static List<Path> subdirectories(Path root) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path p : ds) {
                out.add(p);
            }
        } catch (IOException | RuntimeException e) {
            // No default root yet: nothing ran with the default crash directory.
        }
        return out;
    }

    private static List<Path> rings(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + RingFormat.FILE_SUFFIX)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable or gone: no live ring there for this user.
        }
        return out;
    }

    /** The ring's header only (its records are of no use here, and a ring can be 1 GiB). */
    private static RingScan header(Path ring) {
        byte[] head = new byte[RingFormat.HEADER_LENGTH];
        int n = 0;
        try (InputStream in = Files.newInputStream(ring)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException | RuntimeException e) {
            // An unreadable ring reads as no ring.
        }
        return RingReader.read(java.util.Arrays.copyOf(head, n), ring.toString());
    }
}
