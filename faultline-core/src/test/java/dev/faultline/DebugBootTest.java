package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.DomainMain;
import dev.faultline.fixtures.Jvm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The boot spec in real JVMs: {@code faultline.debug} / {@code FAULTLINE_DEBUG} set the modes
 * before the first check, a malformed entry is named and skipped while the rest applies, and
 * the operator's mode decides whether a violated invariant stops the process.
 */
class DebugBootTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theSpecSetsModesSelectivelyAndSkipsOnlyTheMalformedEntries() throws Exception {
        Jvm.Result r = Jvm.run(DomainMain.class, List.of(
                "-Dfaultline.debug=mm=panic, net=warn,net.udp=off,bogus,*=once,mm.cache=pnic,typo.domian=warn"),
                TIMEOUT);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("mode mm=panic\nmode mm.cache=panic\nmode net=warn\nmode net.tcp=warn\n"
                + "mode net.udp=off\nmode fs=once\n"), r.stdout);
        assertTrue(r.stderr.contains("faultline: faultline.debug (from system property faultline.debug): entry 4"
                + " 'bogus' at column 32: expected DOMAIN=MODE (MODE is off, warn, once or panic); entry skipped, the"
                + " other entries apply\n"), r.stderr);
        assertTrue(r.stderr.contains("entry 6 'mm.cache=pnic' at column 45: unknown mode 'pnic'"), r.stderr);
        assertTrue(r.stdout.contains("status * = once (set via faultline.debug)\n"), r.stdout);
        assertTrue(r.stdout.contains("status mm.cache = panic (inherited from mm)\n"), r.stdout);
        assertTrue(r.stdout.contains("status fs = once (default * set via faultline.debug)\n"), r.stdout);
        assertTrue(r.stdout.contains("status typo.domian = warn (set via faultline.debug; no such domain is"
                + " registered)\n"), r.stdout);
    }

    @Test
    void withoutASpecEveryDomainIsOffAndNothingIsPrinted() throws Exception {
        Jvm.Result r = Jvm.run(DomainMain.class, List.of(), TIMEOUT, "bug:mm", "warn:net");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("mode mm=off\n"), r.stdout);
        assertTrue(r.stdout.contains("after bug:mm\nafter warn:net\n"), r.stdout);
        assertEquals("", r.stderr);
    }

    @Test
    void inModeWarnABugOnWarnsAndTheProcessGoesOn() throws Exception {
        Jvm.Result r = Jvm.run(DomainMain.class, List.of("-Dfaultline.debug=mm=warn"), TIMEOUT, "bug:mm.cache");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("WARNING: mm.cache at " + DomainMain.class.getName() + ".main("), r.stderr);
        assertTrue(r.stderr.contains("Message: invariant of mm.cache broken (bugOn reported as a warning: debug domain"
                + " mm.cache is in mode warn)\n"), r.stderr);
        assertTrue(r.stdout.contains("after bug:mm.cache\n"), r.stdout);
    }

    @Test
    void inModePanicABugOnHaltsTheProcessWithThePanicExitCode() throws Exception {
        Jvm.Result r = Jvm.run(DomainMain.class, List.of("-Dfaultline.debug=mm=panic"), TIMEOUT, "warn:mm", "bug:mm");
        assertEquals(70, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("after warn:mm\n"), "a warnOn in mode panic only warns\n" + r);
        assertFalse(r.stdout.contains("after bug:mm"), r.toString());
        assertTrue(r.stderr.contains("BUG: mm at " + DomainMain.class.getName() + ".main("), r.stderr);
        assertTrue(r.stderr.contains("Faultline panic - not syncing: BUG at mm\n"), r.stderr);
    }

    @Test
    void theEnvironmentVariableWorksAndThePropertyWinsOverIt() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Jvm.javaBin(), "-XX:TieredStopAtLevel=1", "-Dfaultline.debug=net=once",
                "-cp", Jvm.classPath(), DomainMain.class.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
        pb.environment().put("FAULTLINE_DEBUG", "mm=warn");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("mode mm=off\n"), "the property replaces the variable as a whole\n" + out);
        assertTrue(out.contains("mode net=once\n"), out);

        pb = new ProcessBuilder(Jvm.javaBin(), "-XX:TieredStopAtLevel=1", "-cp", Jvm.classPath(),
                DomainMain.class.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
        pb.environment().put("FAULTLINE_DEBUG", "mm=warn");
        pb.redirectErrorStream(true);
        p = pb.start();
        out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("mode mm=warn\nmode mm.cache=warn\n"), out);
    }
}
