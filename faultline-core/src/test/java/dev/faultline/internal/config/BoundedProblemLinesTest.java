package dev.faultline.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.ProblemLinesMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration problem lines show at most a bounded excerpt of the input they complain about,
 * with its length: a 100,000-character value or a 1 MB spec entry was echoed whole, once or twice per line.
 */
class BoundedProblemLinesTest {
    static final String HUGE = "x y".repeat(33_334).substring(0, 100_000);

    @TempDir
    Path tmp;

    @Test
    void hugeValuesKeysAndSpecEntriesAreShownAsBoundedExcerpts() throws Exception {
        // An argument file: a command line holds no argument over 128 KiB, and the spec entry is 1 MB.
        Path args = tmp.resolve("args");
        Files.writeString(args, String.join("\n", List.of(
                "\"-Dfaultline.app=" + HUGE + "\"",
                "\"-Dfaultline.warn_limit=" + HUGE + "\"",
                "\"-Dfaultline.ring_size=" + HUGE + "\"",
                "\"-Dfaultline.panic_dumps=" + HUGE + "\"",
                "\"-Dfaultline.hung_task_timeout=" + HUGE + "\"",
                "\"-Dfaultline.debug=" + HUGE + "=warn,mm=bogus" + "y".repeat(1 << 20) + "\"",
                "-Dfaultline." + "k".repeat(100_000) + "=1",
                "-Dfaultline.console=off")));
        Jvm.Result r = Jvm.run(ProblemLinesMain.class, List.of("@" + args), Duration.ofMinutes(2));
        assertEquals(0, r.exitCode, r.toString().substring(0, Math.min(4000, r.toString().length())));
        List<String> problems = r.stdout.lines().filter(l -> l.startsWith("problem: ")).collect(Collectors.toList());
        int longest = problems.stream().mapToInt(String::length).max().orElse(0);
        System.out.println("problem lines for 100,000-character input: " + problems.size() + " lines, the longest "
                + longest + " characters");
        assertTrue(longest < 2_000, "a problem line of " + longest + " characters: "
                + problems.stream().map(p -> p.substring(0, Math.min(300, p.length()))).collect(Collectors.toList()));
        String app = "faultline.app (from system property faultline.app) is used as";
        assertTrue(problems.stream().anyMatch(p -> p.contains("value 'x y") && p.contains("...' (100000 characters) for "
                + app)), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("invalid value 'x y") && p.contains(
                "...' (100000 characters) for faultline.warn_limit")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("(100000 characters) for faultline.ring_size")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("...' (100000 characters) in faultline.panic_dumps")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("invalid value 'x y") && p.contains(
                "...' (100000 characters) for faultline.hung_task_timeout")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("faultline.debug (from system property faultline.debug):"
                + " entry 1 'x y") && p.contains("(100005 characters) at column 1: bad domain name 'x y")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("entry 2 'mm=bogusyyy") && p.contains(
                "...' (1048584 characters) at column 100007: unknown mode 'bogusyyy") && p.contains(
                "...' (1048581 characters); expected")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("unknown setting faultline.kkk") && p.contains(
                "... (100010 characters) (system property) is ignored")), problems.toString());
    }
}
