package dev.faultline.cli;

import dev.faultline.Faultline;
import dev.faultline.ring.RingReader;
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
                "Exit status: 0 when every ring was read (damaged ones included), 2 when no ring was found."})
public final class RingShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<file-or-dir>", description = "A ring file, or a crash directory (faultline.dir).")
    Path target;

    @Option(names = "--json", description = "One JSON object per ring, on one line, records included.")
    boolean json;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        List<Path> rings = RingCommand.rings(target);
        if (rings.isEmpty()) {
            System.err.println("faultline: no crash rings in " + Faultline.escape(target.toString()));
            return 2;
        }
        for (Path p : rings) {
            RingScan scan = RingReader.read(p);
            if (json) {
                out.println(json(scan));
            } else {
                text(scan);
            }
        }
        out.flush();
        return 0;
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

    static String json(RingScan scan) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"file\":").append(Faultline.jsonString(scan.source()))
                .append(",\"ring\":").append(scan.isRing())
                .append(",\"headerValid\":").append(scan.headerValid())
                .append(",\"run\":").append(Faultline.jsonString(scan.runId()))
                .append(",\"pid\":").append(scan.pid())
                .append(",\"start\":\"").append(scan.start()).append('"')
                .append(",\"clean\":").append(scan.clean())
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
        return b.append("]}").toString();
    }
}
