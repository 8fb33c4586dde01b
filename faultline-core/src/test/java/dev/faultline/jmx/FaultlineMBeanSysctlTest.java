package dev.faultline.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.DebugMode;
import dev.faultline.Faultline;
import dev.faultline.Site;
import dev.faultline.report.Taint;
import dev.faultline.fixtures.Captured;
import dev.faultline.jmx.FaultlineJmx;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MBean's sysctl table, per-site statistics and identity, through the platform MBean server
 * as a plain JMX client sees them (open types and strings only).
 */
class FaultlineMBeanSysctlTest {
    static final String[] STRING = {String.class.getName()};
    static final String[] STRINGS = {String.class.getName(), String.class.getName()};

    MBeanServer server;
    ObjectName name;
    Captured captured;

    @BeforeEach
    void setUp() throws Exception {
        captured = new Captured();
        server = ManagementFactory.getPlatformMBeanServer();
        name = new ObjectName(FaultlineJmx.NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.isRegistered(name)) {
            assertTrue(System.nanoTime() < deadline, FaultlineJmx.NAME + " was not registered within a minute");
            Thread.sleep(20);
        }
    }

    @AfterEach
    void tearDown() {
        Faultline.policy().setWarnLimit(0).setPanicExitCode(70).setConsole(dev.faultline.Policy.ConsoleFormat.TEXT);
        Faultline.debugDomains().inherit("sysctl.mm");
        captured.close();
    }

    private Object sysctl(String key, String value) throws Exception {
        return server.invoke(name, "setSysctl", new Object[] {key, value}, STRINGS);
    }

    @Test
    void aKeySetThroughSysctlGoesThroughThePolicyAndReturnsItsChangeLine() throws Exception {
        Object line = sysctl("warn_limit", "12");
        assertEquals("faultline: faultline.warn_limit changed from 0 to 12 (via jmx)", line);
        assertEquals(12, Faultline.policy().warnLimit());
        assertTrue(captured.console().contains(line + "\n"), captured.console());
        assertEquals("12", server.invoke(name, "sysctl", new Object[] {"faultline.warn_limit"}, STRING));
        assertEquals("faultline.warn_limit = 12 (unchanged)", sysctl("faultline.warn_limit", " 12 "));
        assertEquals("faultline: faultline.panic_exit_code changed from 70 to 3 (via jmx)", sysctl("panic_exit_code", "3"));
        assertEquals("faultline: faultline.console changed from text to json (via jmx)", sysctl("console", "JSON"));
        assertTrue(Arrays.asList((String[]) server.getAttribute(name, "Sysctl")).contains("faultline.console = json"));
    }

    @Test
    void relaxingThroughSysctlTaintsTheProcess() throws Exception {
        sysctl("warn_limit", "5");
        assertTrue(Faultline.taints().isEmpty(), Faultline.taints().toString());
        sysctl("warn_limit", "0");
        assertEquals(java.util.Set.of(Taint.RELAXED), Faultline.taints());
    }

    @Test
    void theDebugKeyTakesASpec() throws Exception {
        Faultline.domain("sysctl.mm");
        Object line = sysctl("debug", "sysctl.mm=once");
        assertEquals(DebugMode.ONCE, Faultline.domain("sysctl.mm").mode());
        assertTrue(String.valueOf(line).contains("sysctl.mm=once (via jmx)"), String.valueOf(line));
    }

    @Test
    void badKeysAndValuesAreRefusedByNameAndChangeNothing() throws Exception {
        assertEquals("invalid value 'lots' for faultline.warn_limit: expected an integer from 0 to 2147483647",
                refused("warn_limit", "lots"));
        assertEquals("faultline.panic_exit_code: 300 is out of range; expected an integer from 1 to 255",
                refused("panic_exit_code", "300"));
        String boot = refused("ring_size", "2m");
        assertTrue(boot.startsWith("faultline.ring_size is read at start-up only (the crash ring is created"), boot);
        assertTrue(boot.endsWith("set -Dfaultline.ring_size=VALUE or FAULTLINE_RING_SIZE and restart"), boot);
        assertTrue(refused("panic_on_wran", "1").startsWith("unknown key 'panic_on_wran'; run-time keys: faultline.panic_on_warn,"));
        assertEquals(0, Faultline.policy().warnLimit());
        assertEquals(70, Faultline.policy().panicExitCode());
        List<String> bootOnly = Arrays.asList((String[]) server.getAttribute(name, "BootOnlyKeys"));
        assertTrue(bootOnly.stream().anyMatch(l -> l.startsWith("faultline.redact: ")), bootOnly.toString());
    }

    private String refused(String key, String value) {
        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class, () -> sysctl(key, value));
        assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e.getCause()));
        return e.getCause().getMessage();
    }

    @Test
    void sitesRingAndIdentityAreVisible() throws Exception {
        Site s = Faultline.site("sysctl.counted");
        for (int i = 0; i < 3; i++) {
            s.warnOnce(true);
        }
        CompositeData row = Arrays.stream((CompositeData[]) server.getAttribute(name, "Sites"))
                .filter(r -> r.get("site").equals("sysctl.counted")).findFirst().orElseThrow();
        assertEquals(3L, row.get("fired"));
        assertEquals(1L, row.get("reported"));
        assertEquals(2L, row.get("suppressed"));
        assertEquals(FaultlineMBeanSysctlTest.class.getName(), row.get("declaringClass"));
        assertTrue(!((String) row.get("lastFired")).isEmpty());
        assertEquals(Faultline.app(), server.getAttribute(name, "App"));
        assertEquals(Faultline.runId(), server.getAttribute(name, "RunId"));
        assertEquals(ProcessHandle.current().pid(), server.getAttribute(name, "Pid"));
        java.nio.file.Path ring = Faultline.ring().file();
        assertEquals(ring == null ? "" : ring.toAbsolutePath().toString(), server.getAttribute(name, "RingPath"));
    }
}
