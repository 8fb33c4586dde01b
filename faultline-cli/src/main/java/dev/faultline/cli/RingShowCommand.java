package dev.faultline.cli;

import dev.faultline.Faultline;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
            RingScan scan;
            try {
                scan = BoundedOpen.ring(p, BoundedOpen.TIMEOUT);
            } catch (BoundedOpen.TimedOut e) {
                System.out.flush();
                System.err.println("faultline: " + e.getMessage());
                timedOut = true;
                continue;
            }
            damaged |= !scan.intact();
            if (json) {
                out.println(json(scan));
            } else {
                text(scan);
            }
        }
        out.flush();
        return timedOut ? ExitCodes.TIMED_OUT : damaged ? ExitCodes.CORRUPT : ExitCodes.OK;
    }

    private void text(RingScan scan) {
        out.println(scan.summary());
        for (String p : scan.problems()) {
            out.println("skipped: " + p);
        }
        for (RingRecord r : scan.records()) {
            out.println(r.toText());
        }
    }

    /**
     * One ring as one JSON object. What the file cannot say is {@code null}: a file that is not a
     * ring has no run, pid, start time or shutdown state (not pid 0, started at the epoch).
     */
    static String json(RingScan scan) {
        boolean ring = scan.isRing();
        StringBuilder b = new StringBuilder(256);
        b.append("{\"file\":").append(Faultline.jsonString(scan.source()))
                .append(",\"ring\":").append(ring)
                .append(",\"headerValid\":").append(scan.headerValid())
                .append(",\"run\":").append(ring ? Faultline.jsonString(scan.runId()) : "null")
                .append(",\"pid\":").append(ring ? String.valueOf(scan.pid()) : "null")
                .append(",\"start\":").append(ring ? "\"" + scan.start() + "\"" : "null")
                .append(",\"clean\":").append(ring ? String.valueOf(scan.clean()) : "null")
                .append(",\"valid\":").append(scan.records().size())
                .append(",\"torn\":").append(scan.torn())
                .append(",\"corrupt\":").append(scan.corrupt())
                .append(",\"problems\":[");
        for (int i = 0; i < scan.problems().size(); i++) {
            b.append(i == 0 ? "" : ",").append(Faultline.jsonString(scan.problems().get(i)));
        }
        b.append("],\"records\":[");
        for (int i = 0; i < scan.records().size(); i++) {
            b.append(i == 0 ? "" : ",").append(scan.records().get(i).toJson());
        }
        b.append("],\"app\":").append(ring && !scan.app().isEmpty() ? Faultline.jsonString(scan.app()) : "null");
        b.append(",\"live\":").append(ring ? String.valueOf(scan.live()) : "null");
        return b.append('}').toString();
    }
}
