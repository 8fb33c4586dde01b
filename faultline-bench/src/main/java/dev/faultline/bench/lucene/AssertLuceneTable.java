package dev.faultline.bench.lucene;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@link LuceneWorkload} in a fresh JVM per mode and round — {@code -da}, {@code -ea}, the
 * agent with {@code assert:org.apache.lucene=off}, the agent with {@code =warn} — in an order
 * that rotates from round to round (so no mode always runs first or last on a machine that
 * warms up or slows down), and prints a table: mean time per pass with a 95 % confidence
 * interval over the rounds, the two ratios the agent is judged by (agent off against
 * {@code -da}, agent warn against {@code -ea}) with their intervals, and how many reports
 * Lucene's own asserts gave in each mode (a rewrite that changed an assert's meaning would
 * make a correct assert fire).
 *
 * <pre>
 * AssertLuceneTable --agent faultline-agent.jar --cp benchmarks.jar [--rounds 5] [--docs 100000] [--passes 3]
 * </pre>
 * It exits 1 when any run failed, the runs disagree on the hit checksum, or warn mode gave a
 * report.
 */
public final class AssertLuceneTable {
    static final Pattern RESULT = Pattern.compile("RESULT index_ms=([0-9.]+) search_ms=([0-9.]+) hits=(-?[0-9]+)");
    /** Two-sided 95 % Student t quantiles for 1..10 degrees of freedom. */
    static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};

    private AssertLuceneTable() {}

    static final class Mode {
        final String name;
        final List<String> options;
        final List<Double> millis = new ArrayList<>();
        final List<Double> index = new ArrayList<>();
        final List<Double> search = new ArrayList<>();
        long reports;
        long unchanged;
        String rewritten = "";

        Mode(String name, List<String> options) {
            this.name = name;
            this.options = options;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        String agent = Path.of(require(opt, "agent")).toAbsolutePath().toString();
        String cp = require(opt, "cp");
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "5"));
        int docs = Integer.parseInt(opt.getOrDefault("docs", "100000"));
        int passes = Integer.parseInt(opt.getOrDefault("passes", "3"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path crash = Files.createTempDirectory("assert-lucene-");

        List<Mode> modes = List.of(
                new Mode("-da", List.of("-da")),
                new Mode("-ea", List.of("-ea")),
                new Mode("agent off", List.of("-da", "-javaagent:" + agent, "-Dfaultline.debug=assert:org.apache.lucene=off")),
                new Mode("agent warn", List.of("-da", "-javaagent:" + agent, "-Dfaultline.debug=assert:org.apache.lucene=warn")));
        Long checksum = null;
        boolean failed = false;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < modes.size(); k++) {
                Mode m = modes.get((k + round) % modes.size());
                List<String> cmd = new ArrayList<>();
                cmd.add(java);
                cmd.add("-Xms2g");
                cmd.add("-Xmx2g");
                cmd.add("-Dfaultline.dir=" + crash);
                cmd.add("-Dfaultline.app=assert-lucene");
                cmd.addAll(m.options);
                cmd.addAll(List.of("-cp", cp, LuceneWorkload.class.getName(), Integer.toString(docs), Integer.toString(passes)));
                Process p = new ProcessBuilder(cmd).start();
                p.getOutputStream().close();
                StringBuilder err = new StringBuilder();
                Thread drain = drain(p.getErrorStream(), err);
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                }
                drain.join();
                Matcher r = RESULT.matcher(out);
                if (p.exitValue() != 0 || !r.find()) {
                    System.err.println("round " + (round + 1) + ", " + m.name + ": run failed (exit " + p.exitValue() + ")\n"
                            + out + err);
                    failed = true;
                    continue;
                }
                double index = Double.parseDouble(r.group(1));
                double search = Double.parseDouble(r.group(2));
                long hits = Long.parseLong(r.group(3));
                if (checksum != null && checksum != hits) {
                    System.err.println("round " + (round + 1) + ", " + m.name + ": hit checksum " + hits + " differs from "
                            + checksum + ": the modes did not do the same work");
                    failed = true;
                }
                checksum = hits;
                m.index.add(index);
                m.search.add(search);
                m.millis.add(index + search);
                m.reports += count(err, "\nWARNING: assert:") + count("\n" + err, "\nBUG: assert:");
                m.unchanged += count(err, " left unchanged: ");
                Matcher rw = Pattern.compile("faultline-agent: (rewrote \\d+ classes[^\\n]*)").matcher(err);
                if (rw.find()) {
                    m.rewritten = rw.group(1);
                }
                System.err.printf(Locale.ROOT, "round %d/%d  %-10s  index %8.1f ms  search %8.1f ms  reports %d%n",
                        round + 1, rounds, m.name, index, search, m.reports);
            }
        }
        print(modes, rounds, docs, passes);
        Mode warn = modes.get(3);
        if (warn.reports > 0) {
            System.out.println("FAIL: Lucene's own asserts gave " + warn.reports + " reports in warn mode");
            failed = true;
        }
        System.exit(failed ? 1 : 0);
    }

    static void print(List<Mode> modes, int rounds, int docs, int passes) {
        System.out.printf(Locale.ROOT, "%nLucene %s: %,d documents indexed and %,d queries, mean of %d pass(es) per JVM,"
                        + " %d round(s) of the four modes in rotating order; ± is the 95%% confidence interval over the rounds.%n%n",
                org.apache.lucene.util.Version.LATEST, docs, LuceneWorkload.QUERIES, Math.max(1, passes - 1), rounds);
        System.out.printf(Locale.ROOT, "| %-10s | %18s | %18s | %20s | %-28s | %7s |%n", "mode", "index (ms)", "search (ms)",
                "index+search (ms)", "ratio", "reports");
        System.out.println("|------------|--------------------|--------------------|----------------------|------------------------------|---------|");
        Mode da = modes.get(0);
        Mode ea = modes.get(1);
        for (Mode m : modes) {
            String ratio = m.name.equals("agent off") ? ratio(m, da) + " of -da"
                    : m.name.equals("agent warn") ? ratio(m, ea) + " of -ea"
                    : m.name.equals("-ea") ? ratio(m, da) + " of -da" : "1 (baseline)";
            System.out.printf(Locale.ROOT, "| %-10s | %18s | %18s | %20s | %-28s | %7d |%n", m.name, interval(m.index),
                    interval(m.search), interval(m.millis), ratio, m.reports);
        }
        for (Mode m : modes) {
            if (!m.rewritten.isEmpty() || m.unchanged > 0) {
                System.out.println(m.name + ": agent " + m.rewritten + (m.unchanged > 0 ? "; " + m.unchanged
                        + " class(es) left unchanged" : ""));
            }
        }
    }

    static String interval(List<Double> xs) {
        if (xs.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f ± %.0f", mean(xs), halfWidth(xs));
    }

    /** The ratio of the means, its interval from the two relative intervals combined. */
    static String ratio(Mode a, Mode b) {
        if (a.millis.isEmpty() || b.millis.isEmpty()) {
            return "-";
        }
        double r = mean(a.millis) / mean(b.millis);
        double rel = Math.hypot(halfWidth(a.millis) / mean(a.millis), halfWidth(b.millis) / mean(b.millis));
        return String.format(Locale.ROOT, "%.3f ± %.3f", r, r * rel);
    }

    static double mean(List<Double> xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.size();
    }

    static double halfWidth(List<Double> xs) {
        int n = xs.size();
        if (n < 2) {
            return 0;
        }
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = n - 1 <= T95.length ? T95[n - 2] : 1.96;
        return t * sd / Math.sqrt(n);
    }

    static int count(CharSequence text, String needle) {
        String s = text.toString();
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private static Thread drain(InputStream in, StringBuilder to) {
        Thread t = new Thread(() -> {
            try {
                String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                synchronized (to) {
                    to.append(s);
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        });
        t.start();
        return t;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }

    private static String require(Map<String, String> opt, String key) {
        String v = opt.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v;
    }
}
