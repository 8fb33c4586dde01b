package dev.faultline.internal.ring;

import dev.faultline.internal.exit.ExitClassifier;
import dev.faultline.internal.exit.ExitClues;
import dev.faultline.internal.files.ProcessUser;
import dev.faultline.ring.ExitReason;
import dev.faultline.ring.PastRun;
import dev.faultline.ring.RingFormat;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import dev.faultline.ring.RunExit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a crash directory's run history for {@link dev.faultline.ring.RunLog}: its rings (running,
 * or dead and not yet recovered: classified now, nothing moved), its archives (the exit their
 * recovery decided, from {@code outcome.txt}), and the boot records that name cleanly ended runs.
 * Links and what is not a regular file are skipped; every ring is read through the streaming,
 * bounded reader.
 */
public final class RunLogReader {
    /** The most rings read in one history. */
    static final int MAX_RINGS = 1000;
    private static final int MAX_OUTCOME_BYTES = 16 * 1024;

    private RunLogReader() {}

    public static List<PastRun> read(Path dir, String app) {
        Map<String, PastRun> runs = new LinkedHashMap<>();
        List<PastRun> fromBoots = new ArrayList<>();
        List<Path> rings = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.endsWith(RingFormat.FILE_SUFFIX) || n.contains(RingFormat.FILE_SUFFIX + RingFormat.CLAIM_INFIX)) {
                    rings.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        Path archive = dir.resolve(RingFormat.ARCHIVE_DIRECTORY);
        if (Files.isDirectory(archive, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(archive)) {
                for (Path p : ds) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        rings.add(p.resolve("ring.bin"));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The crash directory's own rings still tell.
            }
        }
        rings.sort(null);
        for (Path p : rings.subList(0, Math.min(rings.size(), MAX_RINGS))) {
            try {
                one(p, app, runs, fromBoots);
            } catch (IOException | RuntimeException e) {
                // Unreadable: left out.
            }
        }
        for (PastRun r : fromBoots) {
            runs.putIfAbsent(r.runId(), r);
        }
        List<PastRun> out = new ArrayList<>(runs.values());
        out.sort(Comparator.comparing(PastRun::start));
        return out;
    }

    private static void one(Path p, String app, Map<String, PastRun> runs, List<PastRun> fromBoots) throws IOException {
        if (Files.isSymbolicLink(p) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        ByteBuffer h = Recovery.header(p);
        if (h.limit() < RingFormat.HEADER_LENGTH || h.getLong(RingFormat.H_MAGIC) != RingFormat.MAGIC) {
            return;
        }
        String ringApp = RingFormat.appText(h);
        if (ringApp == null || (app != null && !app.equals(ringApp))) {
            return;
        }
        boolean archived = p.getFileName().toString().equals("ring.bin");
        boolean unclaimed = !archived && p.getFileName().toString().endsWith(RingFormat.FILE_SUFFIX);
        boolean running = unclaimed && RunHistory.stillRuns(p);
        ExitClues clues = new ExitClues();
        List<String> exits = new ArrayList<>();
        RingScan scan = RingReader.read(p, s -> { }, clues.andThen((RingRecord r) -> {
            if (!r.isReport() && RunHistory.BOOT_LOGGER.equals(r.logger())
                    && r.payload().startsWith(RunHistory.EXIT_PREFIX)) {
                exits.add(r.payload());
            }
        }));
        if (!scan.isRing() || scan.runId().isEmpty()) {
            return;
        }
        for (String e : exits) {
            PastRun r = bootExit(e, ringApp);
            if (r != null) {
                fromBoots.add(r);
            }
        }
        RingRecord head = scan.headline();
        String last = head == null ? "" : head.firstLine();
        Instant end = scan.lastSeen(); // the clean end, or a later record (a hook still running when killed)
        if (running) {
            runs.put(scan.runId(), new PastRun(scan.runId(), ringApp, scan.pid(), scan.start(), null, true, null, last, null));
            return;
        }
        RunExit exit = archived ? outcome(p.resolveSibling(RunHistory.OUTCOME_FILE), scan.runId()) : null;
        if (exit == null) {
            boolean believed = scan.clean() && !Files.exists(Recovery.runningMarker(p), LinkOption.NOFOLLOW_LINKS)
                    && scan.end() != null && !clues.after(scan.end().toEpochMilli());
            exit = ExitClassifier.classify(scan, clues, believed, null, ProcessUser.owner(p), null,
                    ExitClassifier.Host.current());
        }
        runs.put(scan.runId(), new PastRun(scan.runId(), ringApp, scan.pid(), scan.start(), end, false, exit, last,
                archived ? p.getParent() : null));
    }

    /** The exit an archive's outcome file recorded, or null when it has none (written before exits were). */
    private static RunExit outcome(Path file, String runId) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (ch.size() > MAX_OUTCOME_BYTES) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate((int) ch.size());
            while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
                // keep reading
            }
            Map<String, String> kv = new HashMap<>();
            for (String line : new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            if (!runId.equals(kv.get("run")) || !kv.containsKey("reason")) {
                return null;
            }
            String hs = kv.getOrDefault("hs_err", "");
            return new RunExit(ExitReason.of(kv.get("reason")), "certain".equals(kv.get("confidence")),
                    kv.getOrDefault("evidence", ""), hs.isEmpty() ? null : hs);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A boot record's {@code previous run <id> pid <pid> started <ms> ended <ms>: <reason> (<confidence>): <evidence>}. */
    static PastRun bootExit(String text, String app) {
        try {
            String[] f = text.substring(RunHistory.EXIT_PREFIX.length()).split(" ", 8);
            // <id> pid <pid> started <ms> ended <ms>: <rest>
            String id = f[0];
            long pid = Long.parseLong(f[2]);
            long start = Long.parseLong(f[4]);
            long end = Long.parseLong(f[6].substring(0, f[6].length() - 1));
            String rest = f[7];
            int open = rest.indexOf(" (");
            int close = rest.indexOf("): ", open);
            ExitReason reason = ExitReason.of(rest.substring(0, open));
            boolean certain = rest.substring(open + 2, close).equals("certain");
            return new PastRun(id, app, pid, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), false,
                    new RunExit(reason, certain, rest.substring(close + 3), null), "", null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
