package dev.faultline.cli;

import dev.faultline.Faultline;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import dev.faultline.ring.RunLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faultline ring show <file-or-dir> [--json]}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print the valid records of crash rings in sequence order, and what was skipped and why.",
                "Exit status: 0 when every ring is intact, 1 when any ring is corrupt, damaged or not a ring (its"
                        + " valid records are printed all the same), 2 on a usage error, 3 when the path does not"
                        + " exist, cannot be read, is not a regular file or holds no ring, 6 when a file did not open"
                        + " within 10 s (the others are still shown)."})
public final class RingShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<file-or-dir>", description = "A ring file, a crash directory (faultline.dir), its"
            + " archive directory, or one archived run's directory.")
    Path target;

    @Option(names = "--json", description = "One JSON object per ring, on one line, records included.")
    boolean json;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        List<Path> rings;
        try {
            rings = RingCommand.rings(target);
        } catch (NothingToRead e) {
            System.err.println("faultline: " + e.getMessage());
            return ExitCodes.NOTHING_TO_READ;
        }
        boolean damaged = false;
        boolean timedOut = false;
        for (Path p : rings) {
            // Record by record: a ring of any size is printed in bounded memory. The open is bounded.
            RingScan scan;
            RingRecord[] lastBeat = new RingRecord[1];
            try {
                scan = json
                        ? BoundedOpen.ring(p, BoundedOpen.TIMEOUT, s -> out.print(jsonHead(s)), jsonRecords())
                        : BoundedOpen.ring(p, BoundedOpen.TIMEOUT, this::textHead, r -> {
                            out.println(r.toText());
                            if (!r.isReport() && RunLog.HEARTBEAT_LOGGER.equals(r.logger())) {
                                lastBeat[0] = r;
                            }
                        });
            } catch (BoundedOpen.TimedOut e) {
                out.flush();
                System.err.println("faultline: " + e.getMessage());
                timedOut = true;
                continue;
            }
            if (json) {
                out.println(jsonTail(scan));
            } else if (lastBeat[0] != null) {
                // The run's last pulse, said once more at the end: what its memory looked like last.
                out.println("last heartbeat: " + lastBeat[0].time() + " " + Faultline.escape(lastBeat[0].message()));
            }
            damaged |= !scan.intact();
        }
        out.flush();
        return timedOut ? ExitCodes.TIMED_OUT : damaged ? ExitCodes.CORRUPT : ExitCodes.OK;
    }

    /** Prints one ring's records as the elements of its JSON records array. */
    private Consumer<RingRecord> jsonRecords() {
        return new Consumer<>() {
            boolean first = true;

            @Override
            public void accept(RingRecord r) {
                out.print(first ? "" : ",");
                out.print(r.toJson());
                first = false;
            }
        };
    }

    private void textHead(RingScan scan) {
        String summary = scan.summary();
        out.println(summary);
        for (String p : scan.problems()) {
            if (!scan.isRing() && summary.contains(p)) {
                continue; // a file that is no ring: its summary says why already
            }
            out.println("skipped: " + p);
        }
    }

    /**
     * One ring as one JSON object, printed in three parts so its records need not be held: this
     * head, the records, {@link #jsonTail}. What the file cannot say is {@code null}: a file that
     * is not a ring has no run, pid, start time or shutdown state (not pid 0, started at the epoch).
     */
    static String jsonHead(RingScan scan) {
        boolean ring = scan.isRing();
        StringBuilder b = new StringBuilder(256);
        b.append("{\"file\":").append(Faultline.jsonString(scan.source()))
                .append(",\"ring\":").append(ring)
                .append(",\"headerValid\":").append(scan.headerValid())
                .append(",\"run\":").append(ring ? Faultline.jsonString(scan.runId()) : "null")
                .append(",\"pid\":").append(ring ? String.valueOf(scan.pid()) : "null")
                .append(",\"start\":").append(ring ? "\"" + scan.start() + "\"" : "null")
                .append(",\"clean\":").append(ring ? String.valueOf(scan.clean()) : "null")
                .append(",\"valid\":").append(scan.recordCount())
                .append(",\"torn\":").append(scan.torn())
                .append(",\"corrupt\":").append(scan.corrupt())
                .append(",\"problems\":[");
        for (int i = 0; i < scan.problems().size(); i++) {
            b.append(i == 0 ? "" : ",").append(Faultline.jsonString(scan.problems().get(i)));
        }
        return b.append("],\"records\":[").toString();
    }

    /** The object from the end of its records array. */
    static String jsonTail(RingScan scan) {
        boolean ring = scan.isRing();
        StringBuilder b = new StringBuilder(64);
        b.append("],\"app\":").append(ring && !scan.app().isEmpty() ? Faultline.jsonString(scan.app()) : "null");
        b.append(",\"live\":").append(ring ? String.valueOf(scan.live()) : "null");
        return b.append('}').toString();
    }
}
