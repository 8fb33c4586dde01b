package dev.faultline.hang;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.report.Report;
import dev.faultline.fixtures.HangMain;
import dev.faultline.fixtures.Jvm;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One {@link HangMain} child run: its exit code, output, and the reports in its crash ring. */
final class HangRun {
    final int exitCode;
    final String out;
    final String err;
    final List<RingRecord> ring;

    private HangRun(int exitCode, String out, String err, List<RingRecord> ring) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
        this.ring = ring;
    }

    /**
     * Runs {@code scenario} for {@code seconds} after its setup with {@code options} (keys as
     * {@code -Dfaultline.x=y}); {@code whileReady} runs once the child printed {@code READY}.
     */
    static HangRun run(String scenario, int seconds, List<String> options, Consumer<Process> whileReady)
            throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "faultline-children")
                .toAbsolutePath()), "hang");
        List<String> opts = new ArrayList<>(options);
        opts.add("-Dfaultline.dir=" + dir);
        Process p = Jvm.start(HangMain.class, opts, scenario, String.valueOf(seconds));
        Jvm.Output out = new Jvm.Output(p.getInputStream());
        Jvm.Output err = new Jvm.Output(p.getErrorStream());
        if (whileReady != null) {
            out.await("READY", Duration.ofSeconds(60));
            whileReady.accept(p);
        }
        if (!p.waitFor(seconds + 90L, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("child did not finish:\n" + out.text() + "\n" + err.text());
        }
        Thread.sleep(200); // the output threads read what is left
        List<RingRecord> ring = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".ring")).collect(Collectors.toList())) {
                ring.addAll(RingReader.read(f).records());
            }
        }
        return new HangRun(p.exitValue(), out.text(), err.text(), ring);
    }

    /** The reports of {@code kind} in the ring, parsed. */
    List<Report> reports(String kind) {
        return ring.stream().filter(r -> r.isReport() && r.kind().equals(kind)).map(RingRecord::report)
                .collect(Collectors.toList());
    }

    /** Every report in the ring, parsed. */
    List<Report> reports() {
        return ring.stream().filter(RingRecord::isReport).map(RingRecord::report).collect(Collectors.toList());
    }

    /** The single report of {@code kind} in the ring (fails with the whole run otherwise). */
    Report only(String kind) {
        List<Report> r = reports(kind);
        assertTrue(r.size() == 1, "expected exactly one " + kind + " report in the ring, found " + r.size() + "\n" + this);
        return r.get(0);
    }

    /** The epoch ms the child printed after {@code marker}. */
    long marker(String marker) {
        for (String line : out.split("\n")) {
            if (line.startsWith(marker + " ")) {
                return Long.parseLong(line.substring(marker.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + marker + " in\n" + this);
    }

    /** Sends {@code signal} (e.g. {@code STOP}) to {@code p}. */
    static void signal(Process p, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + signal + " " + p.pid() + " failed");
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n"
                + (err.length() > 20_000 ? err.substring(0, 20_000) + "..." : err)
                + "\n--- ring reports ---\n" + reports().stream().map(Report::headline).collect(Collectors.joining("\n"));
    }
}
