package dev.faultline.cli;

import dev.faultline.Faultline;
import dev.faultline.ring.RingFormat;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingScan;
import dev.faultline.ring.RunLiveness;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code faultline ps}: the JVMs on this host that run Faultline, found by their control sockets and live crash rings. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"List the JVMs on this host that run Faultline: pid, user, app, run id, taint, warn and oops"
                + " counts, ring path. Each is found by its control socket (/tmp/.faultline-<pid>-<start>, in a"
                + " container's /tmp too) or by its live crash ring in the default crash directories"
                + " (<java.io.tmpdir>/faultline-<user>/<app>), in the -Dfaultline.dir on a JVM's command line, and in"
                + " each --dir, then asked over that socket; nothing is"
                + " attached to any process. Only this user's JVMs are listed, root's own too, unless --all-users.",
                "Exit status: 0 ok (also when none is found), 2 usage error (also a --dir that is no directory, said on"
                        + " stderr; the others are still listed), 6 a JVM did not answer in time (its row shows ? and a"
                        + " note names it)."})
public final class PsCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "<dir>", description = "Also look for live rings in this crash directory (faultline.dir); repeatable.")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--all-users", description = "Also list other users' JVMs (as root; other users' sockets are"
            + " closed to anyone else). The USER column says whose each is.")
    boolean allUsers;

    @Mixin
    Timeout timeout;

    private final PrintStream out = System.out;

    /** A JVM to list: the process, and the live ring it was found by (null when found by its socket). */
    private static final class Found {
        final TargetProcess process;
        final String ring;

        Found(TargetProcess process, String ring) {
            this.process = process;
            this.ring = ring;
        }
    }

    /** One row's cells (PID, USER, APP, RUN, TAINT, WARN, OOPS, RING), and the note that explains its question marks. */
    private static final class Row {
        final String[] cells;
        final String note;
        final boolean timedOut;

        Row(String[] cells, String note, boolean timedOut) {
            this.cells = cells;
            this.note = note;
            this.timedOut = timedOut;
        }
    }

    private static final String[] HEADER = {"PID", "USER", "APP", "RUN", "TAINT", "WARN", "OOPS", "RING"};
    /** Right-aligned columns: the numbers. */
    private static final boolean[] RIGHT = {true, false, false, false, false, true, true, false};

    /**
     * The table, each column as wide as its widest cell (an application's name of 48 characters
     * pushes the columns after it right, it does not run into them); the last column is not padded.
     */
    static List<String> table(List<String[]> rows) {
        int[] width = new int[HEADER.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        List<String> out = new ArrayList<>(rows.size());
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    b.append("  ");
                }
                String pad = " ".repeat(width[i] - r[i].length());
                if (i == r.length - 1) {
                    b.append(r[i]);
                } else {
                    b.append(RIGHT[i] ? pad + r[i] : r[i] + pad);
                }
            }
            out.add(b.toString());
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        String me = System.getProperty("user.name", "");
        Map<Long, Found> found = new TreeMap<>();
        List<Path> commandLineDirs = new ArrayList<>();
        int othersSkipped = 0;
        long self = ProcessHandle.current().pid();
        for (ProcessHandle h : (Iterable<ProcessHandle>) ProcessHandle.allProcesses()::iterator) {
            if (h.pid() == self) {
                continue;
            }
            Optional<TargetProcess> p = TargetProcess.of(h.pid());
            if (p.isEmpty()) {
                continue;
            }
            if (!Files.exists(p.get().controlSocket(), LinkOption.NOFOLLOW_LINKS)) {
                // No control socket (faultline.control=0, or no Faultline): a crash directory of its
                // own on its command line is one more place to look for its live ring.
                Path own = allUsers || p.get().user.equals(me) ? p.get().faultlineDir() : null;
                if (own != null && !commandLineDirs.contains(own)) {
                    commandLineDirs.add(own);
                }
                continue;
            }
            if (!allUsers && !p.get().user.equals(me)) {
                othersSkipped++;
                continue;
            }
            found.put(h.pid(), new Found(p.get(), null));
        }
        boolean missingDir = false;
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                System.err.println("faultline: --dir " + Faultline.escape(d.toString()) + ": "
                        + (Files.exists(d, LinkOption.NOFOLLOW_LINKS) ? "not a directory" : "no such directory"));
                missingDir = true;
            }
        }
        List<Path> where = new ArrayList<>(dirs);
        where.addAll(subdirectories(RingFormat.defaultRoot()));
        where.addAll(commandLineDirs);
        for (Path dir : where) {
            for (Path ring : rings(dir)) {
                RingScan header = header(ring);
                if (!header.isRing() || header.pid() == self || found.containsKey(header.pid())
                        || !RunLiveness.alive(header.pid(), header.startMillis())) {
                    continue;
                }
                Optional<TargetProcess> p = TargetProcess.of(header.pid());
                if (p.isEmpty()) {
                    continue;
                }
                if (!allUsers && !p.get().user.equals(me)) {
                    othersSkipped++;
                    continue;
                }
                found.put(header.pid(), new Found(p.get(), ring.toAbsolutePath().toString()));
            }
        }
        List<Row> rows = ask(new ArrayList<>(found.values()), timeout.get());
        boolean timedOut = false;
        List<String> notes = new ArrayList<>();
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Row r : rows) {
            cells.add(r.cells);
            if (r.note != null) {
                notes.add(r.note);
            }
            timedOut |= r.timedOut;
        }
        for (String line : table(cells)) {
            out.println(line);
        }
        if (rows.isEmpty()) {
            out.println("(no Faultline JVM " + (allUsers ? "" : "of user " + Faultline.escape(me) + " ")
                    + "found: looked for control sockets and for live rings in " + Faultline.escape(String.valueOf(
                    where.isEmpty() ? List.of(RingFormat.defaultRoot()) : where)) + ")");
        }
        for (String n : notes) {
            out.println("note: " + n);
        }
        if (othersSkipped > 0) {
            out.println("note: " + othersSkipped + " Faultline JVM" + (othersSkipped == 1 ? "" : "s")
                    + " of other users not listed; --all-users lists them");
        }
        out.flush();
        return missingDir ? ExitCodes.USAGE : timedOut ? ExitCodes.TIMED_OUT : ExitCodes.OK;
    }

    /** Asks every JVM at once, so that a stopped one costs the listing one timeout, not one each. */
    private static List<Row> ask(List<Found> jvms, Duration timeout) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(16, jvms.size())), r -> {
            Thread t = new Thread(r, "faultline-ps");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Row>> rows = new ArrayList<>();
            for (Found f : jvms) {
                rows.add(pool.submit(() -> row(f, timeout)));
            }
            List<Row> out = new ArrayList<>();
            for (Future<Row> r : rows) {
                out.add(r.get()); // each request is bounded by the timeout
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Row row(Found f, Duration timeout) {
        TargetProcess p = f.process;
        String user = Faultline.escape(p.user);
        try {
            LiveJvm jvm = LiveJvm.connect(p.pid, timeout);
            String taint = jvm.text("Taint");
            taint = taint.startsWith("Tainted: ") ? taint.substring(9).split(" ", 2)[0] : "-";
            String ring = jvm.text("RingPath");
            return new Row(new String[] {String.valueOf(p.pid), user, show(jvm.text("App")), show(jvm.text("RunId")),
                    show(taint), show(jvm.text("WarnCount")), show(jvm.text("OopsCount")), ring.isEmpty() ? "-" : show(ring)},
                    null, false);
        } catch (Unreachable u) {
            return new Row(unknown(p, f), u.getMessage(), u.exitCode() == ExitCodes.TIMED_OUT);
        } catch (RuntimeException e) {
            return new Row(unknown(p, f), "pid " + p.pid + ": " + Faultline.escape(String.valueOf(e)), false);
        }
    }

    /** The row of a JVM that did not answer: what is known without it. */
    private static String[] unknown(TargetProcess p, Found f) {
        return new String[] {String.valueOf(p.pid), Faultline.escape(p.user), "?", "?", "?", "?", "?",
                f.ring == null ? "?" : Faultline.escape(f.ring)};
    }

    private static String show(String answered) {
        return StatusCommand.show(answered);
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
        try (InputStream in = BoundedOpen.within(ring, BoundedOpen.TIMEOUT, () -> Files.newInputStream(ring))) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException | RuntimeException | BoundedOpen.TimedOut e) {
            // An unreadable ring reads as no ring (a FIFO swapped in for it, too).
        }
        return RingReader.read(java.util.Arrays.copyOf(head, n), ring.toString());
    }
}
