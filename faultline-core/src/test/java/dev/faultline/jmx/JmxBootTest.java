package dev.faultline.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.JmxProbeMain;
import dev.faultline.fixtures.Jvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MBean at start-up, in real JVMs: registered by default; where JMX is missing, one line and nothing else. */
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
        assertEquals(1, r.stderr.lines().count(), r.stderr);
        assertTrue(r.stderr.startsWith("faultline: JMX is not available in this runtime (java.lang.NoClassDefFoundError:"),
                r.stderr);
        assertTrue(r.stderr.contains("dev.faultline:type=Faultline is not registered"), r.stderr);
    }
}
