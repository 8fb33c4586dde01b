package dev.faultline.internal.ring;

import static dev.faultline.ring.RingFormat.*;

import dev.faultline.internal.text.Escape;
import dev.faultline.ring.RecoveredRun;
import dev.faultline.ring.RingFormat;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The systemd-pstore of Faultline: at start-up, finds the rings of earlier runs that did not
 * shut down cleanly and are no longer alive, archives each one exactly once (text plus the
 * original binary), keeps the N most recent archives, and prints one summary line per run.
 *
 * <p>A run is alive when it still holds the lock on its ring file, or when a process with its
 * pid and its start time exists and it is not this process (in a container every JVM may be
 * pid 1, so the pid alone proves nothing). A ring is claimed by renaming it, which only one
 * process can do; two processes starting together therefore never archive the same run twice.
 * A recovery that died half-way leaves a {@code .recovering-*} file, which the next start
 * claims the same way.
 */
public final class Recovery {
    static final String RING_SUFFIX = RingFormat.FILE_SUFFIX;
    static final String CLAIM_INFIX = RingFormat.CLAIM_INFIX;
    static final String ARCHIVE = RingFormat.ARCHIVE_DIRECTORY;
    /** Suffix of a ring's "still running" marker, deleted by the JVM after every shutdown hook. */
    static final String RUNNING_SUFFIX = ".running";
    /** Two readings of one process's start time may differ by clock-tick rounding. */
    private static final long START_TOLERANCE_MS = 2000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final int keep;
    private final long myPid;
    private final String myRunId;
    /** Only rings of this application are taken; null takes every ring. */
    private final String myApp;
    private final Consumer<String> out;

    /**
     * @param dir     the crash directory (already checked by the caller)
     * @param keep    how many archived runs to keep
     * @param myPid   this process's pid
     * @param myRunId this run's id; a ring carrying it is never recovered
     * @param out     where the summary and problem lines go
     */
    private final List<RecoveredRun> recovered = new ArrayList<>();
    private final List<String> cleanlyEnded = new ArrayList<>();

    public Recovery(Path dir, int keep, long myPid, String myRunId, Consumer<String> out) {
        this(dir, keep, myPid, myRunId, null, out);
    }

    /**
     * As above, taking only the rings whose header names application {@code myApp}: another
     * application's ring, or one whose header names none, is left alone (it is that
     * application's evidence, or unknown). {@code null} takes every ring.
     */
    public Recovery(Path dir, int keep, long myPid, String myRunId, String myApp, Consumer<String> out) {
        this.myApp = myApp;
        this.dir = dir;
        this.keep = keep;
        this.myPid = myPid;
        this.myRunId = myRunId;
        this.out = out;
    }

    /** What one pass did: the archive folders it wrote. */
    /** The runs {@link #run()} recovered and archived, in the order it took them. */
    public List<RecoveredRun> recovered() {
        return List.copyOf(recovered);
    }

    /** The runs {@link #run()} found ended cleanly and removed (their ids). */
    public List<String> cleanlyEnded() {
        return List.copyOf(cleanlyEnded);
    }

