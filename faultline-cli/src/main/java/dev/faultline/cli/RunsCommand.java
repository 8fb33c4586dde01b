package dev.faultline.cli;

import dev.faultline.Faultline;
import dev.faultline.ring.PastRun;
import dev.faultline.ring.RingFormat;
import dev.faultline.ring.RunLog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline runs}: the run history of a crash directory, each run with why it ended (the {@code last} of Faultline). */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"The run history of a crash directory, oldest first: start, end, duration, why each run ended"
                + " (clean, panic, signal, jvm_crash, java_oom, oom_killed, host_down, killed, unknown) with its"
                + " confidence and evidence, the report it is named after, and its archive. Dead runs no start has"
                + " recovered yet are classified now, without waiting for the application to start again; nothing"
                + " is moved or removed.",
                "Exit status: 0 runs listed, 2 usage error, 3 no such directory or no runs in it."})
public final class RunsCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "<dir>",
            description = "A crash directory (faultline.dir); default: every application's directory under ${sys:java.io.tmpdir}/faultline-<user>.")
    Path dir;

    @Option(names = "--app", paramLabel = "<app>", description = "Only this application's runs.")
    String app;

    @Option(names = "--json", description = "One JSON object per run, one per line.")
    boolean json;

    @Override
    public Integer call() {
        List<Path> dirs = new ArrayList<>();
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                System.err.println("faultline: no such directory: " + Faultline.escape(dir.toString()));
                return ExitCodes.NOTHING_TO_READ;
            }
            dirs.add(dir);
        } else {
            Path root = RingFormat.defaultRoot();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
                for (Path p : ds) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        dirs.add(p);
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("faultline: no crash directories under " + Faultline.escape(root.toString()));
                return ExitCodes.NOTHING_TO_READ;
            }
            dirs.sort(null);
        }
        int n = 0;
        for (Path d : dirs) {
            for (PastRun r : RunLog.read(d, app)) {
                n++;
                System.out.println(json ? json(r) : text(r));
            }
        }
        if (n == 0) {
            System.err.println("faultline: no runs in " + Faultline.escape(dirs.isEmpty() ? String.valueOf(dir)
                    : dirs.size() == 1 ? dirs.get(0).toString() : dirs.size() + " crash directories"));
            return ExitCodes.NOTHING_TO_READ;
        }
        return ExitCodes.OK;
    }

    static String text(PastRun r) {
        StringBuilder b = new StringBuilder();
        b.append(r.start()).append("  ").append(r.end() == null ? "-" : r.end()).append("  ")
                .append(duration(r)).append("  ")
                .append(r.running() ? "running" : r.exit().reason().label() + " (" + r.exit().confidence() + ")")
                .append("  ").append(r.app().isEmpty() ? "" : "app " + Faultline.escape(r.app()) + " ")
                .append("run ").append(Faultline.escape(r.runId())).append(" pid ").append(r.pid());
        if (!r.running()) {
            b.append("\n    ").append(Faultline.escape(r.exit().evidence()));
        }
        if (!r.lastReport().isEmpty()) {
            b.append("\n    ").append(r.exit() != null && r.exit().reason().label().equals("panic") ? "panic report: "
                    : "last report: ").append(Faultline.escape(r.lastReport()));
        }
        if (r.archive() != null) {
            b.append("\n    archive: ").append(Faultline.escape(r.archive().toString()));
        }
        return b.toString();
    }

    private static String duration(PastRun r) {
        if (r.end() == null) {
            return "-";
        }
        Duration d = Duration.between(r.start(), r.end());
        long s = Math.max(0, d.getSeconds());
        return s < 60 ? String.format(java.util.Locale.ROOT, "%.1fs", Math.max(0, d.toMillis()) / 1000.0)
                : s < 3600 ? s / 60 + "m" + s % 60 + "s" : s / 3600 + "h" + s % 3600 / 60 + "m";
    }

    static String json(PastRun r) {
        return "{\"run\":" + q(r.runId()) + ",\"app\":" + q(r.app()) + ",\"pid\":" + r.pid() + ",\"start\":"
                + q(String.valueOf(r.start())) + ",\"end\":" + (r.end() == null ? "null" : q(String.valueOf(r.end())))
                + ",\"running\":" + r.running()
                + ",\"reason\":" + (r.running() ? "null" : q(r.exit().reason().label()))
                + ",\"confidence\":" + (r.running() ? "null" : q(r.exit().confidence()))
                + ",\"evidence\":" + (r.running() ? "null" : q(r.exit().evidence()))
                + ",\"hs_err\":" + (r.running() || r.exit().hsErr() == null ? "null" : q(r.exit().hsErr()))
                + ",\"last_report\":" + q(r.lastReport())
                + ",\"archive\":" + (r.archive() == null ? "null" : q(r.archive().toString())) + "}";
    }

    private static String q(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x2028 && c <= 0x2029)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
