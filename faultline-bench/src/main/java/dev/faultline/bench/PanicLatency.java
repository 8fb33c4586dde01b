package dev.faultline.bench;

import dev.faultline.Faultline;
import dev.faultline.report.Report;
import dev.faultline.Site;
import dev.faultline.panic.DumpReason;
import dev.faultline.panic.DumperWeight;
import dev.faultline.panic.Panics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Panic latency: the time from {@code bugOn(true)} to the dumpers (the BUG report is in the
 * crash ring by then; the suppressed counts, the not-syncing line and the ring force follow,
 * bounded), and to the process gone, over N spawned JVMs (one panic per process, as in life), with no heavy dumps
 * ({@code faultline.panic_dumps=none}). Not JMH: a panic ends its process.
 *
 * <p>Each child takes {@code System.nanoTime()} just before the BUG; a light PANIC dumper,
 * registered through the public API, prints the time when the dumpers run; the parent reads the same monotonic clock when the child's output ends
 * (it halted), which bounds "exit starting" from above (it adds the JVM's teardown). "cold" children panic with the first report of the process; "warm"
 * ones have printed one warning first, as a service that has warned before would have. Both
 * wait 300 ms after boot first: in a real service a panic does not race the boot.
 *
 * <pre>{@code bench/panic-latency [N]   (default 50 per mode)}</pre>
 */
public final class PanicLatency {
    private PanicLatency() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        if (n < 1) {
            throw new IllegalArgumentException("N must be at least 1, was " + n);
        }
        System.out.printf(Locale.ROOT, "panic latency over %d spawned JVMs per mode (bugOn(true) -> ...), ms%n", n);
        System.out.printf(Locale.ROOT, "%-5s %-16s %8s %8s %8s%n", "mode", "step", "median", "p99", "max");
        // The children's crash rings (forced by every panic: that is part of what is timed) go to a
        // directory of this run, not the user's crash directory, and are removed at the end.
        Path crashDir = Files.createTempDirectory("faultline-panic-latency-");
        try {
            measure(n, crashDir);
        } finally {
            try (Stream<Path> files = Files.walk(crashDir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static void measure(int n, Path crashDir) throws Exception {
        for (String mode : List.of("cold", "warm")) {
            List<Long> forced = new ArrayList<>();
            List<Long> exit = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long[] t = runChild(mode, crashDir);
                forced.add(t[0]);
                exit.add(t[1]);
            }
            print(mode, "report in ring, dumpers reached", forced);
            print(mode, "process gone", exit);
        }
    }

    private static void print(String mode, String step, List<Long> nanos) {
        Collections.sort(nanos);
        System.out.printf(Locale.ROOT, "%-5s %-16s %8.3f %8.3f %8.3f%n", mode, step, ms(percentile(nanos, 50)),
                ms(percentile(nanos, 99)), ms(nanos.get(nanos.size() - 1)));
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Runs one child; returns {ring forced, process gone} in nanoseconds after the BUG. */
    private static long[] runChild(String mode, Path crashDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dfaultline.panic_dumps=none", "-Dfaultline.dir=" + crashDir, "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), mode)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
        Process p = pb.start();
        long forced = -1;
        long bugAt = -1;
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("forced ")) {
                    forced = Long.parseLong(line.substring(7));
                } else if (line.startsWith("bug-at ")) {
                    bugAt = Long.parseLong(line.substring(7));
                }
            }
        }
        int code = p.waitFor();
        // System.nanoTime() is one monotonic clock for every process on the machine (Linux
        // CLOCK_MONOTONIC), so the child's BUG time and the parent's "gone" time compare.
        long exit = bugAt < 0 ? -1 : System.nanoTime() - bugAt;
        if (code != 70 || forced < 0 || exit < 0) {
            throw new IllegalStateException("child did not panic as expected: exit " + code + ", output " + lines);
        }
        return new long[] {forced, exit};
    }

    /** One panicking process. */
    public static final class Child {
        static final Site SITE = Faultline.site("bench.panic-latency");
        static volatile long bugAt;

        private Child() {}

        public static void main(String[] args) {
            // Measured through the public API only: a light dumper runs once the BUG report is in
            // the ring; the rest of the evidence (suppressed counts, not-syncing line, force) follows.
            Panics.addDumper("latency-probe", DumpReason.PANIC, Duration.ofSeconds(5), DumperWeight.LIGHT, ctx -> {
                long dumpedAt = System.nanoTime();
                System.out.println("forced " + (dumpedAt - bugAt));
                System.out.flush();
            });
            if (args.length > 0 && args[0].equals("warm")) {
                Faultline.site("bench.warm-up").warnOn(true, "warming the report path");
            }
            // A panic does not race the boot in a real service: let the boot-time preparation finish.
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("bug-at " + System.nanoTime());
            System.out.flush();
            bugAt = System.nanoTime();
            SITE.bugOn(true, "measuring panic latency");
        }
    }
}
