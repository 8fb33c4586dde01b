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
    /** Two readings of one process's start time may differ by clock-tick rounding. */
    private static final long START_TOLERANCE_MS = 2000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final int keep;
    private final long myPid;
    private final String myRunId;
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
        if (!claimedBefore && h.getInt(H_CLEAN) == CLEAN) {
            // Ended cleanly: nothing to recover, and the file would only pile up. The run is
            // named in this run's boot record instead (a clean run ends a boot loop).
            if (Files.deleteIfExists(ring)) {
                cleanlyEnded.add(runId);
            }
            return null;
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
            return archive(ch, claimed, runId, pid, start);
        }
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

    private Path archive(FileChannel locked, Path claimed, String runId, long pid, long start) throws IOException {
        RingScan scan = RingReader.read(locked, claimed.toString());
        Path archiveRoot = RingFiles.prepareDirectory(dir.resolve(ARCHIVE), "crash archive directory");
        String name = STAMP.format(Instant.ofEpochMilli(start)) + "-" + pid + "-" + safe(runId);
        Path target = archiveRoot.resolve(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            target = archiveRoot.resolve(name + "-" + System.currentTimeMillis());
        }
        Path made = RingFiles.prepareDirectory(target, "crash archive directory");
        try {
            try (Writer text = new BufferedWriter(new OutputStreamWriter(
                    RingFiles.createOwnerOnly(made.resolve("ring.txt")), StandardCharsets.UTF_8), 1 << 16)) {
                writeText(scan, text);
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
        return runId.replaceAll("[^0-9A-Za-z]", "_");
    }

    /** The one line printed for a recovered run. */
    static String summaryLine(RingScan scan, Path archivedIn) {
        RingRecord last = scan.lastReport();
        return "faultline: recovered the crash ring of run " + scan.runId() + " (pid " + scan.pid() + ", started "
                + scan.start() + ", last record " + scan.lastSeen() + "): " + scan.records().size() + " records"
                + (last == null ? ", no reports" : ", last report \"" + last.firstLine() + "\"")
                + "; skipped " + scan.torn() + " torn and " + scan.corrupt() + " corrupt"
                + (scan.headerValid() ? "" : "; header damaged") + "; archived in " + Escape.text(archivedIn.toString());
    }

    /**
     * Writes the human-readable archive: the scan summary, what was skipped and why, then every
     * record. Streamed, because a large ring holds hundreds of thousands of records.
     */
    public static void writeText(RingScan scan, Writer out) throws IOException {
        out.write(scan.summary());
        out.write('\n');
        for (String p : scan.problems()) {
            out.write("skipped: ");
            out.write(p);
            out.write('\n');
        }
        for (RingRecord r : scan.records()) {
            out.write(r.toText());
            out.write('\n');
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
