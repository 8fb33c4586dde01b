package dev.faultline.bench;

import dev.faultline.Faultline;
import dev.faultline.jmx.FaultlineJmx;
import dev.faultline.jmx.FaultlineMBean;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hang checker's cost per scan with N live threads, and its CPU share at the default periods.
 * Each N runs in a fresh JVM holding N extra threads shaped like a service's: 90 % pool workers
 * waiting on their queue, 5 % sleeping, 5 % blocked on a monitor whose holder sleeps (hung-task
 * candidates, never reported: the timeout is a day). The child turns the deadlock and hung-task
 * scans to every 100 ms through the MBean's sysctl (what an operator would use), lets them run
 * for the given seconds, and reads the checker's own figures ({@code FaultlineMBean.getHangChecker}:
 * wall time per scan, mean and max, measured around each scan). The deadlock scan
 * ({@code ThreadMXBean.findDeadlockedThreads}) is a safepoint operation: its wall time includes
 * bringing every Java thread to a stop. The wall time of a scan bounds the CPU it costs from above
 * (the checker waits while the VM thread works); the CPU share at the default periods is
 * {@code deadlock/10 s + hung/10 s + check/1 s}. Not JMH: the figure is the product's own
 * measurement of itself, under the periods it runs with.
 *
 * <pre>{@code bench/hang-scan [SECONDS [N...]]   (default 10 s, N = 100 1000)}</pre>
 */
public final class HangScanCost {
    private HangScanCost() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Integer> counts = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            counts.add(Integer.parseInt(args[i]));
        }
        if (counts.isEmpty()) {
            counts = List.of(100, 1000);
        }
        System.out.printf(Locale.ROOT, "hang checker scan cost, %d s per run, scans every 100 ms; wall ms per scan%n",
                seconds);
        System.out.printf(Locale.ROOT, "%7s %10s %10s %10s %10s %10s %10s %16s%n", "threads", "deadlock", "max",
                "hung-task", "max", "check", "max", "CPU at defaults");
        Path dir = Files.createTempDirectory("faultline-hang-scan-");
        for (int n : counts) {
            double[] f = runChild(n, seconds, dir);
            double share = f[0] / 10_000 + f[2] / 10_000 + f[4] / 1_000;
            System.out.printf(Locale.ROOT, "%7d %10.3f %10.3f %10.3f %10.3f %10.4f %10.3f %15.4f%%%n", n, f[0], f[1], f[2],
                    f[3], f[4], f[5], share * 100);
        }
    }

    private static final Pattern MEAN = Pattern.compile("runs, mean (\\d+\\.\\d+) ms, last \\d+\\.\\d+ ms, max (\\d+\\.\\d+) ms");

    /** {deadlock mean, max, hung mean, max, check mean, max} in ms. */
    private static double[] runChild(int threads, int seconds, Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dfaultline.dir=" + dir, "-Dfaultline.console=off", "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), String.valueOf(threads),
                String.valueOf(seconds)).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("child failed: " + lines);
        }
        double[] out = new double[6];
        String[] prefixes = {"deadlock scans:", "hung-task scans:", "stall and watchdog checks:"};
        for (int i = 0; i < prefixes.length; i++) {
            for (String line : lines) {
                if (line.startsWith(prefixes[i])) {
                    Matcher m = MEAN.matcher(line);
                    if (!m.find()) {
                        throw new IllegalStateException("no figures in: " + line);
                    }
                    out[2 * i] = Double.parseDouble(m.group(1));
                    out[2 * i + 1] = Double.parseDouble(m.group(2));
                }
            }
        }
        return out;
    }

    /** One JVM with N threads and the scans turned to every 100 ms; prints the checker's figures. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) throws Exception {
            int n = Integer.parseInt(args[0]);
            int seconds = Integer.parseInt(args[1]);
            Faultline.warnCount(); // boot
            BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
            Object held = new Object();
            CountDownLatch holding = new CountDownLatch(1);
            start(() -> {
                synchronized (held) {
                    holding.countDown();
                    sleep();
                }
            });
            holding.await();
            for (int i = 0; i < n; i++) {
                if (i % 20 == 0) {
                    start(HangScanCost.Child::sleep);
                } else if (i % 20 == 1) {
                    start(() -> {
                        synchronized (held) {
                            System.out.println("unreachable");
                        }
                    });
                } else {
                    start(() -> {
                        try {
                            queue.take().run();
                        } catch (InterruptedException e) {
                            // the run ends
                        }
                    });
                }
            }
            FaultlineMBean control = FaultlineJmx.control("bench");
            control.setSysctl("hung_task_timeout", "86400");
            control.setSysctl("hung_task_check_interval", "100ms");
            control.setSysctl("deadlock_check", "100ms");
            Thread.sleep(seconds * 1000L);
            for (String line : control.getHangChecker()) {
                System.out.println(line);
            }
            System.exit(0);
        }

        static void start(Runnable r) {
            Thread t = new Thread(r);
            t.setDaemon(true);
            t.start();
        }

        static void sleep() {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // the run ends
            }
        }
    }
}