    public List<Path> run() {
        List<Path> archived = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.endsWith(RING_SUFFIX) || name.contains(RING_SUFFIX + CLAIM_INFIX)) {
                    candidates.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            out.accept("faultline: cannot list the crash directory " + dir + " for rings of earlier runs: " + e);
            return archived;
        }
        candidates.sort(null);
        for (Path p : candidates) {
            try {
                Path a = recoverOne(p);
                if (a != null) {
                    archived.add(a);
                }
            } catch (IOException | RuntimeException e) {
                out.accept("faultline: could not recover the crash ring " + p + ": " + e);
            }
        }
        if (!archived.isEmpty()) {
            prune();
        }
        return archived;
    }

    private Path recoverOne(Path ring) throws IOException {
        if (Files.isSymbolicLink(ring)) {
            out.accept("faultline: refusing crash ring " + ring + ": it is a symbolic link; left alone");
            return null;
        }
        if (!Files.isRegularFile(ring, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        ByteBuffer h = readHeader(ring);
        if (h == null) {
            return null;
        }
        if (h.limit() < HEADER_LENGTH || h.getLong(H_MAGIC) != MAGIC) {
            out.accept("faultline: " + ring + " is not a Faultline crash ring; left alone");
            return null;
        }
        long pid = h.getLong(H_PID);
        long start = h.getLong(H_START);
        byte[] id = new byte[RUN_ID_BYTES];
        h.get(H_RUN_ID, id);
        String runId = new String(id, StandardCharsets.US_ASCII).replace("\0", "");
        boolean claimedBefore = ring.getFileName().toString().contains(CLAIM_INFIX);
        if (runId.equals(myRunId)) {
            return null;
        }
        String app = RingFormat.appText(h);
        if (myApp != null && !myApp.equals(app)) {
            return null; // another application's evidence, not ours to move
        }
        if (!claimedBefore && h.getInt(H_CLEAN) == CLEAN) {
            String notClean = cleanMarkBelied(ring, h.getLong(H_END));
            if (notClean == null) {
                // Ended cleanly: nothing to recover, and the file would only pile up. The run is
                // named in this run's boot record instead (a clean run ends a boot loop).
                Files.deleteIfExists(runningMarker(ring));
                if (Files.deleteIfExists(ring)) {
                    cleanlyEnded.add(runId);
                }
                return null;
            }
            if (processAlive(pid, start)) {
                return null;
            }
            // Nothing unread is ever deleted: archive it like any crashed run.
            out.accept("faultline: the crash ring " + ring + " is marked clean, but " + notClean + "; archiving it");
        }
        if (!claimedBefore && processAlive(pid, start)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(ring, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                return null; // its run, or another recovery, still holds it
            }
            String base = ring.getFileName().toString();
            int cut = base.indexOf(RING_SUFFIX + CLAIM_INFIX);
            if (cut >= 0) {
                base = base.substring(0, cut + RING_SUFFIX.length());
            }
            Path claimed = ring.resolveSibling(base + CLAIM_INFIX + myRunId);
            try {
                Files.move(ring, claimed, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                return null; // another process claimed it first
            }
            // Read through this channel only: closing any other channel on the file would drop
            // the lock (POSIX), and a second process could claim the ring while it is archived.
            Path archived = archive(ch, claimed, runId, app == null ? "" : app, pid, start);
            Files.deleteIfExists(runningMarker(ring.resolveSibling(base)));
            return archived;
        }
    }

    /** The "still running" marker of {@code ring}: present from boot until every shutdown hook returned. */
    public static Path runningMarker(Path ring) {
        // "<pid>-<run>.running", not "<ring>.running": tools that list rings by ".ring" must not see it.
        String name = ring.getFileName().toString();
        String base = name.endsWith(RING_SUFFIX) ? name.substring(0, name.length() - RING_SUFFIX.length()) : name;
        return ring.resolveSibling(base + RUNNING_SUFFIX);
    }

    /**
     * Why a ring's clean mark cannot be believed, or null when it can: its run's
     * {@link #runningMarker(Path) running marker} is still there (a shutdown hook never
     * returned: the process was killed after the mark), or the ring holds records written
     * after the mark.
     */
    private static String cleanMarkBelied(Path ring, long endMillis) {
        if (Files.exists(runningMarker(ring), LinkOption.NOFOLLOW_LINKS)) {
            return "its run never finished its shutdown hooks (killed after the mark?)";
        }
        int[] after = {0};
        RingReader.read(ring, scan -> { }, r -> {
            if (r.timeMillis() > endMillis) {
                after[0]++;
            }
        });
        return after[0] == 0 ? null : after[0] + " record(s) were written after the mark";
    }

    private static ByteBuffer readHeader(Path ring) {
        try (FileChannel ch = FileChannel.open(ring, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            while (h.hasRemaining() && ch.read(h) > 0) {
                // keep reading
            }
            h.flip();
            return h;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return ByteBuffer.allocate(0);
        }
    }

    /** True when a process with this pid and start time exists and is not this process. */
    boolean processAlive(long pid, long startMillis) {
        if (pid == myPid) {
            return false; // a different run with our pid: an earlier container incarnation
        }
        return alive(pid, startMillis);
    }

    /** True when a process with this pid and start time exists (an unknown start time counts as that run). */
    static boolean alive(long pid, long startMillis) {
        try {
            Optional<ProcessHandle> ph = ProcessHandle.of(pid);
            if (ph.isEmpty() || !ph.get().isAlive()) {
                return false;
            }
            Optional<Instant> started = ph.get().info().startInstant();
            // Unknown start time: assume it is that run, rather than steal a live ring.
            return started.isEmpty() || Math.abs(started.get().toEpochMilli() - startMillis) <= START_TOLERANCE_MS;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private Path archive(FileChannel locked, Path claimed, String runId, String app, long pid, long start)
            throws IOException {
        Path archiveRoot = RingFiles.prepareDirectory(dir.resolve(ARCHIVE), "crash archive directory");
        // <start>-<app>-<pid>-<run>: sorted by start time for pruning, and the application shows.
        String name = STAMP.format(Instant.ofEpochMilli(start)) + "-" + (app.isEmpty() ? "" : safe(app) + "-") + pid
                + "-" + safe(runId);
        Path target = archiveRoot.resolve(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            target = archiveRoot.resolve(name + "-" + System.currentTimeMillis());
        }
        Path made = RingFiles.prepareDirectory(target, "crash archive directory");
        RingScan scan;
        try {
            try (Writer text = new BufferedWriter(new OutputStreamWriter(
                    RingFiles.createOwnerOnly(made.resolve("ring.txt")), StandardCharsets.UTF_8), 1 << 16)) {
                scan = writeText(locked, claimed.toString(), text);
            }
            Files.move(claimed, made.resolve("ring.bin"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // No half archive: the claimed ring stays where it is for the next start.
            deleteTree(made);
            throw e;
        }
        String summary = summaryLine(scan, made);
        recovered.add(new RecoveredRun(scan, made, summary));
        out.accept(summary);
        return made;
    }

    private static String safe(String runId) {
        return runId.replaceAll("[^0-9A-Za-z._]", "_");
    }

    /** The one line printed for a recovered run. */
    static String summaryLine(RingScan scan, Path archivedIn) {
        RingRecord last = scan.lastReport();
        return "faultline: recovered the crash ring of run " + scan.runId() + " ("
                + (scan.app().isEmpty() ? "" : "app " + Escape.text(scan.app()) + ", ") + "pid " + scan.pid() + ", started "
                + scan.start() + ", last record " + scan.lastSeen() + "): " + scan.recordCount() + " records"
                + (last == null ? ", no reports" : ", last report \"" + last.firstLine() + "\"")
                + "; skipped " + scan.torn() + " torn and " + scan.corrupt() + " corrupt"
                + (scan.headerValid() ? "" : "; header damaged") + "; archived in " + Escape.text(archivedIn.toString());
    }

    /**
     * Reads the ring on {@code ring} and writes the human-readable archive: the scan summary, what
     * was skipped and why, then every record, oldest first. Streamed record by record, so a large
     * ring costs no more memory than a small one. Returns the scan.
     */
    public static RingScan writeText(FileChannel ring, String source, Writer out) throws IOException {
        try {
            return RingReader.read(ring, source, scan -> {
                try {
                    out.write(scan.summary());
                    out.write('\n');
                    for (String p : scan.problems()) {
                        out.write("skipped: ");
                        out.write(p);
                        out.write('\n');
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, r -> {
                try {
                    out.write(r.toText());
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Keeps the {@code keep} newest archives (names start with the run's start time). */
    private void prune() {
        Path root = dir.resolve(ARCHIVE);
        List<Path> runs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    runs.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            out.accept("faultline: cannot list the crash archive " + root + ": " + e);
            return;
        }
        runs.sort(null);
        for (int i = 0; i < runs.size() - keep; i++) {
            try {
                deleteTree(runs.get(i));
            } catch (IOException | RuntimeException e) {
                out.accept("faultline: cannot remove the old archive " + runs.get(i) + ": " + e);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        // walkFileTree does not follow links: a link inside is removed, never what it points to.
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
