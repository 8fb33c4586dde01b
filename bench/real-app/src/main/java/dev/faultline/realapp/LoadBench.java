package dev.faultline.realapp;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures {@link RealApp} built without and with faultline-spring-boot-starter: each round
 * starts every arm in a fresh JVM (in an order that reverses every round), waits for readiness
 * (the start-up time), drives it on loopback with a fixed number of client threads for a warm-up
 * and then a measured period (bounded in time and in requests), reads its RSS, and stops it.
 * Arms: {@code base} (no Faultline), {@code faultline} (the starter, nothing fires) and
 * {@code planted} (the starter, and a warning limited to one report per 5 s on a path every 20th
 * owner takes). Prints every round, then the mean ratio to {@code base} of each figure with its
 * 95 % confidence interval (Student's t over the rounds). Loopback only; no other host is ever
 * contacted. Exit 1 when an arm failed to start or a request failed.
 *
 * <pre>
 * java -cp CLASSES dev.faultline.realapp.LoadBench --base CP --faultline CP [--rounds 5]
 *     [--seconds 60] [--warmup 20] [--clients 8] [--max-requests 5000000] [--no-planted]
 * </pre>
 */
public final class LoadBench {
    private static final String[] PREFIXES = {"F", "Da", "R", "Bl", "E", "S", "Co", "Mc", "Ca", "L", "Do", "J", "O", "N"};

    private LoadBench() {}

    record Arm(String name, String classPath, List<String> options) {}

    record Figures(double throughput, double p50Ms, double p99Ms, double startupS, double rssMiB, long requests,
            long failed, long faultlineTicks) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-planted")) {
                opt.put("no-planted", "true");
            } else if (a.startsWith("--") && i + 1 < args.length) {
                opt.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "5"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "60"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "20"));
        int clients = Integer.parseInt(opt.getOrDefault("clients", "8"));
        long maxRequests = Long.parseLong(opt.getOrDefault("max-requests", "5000000"));
        String base = read(opt.get("base"));
        String faultline = read(opt.get("faultline"));
        String classes = opt.getOrDefault("classes", new File(LoadBench.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).getPath());
        Path work = Files.createTempDirectory("real-app-bench-");
        List<String> common = List.of("-Xms512m", "-Xmx512m", "-Dfaultline.dir=" + work.resolve("crash"),
                "-Dlogging.level.root=WARN");
        List<Arm> arms = new ArrayList<>();
        arms.add(new Arm("base", classes + File.pathSeparator + base, common));
        arms.add(new Arm("faultline", classes + File.pathSeparator + faultline, common));
        if (!opt.containsKey("no-planted")) {
            List<String> planted = new ArrayList<>(common);
            planted.add("-Dreal-app.planted=true");
            arms.add(new Arm("planted", classes + File.pathSeparator + faultline, planted));
        }
        System.out.printf(Locale.ROOT, "real-app: %d rounds, %d clients, %d s warm-up + %d s measured per arm, at most %d requests;"
                + " each run's output in %s%n", rounds, clients, warmup, seconds, maxRequests, work);
        System.out.printf(Locale.ROOT, "%-5s %-9s %10s %8s %8s %9s %8s %9s %6s %10s%n", "round", "arm", "req/s", "p50 ms",
                "p99 ms", "start s", "RSS MiB", "requests", "failed", "fl ticks");
        Map<String, List<Figures>> results = new LinkedHashMap<>();
        boolean failed = false;
        for (int r = 1; r <= rounds; r++) {
            List<Arm> order = new ArrayList<>(arms);
            if (r % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (Arm arm : order) {
                Figures f = run(arm, clients, warmup, seconds, maxRequests, work.resolve(r + "-" + arm.name() + ".log"));
                if (f == null) {
                    failed = true;
                    System.out.printf(Locale.ROOT, "%-5d %-9s did not start%n", r, arm.name());
                    continue;
                }
                failed |= f.failed() > 0;
                results.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(f);
                System.out.printf(Locale.ROOT, "%-5d %-9s %10.1f %8.2f %8.2f %9.2f %8.1f %9d %6d %10d%n", r, arm.name(),
                        f.throughput(), f.p50Ms(), f.p99Ms(), f.startupS(), f.rssMiB(), f.requests(), f.failed(),
                        f.faultlineTicks());
            }
        }
        summary(results);
        System.exit(failed ? 1 : 0);
    }

    private static String read(String file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("--base and --faultline name the files holding each arm's class path");
        }
        return Files.readString(Path.of(file)).strip();
    }

    private static void summary(Map<String, List<Figures>> results) {
        List<Figures> base = results.get("base");
        if (base == null) {
            return;
        }
        System.out.println();
        System.out.println("ratio to base, per round; mean [95 % confidence interval] (RSS: difference in MiB)");
        for (Map.Entry<String, List<Figures>> e : results.entrySet()) {
            if (e.getKey().equals("base")) {
                continue;
            }
            List<Figures> arm = e.getValue();
            int n = Math.min(arm.size(), base.size());
            double[][] ratios = new double[5][n];
            for (int i = 0; i < n; i++) {
                Figures a = arm.get(i);
                Figures b = base.get(i);
                ratios[0][i] = a.throughput() / b.throughput();
                ratios[1][i] = a.p50Ms() / b.p50Ms();
                ratios[2][i] = a.p99Ms() / b.p99Ms();
                ratios[3][i] = a.startupS() - b.startupS();
                ratios[4][i] = a.rssMiB() - b.rssMiB();
            }
            String[] names = {"throughput", "p50", "p99", "start-up (+s)", "RSS (+MiB)"};
            for (int k = 0; k < names.length; k++) {
                StringBuilder rows = new StringBuilder();
                for (double v : ratios[k]) {
                    rows.append(String.format(Locale.ROOT, " %7.3f", v));
                }
                System.out.printf(Locale.ROOT, "%-9s %-14s%s   mean %s%n", e.getKey(), names[k], rows, interval(ratios[k]));
            }
        }
    }

    /** Mean and its 95 % confidence interval from Student's t; the mean alone for one value. */
    static String interval(double[] v) {
        int n = v.length;
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        if (n < 2) {
            return String.format(Locale.ROOT, "%.3f (1 round: no interval)", mean);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double half = T95[Math.min(n - 1, T95.length) - 1] * Math.sqrt(ss / (n - 1) / n);
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", mean, mean - half, mean + half);
    }

    /** Two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom (30 stands for more). */
    private static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
        2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
        2.048, 2.045, 2.042};

    private static Figures run(Arm arm, int clients, int warmup, int seconds, long maxRequests, Path log)
            throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(arm.options());
        cmd.add("-Dserver.address=127.0.0.1");
        cmd.add("-cp");
        cmd.add(arm.classPath());
        cmd.add(RealApp.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("REAL_APP_PORT", Integer.toString(port));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String root = "http://127.0.0.1:" + port;
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            if (!awaitReady(http, root, p, t0 + TimeUnit.SECONDS.toNanos(180))) {
                return null;
            }
            double startup = (System.nanoTime() - t0) / 1e9;
            load(http, root, clients, warmup, maxRequests); // warm-up: figures dropped
            long ticksBefore = faultlineTicks(p.pid());
            Load measured = load(http, root, clients, seconds, maxRequests);
            long ticks = faultlineTicks(p.pid()) - ticksBefore;
            double rss = rssMiB(p.pid());
            long[] all = measured.latencies();
            Arrays.sort(all);
            return new Figures(all.length / measured.seconds(), percentile(all, 0.50) / 1e6,
                    percentile(all, 0.99) / 1e6, startup, rss, all.length, measured.failed(), ticks);
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean awaitReady(HttpClient http, String root, Process p, long deadline) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(root + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() - deadline < 0 && p.isAlive()) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        return false;
    }

    record Load(long[] latencies, double seconds, long failed) {}

    /** {@code clients} threads, each sending one request after another, for {@code seconds} or {@code maxRequests} in all. */
    private static Load load(HttpClient http, String root, int clients, int seconds, long maxRequests)
            throws InterruptedException {
        long[][] lat = new long[clients][];
        int[] count = new int[clients];
        AtomicLong failed = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        int perClient = (int) Math.min(Integer.MAX_VALUE - 8, maxRequests / clients + 1);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int me = c;
            threads[c] = new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(1000 + me);
                long[] mine = new long[Math.min(perClient, 1 << 16)];
                int n = 0;
                while (System.nanoTime() - end < 0 && sent.incrementAndGet() <= maxRequests && n < perClient) {
                    HttpRequest req = request(root, rnd);
                    long t = System.nanoTime();
                    try {
                        int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status / 100 != 2) {
                            failed.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failed.incrementAndGet();
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, Math.min(perClient, mine.length * 2));
                    }
                    mine[n++] = System.nanoTime() - t;
                }
                lat[me] = mine;
                count[me] = n;
            }, "load-" + c);
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        int total = 0;
        for (int n : count) {
            total += n;
        }
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(lat[c], 0, all, at, count[c]);
            at += count[c];
        }
        return new Load(all, took, failed.get());
    }

    /** 60 % one owner with pets, 30 % a page of a last-name search, 10 % a visit recorded (a write). */
    private static HttpRequest request(String root, SplittableRandom rnd) {
        int kind = rnd.nextInt(10);
        int owner = 1 + rnd.nextInt(SampleData.OWNERS);
        if (kind < 6) {
            return HttpRequest.newBuilder(URI.create(root + "/owners/" + owner)).build();
        }
        if (kind < 9) {
            String prefix = PREFIXES[rnd.nextInt(PREFIXES.length)];
            return HttpRequest.newBuilder(URI.create(root + "/owners?lastName=" + prefix + "&page=" + rnd.nextInt(3)))
                    .build();
        }
        int withPets = owner % 20 == 0 ? owner - 1 : owner; // every 20th owner has no pet to visit
        return HttpRequest.newBuilder(URI.create(root + "/owners/" + withPets + "/visits"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** utime + stime (clock ticks) of the threads whose name starts with {@code faultline-}. */
    private static long faultlineTicks(long pid) throws IOException {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                int close = stat.lastIndexOf(')');
                if (!stat.substring(stat.indexOf('(') + 1, close).startsWith("faultline-")) {
                    continue;
                }
                String[] f = stat.substring(close + 2).split(" ");
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
        }
        return sum;
    }
}
