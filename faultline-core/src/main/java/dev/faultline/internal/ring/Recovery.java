package dev.faultline.internal.ring;

import static dev.faultline.ring.RingFormat.*;

import dev.faultline.internal.exit.ExitClassifier;
import dev.faultline.internal.exit.ExitClues;
import dev.faultline.internal.exit.ExitMarks;
import dev.faultline.internal.exit.Heartbeat;
import dev.faultline.internal.files.ProcessUser;
import dev.faultline.internal.text.Escape;
import dev.faultline.ring.RecoveredRun;
import dev.faultline.ring.RingFormat;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import dev.faultline.ring.RunExit;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
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
import java.util.function.Consumer;

/**
 * The systemd-pstore of Faultline: at start-up, finds the rings of earlier runs that did not
 * shut down cleanly and are no longer alive, archives each one exactly once (text plus the
 * original binary), keeps the N most recent archives of the application, and prints one
 * summary line per run.
 *
 * <p>Whether a run is alive is decided by {@link Liveness}: first by the lock on its ring file,
 * which the recovery takes itself (exclusively, through the one channel it then reads and
 * archives through), never by a pid alone. A ring is claimed by renaming it while holding its
 * lock, which only one process can do; two processes starting together therefore never
 * archive the same run twice, and the one that finds a ring gone or locked says nothing. A
 * recovery that died half-way leaves a {@code .recovering-*} file, which the next start claims
 * the same way.
 *
 * <p>Files named like rings that this start cannot take (a planted link, a directory, another
 * user's file, another program's file, a file this user cannot open, a ring whose run's
 * liveness cannot be told) are left alone and cost one line per start between them, naming the
 * first few. Only this user's own files are ever opened, claimed, archived or removed (the
 * owner as {@link ProcessUser} decides it): in a shared sticky directory, or as root, what
 * another user put there is not touched.
 */
public final class Recovery {
    static final String RING_SUFFIX = RingFormat.FILE_SUFFIX;
    static final String CLAIM_INFIX = RingFormat.CLAIM_INFIX;
    static final String ARCHIVE = RingFormat.ARCHIVE_DIRECTORY;
    /** Suffix of a ring's "still running" marker, deleted by the JVM after every shutdown hook. */
    static final String RUNNING_SUFFIX = ".running";
    /** A ring being created that has not been renamed for this long was left by a start that died mid-way. */
    private static final long STALE_CREATING_MILLIS = 3_600_000;
    /** How many earlier clean runs' exits a start carries forward from a clean ring it removes. */
    private static final int MAX_CARRIED = 50;
    /** How many foreign files the one line about them names. */
    private static final int NAMED_FOREIGN = 3;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final int keep;
    private final long myPid;
    private final String myRunId;
    /** Only rings of this application are taken; null takes every ring. */
    private final String myApp;
    private final Consumer<String> out;
    private final ExitClassifier.Host host;

    private final List<RecoveredRun> recovered = new ArrayList<>();
    /** The cleanly ended runs' exits, as {@link #cleanExits()} says. */
    private final List<String> cleanExits = new ArrayList<>();
    private final List<String> cleanlyEnded = new ArrayList<>();
    /** Files named like rings that this pass left alone, and why ("name (why)"), sorted by name. */
    private final List<String> foreign = new ArrayList<>();

    /** The operator's recovery: every application's rings, and no archive removed (see below). */
    public Recovery(Path dir, int keep, long myPid, String myRunId, Consumer<String> out) {
        this(dir, keep, myPid, myRunId, null, out);
    }

    /**
     * A recovery that takes only the rings whose header names application {@code myApp}: another
     * application's ring, or one whose header names none, is left alone (it is that
     * application's evidence, or unknown). {@code null} takes every ring and prunes nothing.
     *
     * @param dir     the crash directory (already checked by the caller)
     * @param keep    how many archived runs of {@code myApp} to keep
     * @param myPid   this process's pid
     * @param myRunId this run's id; a ring carrying it is never recovered
     * @param out     where the summary and problem lines go
     */
    public Recovery(Path dir, int keep, long myPid, String myRunId, String myApp, Consumer<String> out) {
        this(dir, keep, myPid, myRunId, myApp, out, ExitClassifier.Host.current());
    }

