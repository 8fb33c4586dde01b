package dev.faultline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM of the demo: started on the demo's class path, its output shown indented with "  | ". */
final class DemoChild {
    private final Process process;
    private final BufferedReader lines;
    private final PrintStream out;

    private DemoChild(Process process, PrintStream out) {
        this.process = process;
        this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.out = out;
    }

    /** Starts {@code main} with its crash ring in {@code crashDir}, quick JIT, no panic dumps, and the given options. */
    static DemoChild start(Class<?> main, Path crashDir, PrintStream out, String... options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Dfaultline.dir=" + crashDir,
                // Keeps the tour short: a real panic also prints every thread's stack.
                "-Dfaultline.panic_dumps=none"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
        return new DemoChild(pb.start(), out);
    }

    long pid() {
        return process.pid();
    }

    /** Shows the child's lines up to and including the first that contains {@code needle}; false when it ended first. */
    boolean showUntil(String needle) throws IOException {
        for (String line; (line = lines.readLine()) != null; ) {
            show(line);
            if (line.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** Shows the rest of the child's output and returns its exit code; -1 when it did not end within 60 s. */
    int finish() throws IOException, InterruptedException {
        for (String line; (line = lines.readLine()) != null; ) {
            show(line);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            out.println("=> the child did not exit within 60 s");
            return -1;
        }
        return process.exitValue();
    }

    private void show(String line) {
        out.println("  | " + line);
    }
}
