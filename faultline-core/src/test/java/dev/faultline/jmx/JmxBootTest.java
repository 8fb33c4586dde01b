package dev.faultline.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.JmxProbeMain;
import dev.faultline.fixtures.Jvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MBean at start-up, in real JVMs: registered by default; where JMX is missing, one line for
 * it (and one for the hang detectors that need the same module) and nothing else.
 */
class JmxBootTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void theMBeanIsRegisteredAtStartUpWithoutAWord() throws Exception {
        Jvm.Result r = Jvm.run(JmxProbeMain.class, List.of("-Dfaultline.console=off"), TIMEOUT);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("jmx registered\nwent on\n"), r.toString());
        assertEquals("", r.stderr);
    }

    @Test
    void aRuntimeWithoutJmxGetsOneClearLineAndTheApplicationGoesOn() throws Exception {
        // faultline.control=0: the control socket, which needs jdk.net, says its own line (ControlSocketTest).
        Jvm.Result r = Jvm.run(JmxProbeMain.class, List.of("--limit-modules", "java.base", "-Dfaultline.console=off",
                "-Dfaultline.control=0"), TIMEOUT);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("jmx problem reported\nwent on\n"), r.toString());
        // One line per feature the missing module takes away: the MBean, and the hang detectors that
        // read threads through java.lang.management.
        List<String> lines = r.stderr.lines().sorted().collect(java.util.stream.Collectors.toList());
        assertEquals(2, lines.size(), r.stderr);
        assertTrue(lines.get(0).startsWith("faultline: JMX is not available in this runtime (java.lang.NoClassDefFoundError:"),
                r.stderr);
        assertTrue(lines.get(0).contains("dev.faultline:type=Faultline is not registered"), r.stderr);
        assertTrue(lines.get(1).startsWith("faultline: deadlock and hung-task detection need the java.management module ("),
                r.stderr);
        assertTrue(lines.get(1).endsWith("; they are off, watchdogs and stalls still work"), r.stderr);
    }
}
