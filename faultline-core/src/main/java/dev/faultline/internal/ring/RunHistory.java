package dev.faultline.internal.ring;

import dev.faultline.ring.RingFormat;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The earlier runs of a crash directory that did not end cleanly, newest first, read from their
 * rings alone: the archived runs ({@code archive/<start>-<pid>-<run>/ring.bin}) and the rings a
 * recovery is archiving right now ({@code *.ring.recovering-*}). No extra state file: what the
 * rings say is the history.
 *
 * <p>A start that finds cleanly ended runs (and removes their rings) leaves a boot record in its
 * own ring ({@link #BOOT_LOGGER}) naming them: that record is how a later reader knows a clean
 * run came between two crashed ones.
 *
 * <p>Several processes starting together: the one that claimed a ring may still be archiving it.
 * The claimed files are listed before the archive, and a claimed file that has moved by the time
 * it is read is read from the archive, so every reader sees every run.
 */
public final class RunHistory {
    /** Logger of the boot record each run writes first into its ring. */
    public static final String BOOT_LOGGER = "faultline.boot";
    /** Prefix of the boot record's list of runs found ended cleanly. */
    static final String CLEAN_PREFIX = "cleanly ended before it: ";
    /** Opens the line of a report that names its debug domain (the report text's own line). */
    private static final String DOMAIN_LINE = "\nDebug domain: ";

    private RunHistory() {}

    /** The boot record's text for a start that found {@code cleanlyEnded} runs ended cleanly. */
    public static String bootRecord(String runId, List<String> recovered, List<String> cleanlyEnded) {
        return "run " + runId + " started; recovered runs: " + (recovered.isEmpty() ? "none" : String.join(",", recovered))
                + "; " + CLEAN_PREFIX + (cleanlyEnded.isEmpty() ? "none" : String.join(",", cleanlyEnded));
    }

    /** At most {@code max} earlier runs of {@code dir}, newest start first, other than {@code myRunId}. */
    public static List<RunOutcome> read(Path dir, String myRunId, int max) {
        // A ring can move while it is read (another process claims and archives it): read again,
        // a few times, until every file listed could be read where it was listed.
        List<RunOutcome> out = List.of();
        for (int attempt = 0; attempt < 5; attempt++) {
            Attempt a = attempt(dir, myRunId);
            out = a.outcomes;
            if (!a.moved) {
                break;
            }
        }
        return out.size() > max ? out.subList(0, max) : out;
    }

    private static final class Attempt {
        final List<RunOutcome> outcomes;
        final boolean moved;

        Attempt(List<RunOutcome> outcomes, boolean moved) {
            this.outcomes = outcomes;
            this.moved = moved;
        }
    }

    private static Attempt attempt(Path dir, String myRunId) {
        // The crash directory first, the archive second: a ring on its way into the archive is
        // then seen in one place or the other (or found moved, and the attempt is repeated).
        List<Path> rings = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.endsWith(RingFormat.FILE_SUFFIX) || n.contains(RingFormat.FILE_SUFFIX + RingFormat.CLAIM_INFIX)) {
                    rings.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Attempt(List.of(), false);
        }
        Path archive = dir.resolve(RingFormat.ARCHIVE_DIRECTORY);
        if (Files.isDirectory(archive, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(archive)) {
                for (Path p : ds) {
                    rings.add(p.resolve("ring.bin"));
                }
            } catch (IOException | RuntimeException e) {
                // what the crash directory says is still worth reading
            }
        }
        Map<String, RunOutcome> byRun = new LinkedHashMap<>();
        boolean moved = false;
        for (Path p : rings) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                moved = true;
                continue;
            }
            RunOutcome o = outcome(p);
            if (o != null && !o.runId.equals(myRunId) && !o.live) {
                byRun.putIfAbsent(o.runId, o);
            }
        }
        List<RunOutcome> out = new ArrayList<>(byRun.values());
        out.sort(Comparator.comparing((RunOutcome o) -> o.start).reversed());
        return new Attempt(out, moved);
    }

    /** What one ring says about how its run ended; null when it cannot be read. */
    static RunOutcome outcome(Path ring) {
        RingScan scan;
        List<String> clean = new ArrayList<>();
        try {
            if (!Files.isRegularFile(ring, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            // Record by record: the boot record is among the oldest, and a ring is not held whole.
            scan = RingReader.read(ring, s -> { }, r -> {
                if (!r.isReport() && BOOT_LOGGER.equals(r.logger())) {
                    int at = r.message().indexOf(CLEAN_PREFIX);
                    if (at >= 0) {
                        for (String id : r.message().substring(at + CLEAN_PREFIX.length()).split(",")) {
                            if (!id.isBlank() && !id.strip().equals("none")) {
                                clean.add(id.strip());
                            }
                        }
                    }
                }
            });
        } catch (RuntimeException e) {
            return null;
        }
        if (!scan.isRing() || scan.runId().isEmpty()) {
            return null;
        }
        String domain = null;
        long after = -1;
        RingRecord last = scan.lastReport();
        if (last != null && "BUG".equals(last.kind())) {
            domain = domainOf(last.message());
            after = last.timeMillis() - scan.startMillis();
        }
        // Whether the ring's own run still runs: its pid and start time, not the file lock (a
        // ring being recovered is locked by the process recovering it).
        boolean live = ring.getFileName().toString().endsWith(RingFormat.FILE_SUFFIX) && !scan.clean()
                && Recovery.alive(scan.pid(), scan.startMillis());
        return new RunOutcome(scan.runId(), scan.start(), domain, after, clean, last == null ? "" : last.firstLine(),
                live);
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
