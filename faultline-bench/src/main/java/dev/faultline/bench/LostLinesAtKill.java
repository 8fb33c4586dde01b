package dev.faultline.bench;

import dev.faultline.ring.RingReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lines lost at {@code kill -9}, side by side: each configuration runs in a child JVM
 * ({@link LostLinesChild}) logging numbered lines from 4 threads as fast as it can; the child is
 * SIGKILLed at a random moment (50 to 500 ms after it reports ready), and the lines it
 * acknowledged last — the last {@value #WINDOW} lines each thread's log call had returned from —
 * are looked up in what it left behind (the log file, or the crash ring). A line counts as
 * present only when whole.
 *
 * <p>{@code bench/lost-lines [trials] [configuration ...]}; trials default to 100.
 */
public final class LostLinesAtKill {
    /** Acknowledged lines checked per thread per trial (the ring holds thousands). */
    static final int WINDOW = 50;
    static final List<String> CONFIGS = List.of("faultline-ring", "logback-file-flush", "logback-file-buffered",
            "logback-async-file", "log4j2-async-file", "log4j2-mmap");
    private static final Pattern LINE = Pattern.compile("t(\\d) n(\\d+) " + LostLinesChild.PADDING + " END");

    /** One configuration's totals. */
    public static final class Tally {
        public final String config;
        public int trials;
        public int trialsWithLoss;
        public long lost;
        public long maxLost;
        public long checked;

        Tally(String config) {
            this.config = config;
        }

        String row() {
            return String.format(Locale.ROOT, "| %-22s | %6d | %8d | %11d | %9d | %8.1f |", config, trials,
                    trialsWithLoss, lost, maxLost, trials == 0 ? 0.0 : (double) lost / trials);
        }
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        List<String> configs = args.length > 1 ? List.of(args).subList(1, args.length) : CONFIGS;
        Path work = Files.createTempDirectory("faultline-lost-lines");
        List<Tally> tallies = run(configs, trials, work, System.getProperty("java.class.path"), new Random());
        System.out.println(table(tallies));
    }

    public static String table(List<Tally> tallies) {
        StringBuilder b = new StringBuilder();
        b.append("| configuration          | trials | lossy tr | lines lost  | max/trial | mean/tr  |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (Tally t : tallies) {
            b.append(t.row()).append('\n');
        }
        b.append("(lost: of the last ").append(WINDOW).append(" acknowledged lines of each of ")
                .append(LostLinesChild.THREADS).append(" threads per trial)");
        return b.toString();
    }

    public static List<Tally> run(List<String> configs, int trials, Path work, String classPath, Random random)
            throws Exception {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (String c : configs) {
            tallies.put(c, new Tally(c));
        }
        // Interleave configurations so machine load affects them alike.
        for (int i = 0; i < trials; i++) {
            for (String c : configs) {
                Path dir = Files.createDirectories(work.resolve(c + "-" + i));
                long lost = trial(c, dir, classPath, 50 + random.nextInt(451));
                Tally t = tallies.get(c);
                t.trials++;
                t.lost += lost;
                t.maxLost = Math.max(t.maxLost, lost);
                t.checked += (long) WINDOW * LostLinesChild.THREADS;
                if (lost > 0) {
                    t.trialsWithLoss++;
                }
                System.err.printf(Locale.ROOT, "trial %d %s: %d lost%n", i + 1, c, lost);
            }
        }
        return new ArrayList<>(tallies.values());
    }

    /** One child, killed {@code killAfterMs} after it is ready; returns the acknowledged lines missing. */
    static long trial(String config, Path dir, String classPath, int killAfterMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath,
                // A ring big enough that a thread descheduled for a while still finds its last
                // lines there after the others wrote on: overwriting is capacity, not loss at kill.
                "-Dfaultline.dir=" + dir.resolve("crash"), "-Dfaultline.ring_size=64m", "-Dfaultline.console=off",
                LostLinesChild.class.getName(), config, dir.toString());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"READY".equals(line)) {
                throw new IllegalStateException(config + ": child did not start: " + line + "; "
                        + Files.readString(dir.resolve("stderr.txt")));
            }
            Thread.sleep(killAfterMs);
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux
            p.waitFor(30, TimeUnit.SECONDS);
        }
        long[] acked = acks(dir.resolve("acks"));
        Set<Long> present = present(config, dir);
        long lost = 0;
        for (int t = 0; t < LostLinesChild.THREADS; t++) {
            for (long n = Math.max(1, acked[t] - WINDOW + 1); n <= acked[t]; n++) {
                if (!present.contains(key(t, n))) {
                    lost++;
                }
            }
        }
        return lost;
    }

    static long key(int thread, long n) {
        return n * 16 + thread;
    }

    static long[] acks(Path file) throws IOException {
        // A MappedByteBuffer writes big-endian unless ordered otherwise.
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.BIG_ENDIAN);
        long[] out = new long[LostLinesChild.THREADS];
        for (int t = 0; t < out.length; t++) {
            out[t] = b.getLong(t * 8);
        }
        return out;
    }

    /** Every whole line the child left behind, as {@link #key}s. */
    static Set<Long> present(String config, Path dir) throws IOException {
        Set<Long> keys = new HashSet<>();
        if (config.equals("faultline-ring")) {
            try (Stream<Path> s = Files.list(dir.resolve("crash"))) {
                for (Path ring : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".ring"))::iterator) {
                    // Every record, not the newest read(path) keeps: a 64 MiB ring holds hundreds of thousands.
                    RingReader.read(ring, scan -> { }, r -> add(keys, r.message()));
                }
            }
        } else {
            Path log = dir.resolve("app.log");
            if (Files.exists(log)) {
                add(keys, new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
            }
        }
        return keys;
    }

    private static void add(Set<Long> keys, String text) {
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            keys.add(key(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))));
        }
    }
}