    /** As above, with the host's evidence from {@code host} (a test's other boot id). */
    public Recovery(Path dir, int keep, long myPid, String myRunId, String myApp, Consumer<String> out,
                    ExitClassifier.Host host) {
        this.host = host;
        this.myApp = myApp;
        this.dir = dir;
        this.keep = keep;
        this.myPid = myPid;
        this.myRunId = myRunId;
        this.out = out;
    }

    /** The runs {@link #run()} recovered and archived, in the order it took them. */
    public List<RecoveredRun> recovered() {
        return List.copyOf(recovered);
    }

    /**
     * For each run {@link #run()} found ended cleanly and removed, one line for the boot record
     * ({@link RunHistory#exitRecord}): how it ended (clean, or a signal whose hooks finished).
     */
    public List<String> cleanExits() {
        return List.copyOf(cleanExits);
    }

    /** The runs {@link #run()} found ended cleanly and removed (their ids). */
    public List<String> cleanlyEnded() {
        return List.copyOf(cleanlyEnded);
    }

    /**
     * One pass over the crash directory: recovers what it may, says in one line what it left
     * alone, prunes this application's archives; returns the archive folders it wrote. Never
     * throws: a ring it could not recover costs one line and stays for the next start.
     */
    public List<Path> run() {
        List<Path> archived = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.endsWith(RING_SUFFIX) || name.contains(RING_SUFFIX + CLAIM_INFIX)
                        || name.endsWith(RingFormat.CREATING_SUFFIX)) {
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
                if (p.getFileName().toString().endsWith(RingFormat.CREATING_SUFFIX)) {
                    removeIfStale(p);
                    continue;
                }
                Path a = recoverOne(p);
                if (a != null) {
                    archived.add(a);
                }
            } catch (NoSuchFileException e) {
                // Another start took it (claimed, archived or removed it) between listing and now.
            } catch (IOException | RuntimeException e) {
                out.accept("faultline: could not recover the crash ring " + Escape.text(p.toString()) + ": "
                        + Escape.text(String.valueOf(e)));
            }
        }
        if (!foreign.isEmpty()) {
            out.accept(foreignLine());
        }
        if (!archived.isEmpty() && myApp != null) {
            prune();
        }
        return archived;
    }

    /** One line for every file left alone by this pass: how many, and the first few by name with why. */
    private String foreignLine() {
        StringBuilder b = new StringBuilder("faultline: left alone ").append(foreign.size())
                .append(foreign.size() == 1 ? " file in " : " files in ").append(Escape.text(dir.toString()))
                .append(" named like crash rings: ");
        for (int i = 0; i < Math.min(NAMED_FOREIGN, foreign.size()); i++) {
            b.append(i == 0 ? "" : ", ").append(foreign.get(i));
        }
        if (foreign.size() > NAMED_FOREIGN) {
            b.append(" and ").append(foreign.size() - NAMED_FOREIGN).append(" more");
        }
        return b.toString();
    }

    private void leftAlone(Path file, String why) {
        String name = file.getFileName().toString();
        if (name.length() > 80) {
            name = name.substring(0, 80) + "...";
        }
        foreign.add(Escape.text(name) + " (" + why + ")");
    }

    private Path recoverOne(Path ring) throws IOException {
        if (Files.isSymbolicLink(ring)) {
            leftAlone(ring, "a symbolic link");
            return null;
        }
        if (!Files.isRegularFile(ring, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(ring, LinkOption.NOFOLLOW_LINKS)) {
                leftAlone(ring, "not a regular file");
            } // else: another start took it since the listing
            return null;
        }
        if (!ProcessUser.owns(ring)) {
            leftAlone(ring, "another user's file");
            return null;
        }
        if (HeldRings.channel(ring) != null) {
            return null; // this process's own ring, or one it is archiving
        }
        FileChannel ch;
        try {
            // Read and write: the exclusive lock needs it. NOFOLLOW: a link swapped in since the check is refused.
            ch = FileChannel.open(ring, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.AccessDeniedException e) {
            leftAlone(ring, "this user cannot open it");
            return null;
        }
        try (ch) {
            // The lock first: a run holds its ring's lock until it ends, and only one process at a
            // time can hold it. Everything below reads through this channel only: closing any other
            // channel on the file would drop the lock (POSIX).
            Liveness.Lock lock;
            try {
                lock = ch.tryLock() == null ? Liveness.Lock.HELD : Liveness.Lock.FREE;
            } catch (OverlappingFileLockException e) {
                lock = Liveness.Lock.HELD;
            } catch (IOException e) {
                lock = Liveness.Lock.UNTESTABLE; // no locks on this file system: the header decides
            }
            if (lock == Liveness.Lock.HELD) {
                return null; // its run still runs, or another start is archiving it
            }
            ByteBuffer h = readHeader(ch);
            if (h.limit() < HEADER_LENGTH || h.getLong(H_MAGIC) != MAGIC) {
                leftAlone(ring, "not a Faultline crash ring");
                return null;
            }
            return recoverLocked(ring, ch, h, lock);
        }
    }

    /** The rest of {@link #recoverOne}, for a Faultline ring whose lock this process holds (or that has none). */
    private Path recoverLocked(Path ring, FileChannel ch, ByteBuffer h, Liveness.Lock lock) throws IOException {
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
        // A claimed ring's claimer held its lock while archiving; the lock is free: it died half-way.
        if (!claimedBefore) {
            Liveness.Verdict verdict = Liveness.judge(h, lock, myPid);
            if (verdict == Liveness.Verdict.CANNOT_TELL) {
                leftAlone(ring, "it holds no lock and its pid " + pid + " is in another PID namespace: whether run "
                        + runId + " still runs cannot be told");
                return null;
            }
            if (verdict == Liveness.Verdict.RUNNING) {
                return null;
            }
        }
        String notClean = null;
        if (!claimedBefore && h.getInt(H_CLEAN) == CLEAN) {
            ExitClues clues = new ExitClues();
            RingScan[] scanned = new RingScan[1];
            List<String> carried = new ArrayList<>();
            notClean = cleanMarkBelied(ring, ch, h.getLong(H_END), clues, scanned, carried);
            if (notClean == null) {
                // The exits of clean runs before it live on in this run's ring only: carried into the next one.
                for (String c : carried.subList(Math.max(0, carried.size() - MAX_CARRIED), carried.size())) {
                    if (!cleanExits.contains(c)) {
                        cleanExits.add(c);
                    }
                }
                RunExit exit = ExitClassifier.classify(scanned[0], clues, true, null, ProcessUser.owner(ring), null, host);
                cleanExits.add(RunHistory.exitRecord(runId, pid, start, h.getLong(H_END), exit));
                // Ended cleanly: nothing to recover, and the file would only pile up. The run is
                // named in this run's boot record instead (a clean run ends a boot loop).
                deleteOwn(runningMarker(ring));
                if (Files.deleteIfExists(ring)) {
                    cleanlyEnded.add(runId);
                }
                return null;
            }
            // Nothing unread is ever deleted: archive it like any crashed run.
            out.accept("faultline: the crash ring " + Escape.text(ring.toString()) + " is marked clean, but "
                    + notClean + "; archiving it");
        }
        String base = ring.getFileName().toString();
        int cut = base.indexOf(RING_SUFFIX + CLAIM_INFIX);
        if (cut >= 0) {
            base = base.substring(0, cut + RING_SUFFIX.length());
        }
        Path claimed = ring.resolveSibling(base + CLAIM_INFIX + myRunId);
        HeldRings.hold(ch, ring);
        try {
            try {
                Files.move(ring, claimed, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                return null; // another process claimed it first
            }
            Path archived = archive(ch, claimed, runId, app == null ? "" : app, pid, start, notClean);
            deleteOwn(runningMarker(ring.resolveSibling(base)));
            return archived;
        } finally {
            HeldRings.release(ch);
        }
    }

    /** Deletes {@code file} when it is this user's (or a link of this user's); another user's file stays. */
    private static void deleteOwn(Path file) throws IOException {
        if (ProcessUser.owns(file)) {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Removes a ring file that a start left half-made (killed between creating it and giving it
     * its name): only when nobody holds its lock, nothing has touched it for an hour, and it
     * holds no header or the header of a ring of this application, without records (a ring is
     * renamed before its first record). The operator's recovery (no application) leaves them.
     */
    private void removeIfStale(Path file) throws IOException {
        if (myApp == null || Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                || !ProcessUser.owns(file)
                || System.currentTimeMillis() - Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis()
                < STALE_CREATING_MILLIS) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            if (ch.tryLock() == null) {
                return;
            }
            ByteBuffer h = readHeader(ch);
            boolean blank = h.limit() < HEADER_LENGTH || h.getLong(H_MAGIC) == 0;
            boolean ours = !blank && h.getLong(H_MAGIC) == MAGIC && myApp.equals(RingFormat.appText(h))
                    && RingReader.check(ch, file.toString()).recordCount() == 0;
            if (blank || ours) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | OverlappingFileLockException e) {
            // Not ours to judge now; a later start looks again.
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
    private static String cleanMarkBelied(Path ring, FileChannel ch, long endMillis, ExitClues clues,
                                          RingScan[] scanned, List<String> carried) {
        if (Files.exists(runningMarker(ring), LinkOption.NOFOLLOW_LINKS)) {
            return "its run never finished its shutdown hooks (killed after the mark?)";
        }
        // Through the channel that holds the lock, record by record: none is kept.
        int[] after = {0};
        scanned[0] = RingReader.read(ch, ring.toString(), scan -> { }, r -> {
            // The run's own exit marks (a heartbeat, a shutdown tick) may follow the mark from
            // Faultline's daemon threads until the JVM is gone: they do not belie it.
            if (!r.isReport() && RunHistory.BOOT_LOGGER.equals(r.logger())
                    && r.payload().startsWith(RunHistory.EXIT_PREFIX)) {
                carried.add(r.payload()); // an earlier clean run's exit, which only this ring still held
            }
            if (r.timeMillis() > endMillis && !ExitMarks.LOGGER.equals(r.logger())
                    && !Heartbeat.LOGGER.equals(r.logger())) {
                after[0]++;
            }
            clues.accept(r);
        });
        return after[0] == 0 ? null : after[0] + " record(s) were written after the mark";
    }

    /** The first {@link RingFormat#HEADER_LENGTH} bytes of the file open in {@code ch} (fewer when it is shorter). */
    static ByteBuffer readHeader(FileChannel ch) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        while (h.hasRemaining() && ch.read(h, h.position()) > 0) {
            // keep reading
        }
        h.flip();
        return h;
    }

    private Path archive(FileChannel locked, Path claimed, String runId, String app, long pid, long start,
                         String belied) throws IOException {
        Path archiveRoot = RingFiles.prepareDirectory(dir.resolve(ARCHIVE), "crash archive directory");
        // <start>-<app>-<pid>-<run>: sorted by start time for pruning, and the application shows.
        String name = STAMP.format(Instant.ofEpochMilli(start)) + "-" + (app.isEmpty() ? "" : safeApp(app) + "-") + pid
                + "-" + safe(runId);
        Path target = archiveRoot.resolve(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            target = archiveRoot.resolve(name + "-" + System.currentTimeMillis());
        }
        Path made = RingFiles.prepareDirectory(target, "crash archive directory");
        RingScan scan;
        RunExit exit;
        try {
            // One pass through the locked channel, record by record: the text and what the run's outcome needs.
            RunHistory.CleanBefore clean = new RunHistory.CleanBefore();
            ExitClues clues = new ExitClues();
            try (Writer text = new BufferedWriter(new OutputStreamWriter(
                    RingFiles.createOwnerOnly(made.resolve("ring.txt")), StandardCharsets.UTF_8), 1 << 16)) {
                scan = writeText(locked, claimed.toString(), text, clean.andThen(clues));
            }
            exit = ExitClassifier.classify(scan, clues, false, belied, ProcessUser.owner(claimed), made, host);
            RunHistory.writeOutcome(RunHistory.outcome(scan, clean.ids), exit, made);
            Files.move(claimed, made.resolve("ring.bin"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // No half archive: the claimed ring stays where it is for the next start.
            deleteTree(made);
            throw e;
        }
        String summary = summaryLine(scan, made) + "; it ended: " + exit;
        recovered.add(new RecoveredRun(scan, made, summary, exit));
        out.accept(summary);
        return made;
    }

    private static String safe(String runId) {
        return runId.replaceAll("[^0-9A-Za-z._]", "_");
    }

    /**
     * The application's name as the archive folder spells it: as {@code faultline.app} allows
     * (letters, digits, '.', '_' and '-'; {@code boot-newcomer} stays {@code boot-newcomer}), any
     * other character '_'. Nothing parses the folder name: the ring's header names the application.
     */
    private static String safeApp(String app) {
        return app.replaceAll("[^0-9A-Za-z._-]", "_");
    }

    /**
     * The one line printed for a recovered run: named after its panic ({@code panicked: "BUG: ..."})
     * when it panicked, else after its last report.
     */
    static String summaryLine(RingScan scan, Path archivedIn) {
        RingRecord head = scan.headline();
        String named = scan.panicked() ? (head == null ? ", panicked" : ", panicked: \"" + head.firstLine() + "\"")
                : head == null ? ", no reports" : ", last report \"" + head.firstLine() + "\"";
        return "faultline: recovered the crash ring of run " + scan.runId() + " ("
                + (scan.app().isEmpty() ? "" : "app " + Escape.text(scan.app()) + ", ") + "pid " + scan.pid() + ", started "
                + scan.start() + ", last record " + scan.lastSeen() + "): " + scan.recordCount() + " records"
                + named
                + "; skipped " + scan.torn() + " torn and " + scan.corrupt() + " corrupt"
                + (scan.headerValid() ? "" : "; header damaged") + "; archived in " + Escape.text(archivedIn.toString());
    }

    /**
     * Reads the ring on {@code ring} and writes the human-readable archive: the scan summary, what
     * was skipped and why, then every record, oldest first. Streamed record by record, so a large
     * ring costs no more memory than a small one. Returns the scan.
     */
    public static RingScan writeText(FileChannel ring, String source, Writer out) throws IOException {
        return writeText(ring, source, out, r -> { });
    }

    /** As {@link #writeText(FileChannel, String, Writer)}, handing each record to {@code also} after writing it. */
    static RingScan writeText(FileChannel ring, String source, Writer out, Consumer<? super RingRecord> also)
            throws IOException {
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
                also.accept(r);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Keeps the {@code keep} newest archives <em>of this application</em>: an archive counts
     * only when its {@code ring.bin} header names this application, so another application's
     * archive, or one whose application cannot be read, is never counted or removed. Every
     * archive removed was announced when it was made (its recovered line, the application's log
     * and telemetry): that is what bounds the disk in a boot loop.
     */
    private void prune() {
        Path root = dir.resolve(ARCHIVE);
        List<Path> runs = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || !ProcessUser.owns(p)) {
                    continue; // another user's directory is never counted or removed
                }
                try {
                    ByteBuffer h = header(p.resolve("ring.bin"));
                    if (h.limit() >= HEADER_LENGTH && h.getLong(H_MAGIC) == MAGIC && myApp.equals(RingFormat.appText(h))) {
                        runs.add(p);
                        starts.add(h.getLong(H_START));
                    }
                } catch (IOException | RuntimeException e) {
                    // Whose it is cannot be read: not counted, not removed.
                }
            }
        } catch (IOException | RuntimeException e) {
            out.accept("faultline: cannot list the crash archive " + Escape.text(root.toString()) + ": "
                    + Escape.text(String.valueOf(e)));
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> starts.get(x).equals(starts.get(y)) ? runs.get(x).compareTo(runs.get(y))
                : Long.compare(starts.get(x), starts.get(y)));
        for (int i = 0; i < order.size() - keep; i++) {
            Path old = runs.get(order.get(i));
            try {
                deleteTree(old);
            } catch (IOException | RuntimeException e) {
                out.accept("faultline: cannot remove the old archive " + Escape.text(old.toString()) + ": "
                        + Escape.text(String.valueOf(e)));
            }
        }
    }

    /**
     * The header bytes of the ring file {@code file} (fewer when it is shorter): through the
     * channel this process holds it with, if any (see {@link HeldRings}), else read and closed.
     * Never follows a link.
     */
    static ByteBuffer header(Path file) throws IOException {
        FileChannel held = HeldRings.channel(file);
        if (held != null) {
            return readHeader(held);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return readHeader(ch);
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
