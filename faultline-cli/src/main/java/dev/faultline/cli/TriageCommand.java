package dev.faultline.cli;

import dev.faultline.Faultline;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Signature;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code faultline triage <dir>...}: one row per bug across many hosts' crash directories, as
 * syzbot lists crashes. Reports in every ring found (as {@code ring show} finds them) are grouped
 * by signature; a report written before signatures existed gets its signature computed from its
 * kind, site and call trace, by the same rule.
 */
@Command(name = "triage", mixinStandardHelpOptions = true,
        description = {"Group the reports in crash rings from many hosts' crash directories by signature: title,"
                + " count, hosts, runs, first and last seen; most frequent first.",
                "Each <dir> counts as one host. Exit status: 0 ok, 1 when a ring was damaged (its valid records still"
                        + " count), 2 usage error, 3 when no <dir> holds a ring, 6 when a ring file did not open within"
                        + " 10 s (the others still count)."})
public final class TriageCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<dir>", arity = "1..*", description = "A host's crash directory (faultline.dir), its"
            + " archive, one archived run, or a ring file.")
    List<Path> dirs;

    @Option(names = "--json", description = "One JSON array of rows instead of the table.")
    boolean json;

    private final PrintStream out = System.out;

    /** One bug's row. */
    static final class Row {
        final String signature;
        String title;
        String kind;
        long count;
        final TreeSet<String> hosts = new TreeSet<>();
        final TreeSet<String> runs = new TreeSet<>();
        Instant first;
        Instant last;

        Row(String signature) {
            this.signature = signature;
        }

        void add(RingRecord r, String host, String run, String title) {
            count++;
            this.title = title;
            this.kind = r.kind();
            hosts.add(host);
            runs.add(run);
            Instant t = r.time();
            first = first == null || t.isBefore(first) ? t : first;
            last = last == null || t.isAfter(last) ? t : last;
        }
    }

    @Override
    public Integer call() {
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean any = false;
        boolean damaged = false;
        boolean timedOut = false;
        for (Path dir : dirs) {
            List<Path> rings;
            try {
                rings = RingCommand.rings(dir);
            } catch (NothingToRead e) {
                System.err.println("faultline: " + e.getMessage());
                continue;
            }
            any = true;
            String host = dir.toString();
            for (Path p : rings) {
                // Record by record, the open bounded: rings of any size in bounded memory.
                String[] run = {""};
                RingScan scan;
                try {
                    scan = BoundedOpen.ring(p, BoundedOpen.TIMEOUT, s -> run[0] = s.runId() + "/" + s.pid(), r -> {
                        if (!r.isReport() || r.kind().equals(ReportKind.NOTICE.name())) {
                            return;
                        }
                        Signature s = signature(r);
                        rows.computeIfAbsent(s.hash(), Row::new).add(r, host, run[0], s.title());
                    });
                } catch (BoundedOpen.TimedOut e) {
                    System.err.println("faultline: " + e.getMessage());
                    timedOut = true;
                    continue;
                }
                damaged |= !scan.intact();
            }
        }
        if (!any) {
            return ExitCodes.NOTHING_TO_READ;
        }
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparingLong((Row r) -> -r.count).thenComparing(r -> r.signature));
        if (json) {
            out.println(json(sorted));
        } else {
            table(sorted);
        }
        out.flush();
        return timedOut ? ExitCodes.TIMED_OUT : damaged ? ExitCodes.CORRUPT : ExitCodes.OK;
    }

    private void table(List<Row> rows) {
        out.printf("%-16s  %7s  %5s  %5s  %-24s  %-24s  %s%n", "SIGNATURE", "COUNT", "HOSTS", "RUNS", "FIRST SEEN",
                "LAST SEEN", "TITLE");
        for (Row r : rows) {
            out.printf("%-16s  %7d  %5d  %5d  %-24s  %-24s  %s%n", r.signature, r.count, r.hosts.size(), r.runs.size(),
                    r.first, r.last, Faultline.escape(r.title));
        }
        out.println(rows.size() + (rows.size() == 1 ? " bug" : " bugs") + ", "
                + rows.stream().mapToLong(r -> r.count).sum() + " reports");
    }

    static String json(List<Row> rows) {
        StringBuilder b = new StringBuilder(256).append('[');
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            b.append(i == 0 ? "" : ",").append("{\"signature\":").append(Faultline.jsonString(r.signature))
                    .append(",\"title\":").append(Faultline.jsonString(r.title))
                    .append(",\"kind\":").append(Faultline.jsonString(r.kind))
                    .append(",\"count\":").append(r.count)
                    .append(",\"hosts\":").append(strings(r.hosts))
                    .append(",\"runs\":").append(strings(r.runs))
                    .append(",\"first_seen\":\"").append(r.first).append('"')
                    .append(",\"last_seen\":\"").append(r.last).append("\"}");
        }
        return b.append(']').toString();
    }

    private static String strings(TreeSet<String> values) {
        StringBuilder b = new StringBuilder().append('[');
        for (String v : values) {
            b.append(b.length() == 1 ? "" : ",").append(Faultline.jsonString(v));
        }
        return b.append(']').toString();
    }

    /** The record's signature ({@link RingRecord#signature()}); a kind this version does not know groups as a WARNING. */
    static Signature signature(RingRecord r) {
        Signature s = r.signature();
        return s != null ? s : Signature.ofText(ReportKind.WARNING, r.logger(), r.message());
    }
}
