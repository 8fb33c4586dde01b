package dev.faultline.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.spring.boot.fixtures.StarterApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A real Boot web service with the starter, in a child JVM: a report reaches the application's
 * log once, with its message, and not again on stderr; the crash ring holds the start from its
 * first log line; a misspelt faultline.* key in application.yml is reported with a did-you-mean,
 * and an unquoted YAML {@code console: off} is taken as off.
 */
class StarterLoggingTest {
    static final Duration TIMEOUT = Duration.ofSeconds(180);
    static final String SENTENCE = "WARNING: orders.negative_balance at dev.faultline.spring.boot.fixtures.StarterApp.main(";

    @Test
    void aReportIsLoggedOnceWithItsMessageAndTheRingHoldsTheStartFromItsFirstLine() throws Exception {
        Jvm.Result r = run(List.of(), "--spring.config.name=starter");
        assertEquals(0, r.exitCode, r.toString());
        // Boot's console line for the event: "... WARN 123 --- [...] faultline.orders.negative_balance : WARNING: ..."
        List<String> logged = r.stdout.lines().filter(l -> l.contains(" : " + SENTENCE)).collect(Collectors.toList());
        assertEquals(1, logged.size(), r.toString());
        assertTrue(logged.get(0).contains(" WARN ") && logged.get(0).contains("faultline.orders.negative_balance"),
                logged.get(0));
        assertTrue(logged.get(0).endsWith(": balance -5 after t-17"), logged.get(0));
        assertFalse(r.stderr.contains("cut here"), "the console defaults to off when reports go to Logback: " + r.stderr);

        List<String[]> lines = r.stdout.lines().filter(l -> l.startsWith("REC|")).map(l -> l.split("\\|", 4))
                .filter(f -> !f[2].equals("faultline") && !f[2].startsWith("faultline."))
                .filter(f -> !f[1].equals("WARNING") || !f[2].equals("orders.negative_balance"))
                .collect(Collectors.toList());
        assertFalse(lines.isEmpty(), r.stdout);
        String first = lines.get(0)[3];
        assertTrue(first.startsWith("Starting StarterApp using Java "), "the ring's first application line: "
                + lines.stream().limit(5).map(f -> String.join("|", f)).collect(Collectors.joining("\n")));
        assertTrue(lines.stream().anyMatch(f -> f[3].startsWith("Tomcat initialized with port")), r.stdout);
        assertTrue(lines.stream().anyMatch(f -> f[3].startsWith("Started StarterApp in")), r.stdout);
    }

    @Test
    void theConsoleComesBackWhenAskedFor() throws Exception {
        Jvm.Result r = run(List.of(), "--spring.config.name=starter", "--faultline.console=text");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("cut here") && r.stderr.contains("Message: balance -5 after t-17"), r.toString());
    }

    @Test
    void aMisspeltKeyInApplicationYmlIsReportedWithADidYouMeanAndAnUnquotedOffIsOff() throws Exception {
        Jvm.Result r = run(List.of("-Dfaultline.console=off"), "--spring.config.name=starter-typo");
        assertEquals(0, r.exitCode, r.toString());
        String all = r.stdout + r.stderr;
        assertTrue(all.contains("unknown setting faultline.panic_on_warm (Spring property faultline.panic-on-warm from"
                + " class path resource [starter-typo.yml] - 5:18) is ignored; did you mean faultline.panic_on_warn?"),
                r.toString());
        assertTrue(all.contains("unknown setting faultline.logback.replay-line (Spring property"
                + " faultline.logback.replay-line from class path resource [starter-typo.yml] - 7:18) is ignored;"
                + " did you mean faultline.logback.replay-lines?"), r.toString());
        assertTrue(r.stdout.contains("REC|CONFIG|faultline|unknown setting faultline.panic_on_warm"),
                "in the crash ring too: " + r.stdout);
        assertFalse(all.contains("for faultline.console"), r.toString());
    }

    @Test
    void unquotedYamlOffForTheConsoleIsOff() throws Exception {
        // The YAML says `console: off`; without the starter's reading it is the string 'false', which core refuses.
        Jvm.Result r = run(List.of(), "--spring.config.name=starter-typo", "--faultline.logback.ring-appender=false");
        assertEquals(0, r.exitCode, r.toString());
        assertFalse((r.stdout + r.stderr).contains("for faultline.console"), r.toString());
        assertFalse(r.stderr.contains("cut here"), r.toString());
    }

    private static Jvm.Result run(List<String> options, String... args) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "starter-runs").toAbsolutePath()),
                "run");
        List<String> jvm = new ArrayList<>(options);
        jvm.add("-Dfaultline.dir=" + dir);
        return Jvm.run(Jvm.testClassPath(), StarterApp.class.getName(), jvm, TIMEOUT, args);
    }
}
