package dev.faultline.internal.ring;

import dev.faultline.ring.RingFormat;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import dev.faultline.internal.text.Escape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The earlier runs of one application in a crash directory that did not end cleanly, newest
 * first, read from their rings alone: the archived runs ({@code archive/<start>-<app>-<pid>-<run>/ring.bin})
 * and the rings in the crash directory itself (a recovery is archiving them right now, or
 * another start is about to). No extra state file: what the rings say is the history.
 *
 * <p>Only rings whose header names the application count: several applications may share a
 * crash directory, and one application's boot loop says nothing about another. Each ring's
 * 128-byte header is read first (whose run, when it started); a ring is read whole only when
 * its run is needed, newest first, and no older one once the reader says it needs no more
 * (the boot-loop guard stops at the first run that breaks its streak). A ring read whole is
 * read record by record, none of them kept: what the history needs of it is a few lines.
 *
 * <p>A start that finds cleanly ended runs (and removes their rings) leaves a boot record in its
 * own ring ({@link #BOOT_LOGGER}) naming them: that record is how a later reader knows a clean
 * run came between two crashed ones.
 *
 * <p>Several processes starting together: the one that claimed a ring may still be archiving it.
 * The crash directory is listed before the archive, and a ring that has moved by the time it is
 * read is looked for again, so every reader sees every run.
 */
public final class RunHistory {
    /** Logger of the boot record each run writes first into its ring. */
    public static final String BOOT_LOGGER = "faultline.boot";
    /** Prefix of the boot record's list of runs found ended cleanly. */
    static final String CLEAN_PREFIX = "cleanly ended before it: ";
    /** Opens the line of a report that names its debug domain (the report text's own line). */
    private static final String DOMAIN_LINE = "\nDebug domain: ";
    /** How many unreadable rings a read names (it counts them all). */
    private static final int NAMED_UNREADABLE = 3;
    /**
     * Written beside an archived ring: what this history needs of the run, so that a later start
     * reads a few lines instead of the whole ring. Without it (or when it does not match the
     * ring's header) the ring is read whole.
     */
    public static final String OUTCOME_FILE = "outcome.txt";
    /** The longest outcome file read; anything longer is not one. */
    private static final int MAX_OUTCOME_BYTES = 16 * 1024;

    private RunHistory() {}

    /** What a read found. */
    public static final class Read {
        /** The runs, newest start first. */
        public final List<RunOutcome> runs;
        /** How many earlier runs (rings that may be this application's) could not be read. */
        public final int unreadable;
        /** The first few of them, {@code path: why}, escaped. */
        public final List<String> unreadableNamed;
        /** How many rings were read whole (the rest were judged by their header). */
        public final int readWhole;

        Read(List<RunOutcome> runs, int unreadable, List<String> unreadableNamed, int readWhole) {
            this.runs = List.copyOf(runs);
            this.unreadable = unreadable;
            this.unreadableNamed = List.copyOf(unreadableNamed);
            this.readWhole = readWhole;
        }

        /** Nothing read (the ring is off or only in memory). */
        public static final Read NONE = new Read(List.of(), 0, List.of(), 0);
    }

    /** Opens a boot record that names how a cleanly ended run ended (see {@link #exitRecord}). */
    public static final String EXIT_PREFIX = "previous run ";

    /**
     * The text of the boot record that keeps a cleanly ended run's exit once its ring is removed:
     * {@code previous run <id> pid <pid> started <ms> ended <ms>: <reason> (<confidence>): <evidence>}.
     */
    public static String exitRecord(String runId, long pid, long startMillis, long endMillis, dev.faultline.ring.RunExit exit) {
        return EXIT_PREFIX + runId + " pid " + pid + " started " + startMillis + " ended " + endMillis + ": "
                + oneLine(exit.toString());
    }

    /** The boot record's text for a start that found {@code cleanlyEnded} runs ended cleanly. */
    public static String bootRecord(String runId, List<String> recovered, List<String> cleanlyEnded) {
        return "run " + runId + " started; recovered runs: " + (recovered.isEmpty() ? "none" : String.join(",", recovered))
                + "; " + CLEAN_PREFIX + (cleanlyEnded.isEmpty() ? "none" : String.join(",", cleanlyEnded));
    }

    /**
     * At most {@code max} earlier runs of application {@code app} in {@code dir}, newest start
     * first, other than {@code myRunId}; after each run read, {@code older} says whether older
     * ones are wanted at all. Runs still running are left out (they have not ended). Never throws.
     */
    public static Read read(Path dir, String myRunId, String app, int max, Predicate<RunOutcome> older) {
        // A ring can move while it is read (another process claims and archives it): read again,
        // a few times, until every file listed could be read where it was listed.
        Attempt a = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            a = attempt(dir, myRunId, app, max, older);
            if (!a.moved) {
                break;
            }
        }
        return new Read(a.outcomes, a.unreadable, a.unreadableNamed, a.readWhole);
    }

    /** One ring found: where, whose run, when it started. */
    private static final class Candidate {
        final Path file;
        final String runId;
        final long start;
        /** A {@code .ring} in the crash directory (not claimed, not archived): its run may still run. */
        final boolean unclaimed;
        /** An archived {@code ring.bin}: its outcome file may say what is needed. */
        final boolean inArchive;

        Candidate(Path file, String runId, long start, boolean unclaimed, boolean inArchive) {
            this.file = file;
            this.runId = runId;
            this.start = start;
            this.unclaimed = unclaimed;
            this.inArchive = inArchive;
        }
    }

    private static final class Attempt {
        final List<RunOutcome> outcomes = new ArrayList<>();
        int unreadable;
        final List<String> unreadableNamed = new ArrayList<>();
        int readWhole;
        boolean moved;

        void unreadable(Path p, String why) {
            unreadable++;
            if (unreadableNamed.size() < NAMED_UNREADABLE) {
                unreadableNamed.add(Escape.text(p + ": " + why));
            }
        }
    }

    private static Attempt attempt(Path dir, String myRunId, String app, int max, Predicate<RunOutcome> older) {
        Attempt a = new Attempt();
        // The crash directory first, the archive second: a ring on its way into the archive is
        // then seen in one place or the other (or found moved, and the attempt is repeated).
        List<Path> inDir = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.endsWith(RingFormat.FILE_SUFFIX) || n.contains(RingFormat.FILE_SUFFIX + RingFormat.CLAIM_INFIX)) {
                    inDir.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            a.unreadable(dir, "cannot list it (" + e + ")");
            return a;
        }
        List<Path> archived = new ArrayList<>();
        Path archive = dir.resolve(RingFormat.ARCHIVE_DIRECTORY);
        if (Files.isDirectory(archive, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(archive)) {
                for (Path p : ds) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        archived.add(p.resolve("ring.bin"));
                    }
                }
            } catch (IOException | RuntimeException e) {
                a.unreadable(archive, "cannot list it (" + e + ")");
            }
        }
        Map<String, Candidate> byRun = new LinkedHashMap<>();
        for (Path p : inDir) {
            candidate(a, p, false, myRunId, app, byRun);
        }
        for (Path p : archived) {
            candidate(a, p, true, myRunId, app, byRun);
        }
        List<Candidate> newestFirst = new ArrayList<>(byRun.values());
        newestFirst.sort(Comparator.comparingLong((Candidate c) -> c.start).reversed());
        for (Candidate c : newestFirst) {
            if (a.outcomes.size() >= max) {
                break;
            }
            if (c.unclaimed && stillRuns(c.file)) {
                continue; // it has not ended: not part of the history
            }
            RunOutcome known = c.inArchive ? readOutcome(c.file.resolveSibling(OUTCOME_FILE), c.runId, c.start) : null;
            if (known != null) {
                a.outcomes.add(known);
                if (!older.test(known)) {
                    break;
                }
                continue;
            }
            CleanBefore clean = new CleanBefore();
            RingScan scan = RingReader.read(c.file, s -> { }, clean);
            a.readWhole++;
            if (!scan.isRing()) {
                if (!Files.exists(c.file, LinkOption.NOFOLLOW_LINKS)) {
                    a.moved = true; // archived meanwhile: the next attempt finds it there
                    return a;
                }
                a.unreadable(c.file, scan.problems().isEmpty() ? "not readable" : scan.problems().get(0));
                continue;
            }
            RunOutcome o = outcome(scan, clean.ids);
            a.outcomes.add(o);
            if (!older.test(o)) {
                break;
            }
        }
        return a;
    }

    /** Adds the ring {@code p} to {@code byRun} when its header names a run of {@code app} other than ours. */
    private static void candidate(Attempt a, Path p, boolean inArchive, String myRunId, String app,
                                  Map<String, Candidate> byRun) {
        ByteBuffer h;
        try {
            if (Files.isSymbolicLink(p) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                if (inArchive && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    a.unreadable(p, "not a regular file");
                }
                return; // in the crash directory: the recovery has said what it is; in the archive: being made
            }
            h = Recovery.header(p);
        } catch (NoSuchFileException e) {
            a.moved |= !inArchive;
            return;
        } catch (IOException | RuntimeException e) {
            a.unreadable(p, String.valueOf(e));
            return;
        }
        if (h.limit() < RingFormat.HEADER_LENGTH || h.getLong(RingFormat.H_MAGIC) != RingFormat.MAGIC) {
            if (inArchive) {
                a.unreadable(p, "not a Faultline crash ring");
            }
            return;
        }
        String ringApp = RingFormat.appText(h);
        if (ringApp == null) {
            a.unreadable(p, "its application's name fails its checksum");
            return;
        }
        if (!ringApp.equals(app)) {
            return; // another application's run (or one from before rings named theirs)
        }
        byte[] id = new byte[RingFormat.RUN_ID_BYTES];
        h.get(RingFormat.H_RUN_ID, id);
        String runId = new String(id, StandardCharsets.US_ASCII).replace("\0", "");
        if (runId.isEmpty() || runId.equals(myRunId)) {
            return;
        }
        boolean unclaimed = !inArchive && p.getFileName().toString().endsWith(RingFormat.FILE_SUFFIX);
        byRun.putIfAbsent(runId, new Candidate(p, runId, h.getLong(RingFormat.H_START), unclaimed, inArchive));
    }

    /** Whether the run of the unclaimed ring {@code ring} still runs (a clean mark says it ended), by {@link Liveness}. */
    static boolean stillRuns(Path ring) {
        if (HeldRings.channel(ring) != null) {
            return true;
        }
        try (FileChannel ch = FileChannel.open(ring, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer h = Recovery.readHeader(ch);
            if (h.limit() < RingFormat.HEADER_LENGTH || h.getInt(RingFormat.H_CLEAN) == RingFormat.CLEAN) {
                return false;
            }
            return Liveness.judge(h, Liveness.probe(ch), ProcessHandle.current().pid()) != Liveness.Verdict.ENDED;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Collects, record by record, what a run's outcome needs beyond its scan: the runs its boot
     * record names as ended cleanly before it, in record order.
     */
    static final class CleanBefore implements Consumer<RingRecord> {
        final List<String> ids = new ArrayList<>();

        @Override
        public void accept(RingRecord r) {
            if (!r.isReport() && BOOT_LOGGER.equals(r.logger())) {
                int at = r.message().indexOf(CLEAN_PREFIX);
                if (at >= 0) {
                    for (String id : r.message().substring(at + CLEAN_PREFIX.length()).split(",")) {
                        if (!id.isBlank() && !id.strip().equals("none")) {
                            ids.add(id.strip());
                        }
                    }
                }
            }
        }
    }

    /**
     * What the ring file {@code ring} says about how its run ended, read record by record;
     * null when it is not a ring that names its run. Never throws.
     */
    static RunOutcome outcome(Path ring) {
        if (Files.isSymbolicLink(ring) || !Files.isRegularFile(ring, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        CleanBefore clean = new CleanBefore();
        RingScan scan = RingReader.read(ring, s -> { }, clean);
        return scan.isRing() && !scan.runId().isEmpty() ? outcome(scan, clean.ids) : null;
    }

    /**
     * What one ring says about how its run ended: its scan (read with or without its records)
     * and the {@code cleanBefore} its records named ({@link CleanBefore}).
     */
    static RunOutcome outcome(RingScan scan, List<String> cleanBefore) {
        List<String> clean = new ArrayList<>(cleanBefore);
        String domain = null;
        long after = -1;
        // The panic's own report, not the last one: a panic writes more after it (the count of
        // firings still pending, its dumpers' output).
        RingRecord panic = scan.panicReport();
        if (panic != null && "BUG".equals(panic.kind())) {
            domain = domainOf(panic.message());
            after = panic.timeMillis() - scan.startMillis();
        }
        RingRecord head = scan.headline();
        return new RunOutcome(scan.runId(), scan.start(), domain, after, clean, head == null ? "" : head.firstLine());
    }

    /**
     * Writes {@link #OUTCOME_FILE} for the run {@code o} into {@code archiveDir}, owner-only:
     * one {@code key=value} per line (run, start, panic_domain, panic_after_ms, clean_before,
     * headline). The values are one line each already (ids, a domain's name, an escaped headline).
     */
    static void writeOutcome(RunOutcome o, Path archiveDir) throws IOException {
        writeOutcome(o, dev.faultline.ring.RunExit.unknown("not classified"), archiveDir);
    }

    /** As above, with the run's exit (reason, confidence, evidence, hs_err copy) after. */
    static void writeOutcome(RunOutcome o, dev.faultline.ring.RunExit exit, Path archiveDir) throws IOException {
        String text = "run=" + oneLine(o.runId) + "\n"
                + "start=" + o.start.toEpochMilli() + "\n"
                + "panic_domain=" + (o.panicDomain == null ? "" : oneLine(o.panicDomain)) + "\n"
                + "panic_after_ms=" + o.panicAfterMillis + "\n"
                + "clean_before=" + oneLine(String.join(",", o.cleanBefore)) + "\n"
                + "headline=" + oneLine(o.lastReport) + "\n"
                + "reason=" + exit.reason().label() + "\n"
                + "confidence=" + exit.confidence() + "\n"
                + "evidence=" + oneLine(exit.evidence()) + "\n"
                + "hs_err=" + (exit.hsErr() == null ? "" : oneLine(exit.hsErr())) + "\n";
        try (java.io.OutputStream out = RingFiles.createOwnerOnly(archiveDir.resolve(OUTCOME_FILE))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The outcome written beside an archived ring, or null when there is none, it is too long or
     * malformed, or it is not about run {@code runId} started at {@code start} (the ring's own
     * header decides which run this is).
     */
    static RunOutcome readOutcome(Path file, String runId, long start) {
        Map<String, String> kv = new java.util.HashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (ch.size() > MAX_OUTCOME_BYTES) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate((int) ch.size());
            while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
                // keep reading
            }
            for (String line : new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            if (!runId.equals(kv.get("run")) || !String.valueOf(start).equals(kv.get("start"))) {
                return null;
            }
            String domain = kv.getOrDefault("panic_domain", "");
            long after = Long.parseLong(kv.getOrDefault("panic_after_ms", "-1"));
            String clean = kv.getOrDefault("clean_before", "");
            return new RunOutcome(runId, java.time.Instant.ofEpochMilli(start), domain.isEmpty() ? null : domain, after,
                    clean.isEmpty() ? List.of() : List.of(clean.split(",")), kv.getOrDefault("headline", ""));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    /** The debug domain a report's text names, or null for a plain site's report. */
    static String domainOf(String reportText) {
        int at = reportText.indexOf(DOMAIN_LINE);
        if (at < 0) {
            return null;
        }
        int from = at + DOMAIN_LINE.length();
        int end = reportText.indexOf('\n', from);
        String d = (end < 0 ? reportText.substring(from) : reportText.substring(from, end)).strip();
        return d.isEmpty() ? null : d;
    }
}
