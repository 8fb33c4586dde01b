package dev.faultline.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.DebugDomain;
import dev.faultline.DebugMode;
import dev.faultline.Faultline;
import dev.faultline.report.Taint;
import dev.faultline.fixtures.Captured;
import dev.faultline.jmx.FaultlineJmx;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MBean, driven through the platform MBean server exactly as jconsole or a JMX client
 * would: read and set domain modes and the core tunables, and see the change lines and taint.
 */
class FaultlineMBeanTest {
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
        // The core runtime registers the MBean on a background thread at start-up.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.isRegistered(name)) {
            assertTrue(System.nanoTime() < deadline, FaultlineJmx.NAME + " was not registered within a minute");
            Thread.sleep(20);
        }
    }

    @AfterEach
    void tearDown() {
        Faultline.debugDomains().inherit("jmx.mm").inherit("jmx.mm.cache");
        Faultline.policy().setOopsLimit(10000);
        captured.close();
    }

    @Test
    void aDomainModeSetThroughJmxReachesTheDomainAndIsLoggedWithTheJmxChannel() throws Exception {
        DebugDomain mm = Faultline.domain("jmx.mm");
        DebugDomain cache = Faultline.domain("jmx.mm.cache");

        Object line = server.invoke(name, "setDebugMode", new Object[] {"jmx.mm", "panic"}, STRINGS);

        assertEquals("faultline: debug domain jmx.mm changed from inherit (off) to panic (via jmx);"
                + " domains that follow it: jmx.mm.cache", line);
        assertEquals(DebugMode.PANIC, mm.mode());
        assertEquals(DebugMode.PANIC, cache.mode());
        assertTrue(captured.console().contains(line + "\n"), captured.console());
        assertEquals("panic", server.invoke(name, "debugMode", new Object[] {"jmx.mm.cache"}, STRING));
        String[] status = (String[]) server.getAttribute(name, "DebugDomains");
        assertTrue(Arrays.asList(status).contains("jmx.mm = panic (set via jmx)"), Arrays.toString(status));
        assertTrue(Arrays.asList(status).contains("jmx.mm.cache = panic (inherited from jmx.mm)"));
        assertEquals("unchanged", server.invoke(name, "setDebugMode", new Object[] {"jmx.mm", "PANIC"}, STRINGS));
    }

    @Test
    void relaxingAPanicDomainThroughJmxTaintsTheProcess() throws Exception {
        Faultline.domain("jmx.mm");
        server.invoke(name, "setDebugMode", new Object[] {"jmx.mm", "panic"}, STRINGS);
        assertEquals("Not tainted", server.getAttribute(name, "Taint"));
        server.invoke(name, "setDebugMode", new Object[] {"jmx.mm", "inherit"}, STRINGS);
        assertEquals(Set.of(Taint.RELAXED), Faultline.taints());
        assertTrue(((String) server.getAttribute(name, "Taint")).startsWith("Tainted: R"));
    }

    @Test
    void aSpecAppliedThroughJmxChangesItsGoodEntriesAndNamesItsBadOnes() throws Exception {
        DebugDomain mm = Faultline.domain("jmx.mm");
        String[] problems = (String[]) server.invoke(name, "applyDebugSpec",
                new Object[] {"jmx.mm=once,jmx.mm.cache=loud"}, STRING);
        assertArrayEquals(new String[] {
            "entry 2 'jmx.mm.cache=loud' at column 13: unknown mode 'loud'; expected off, warn, once or panic"}, problems);
        assertEquals(DebugMode.ONCE, mm.mode());
    }

    @Test
    void theCoreTunablesRoundTripAndAreLoggedWithTheJmxChannel() throws Exception {
        server.setAttribute(name, new Attribute("WarnLimit", 5));
        assertEquals(5, Faultline.policy().warnLimit());
        assertEquals(5, server.getAttribute(name, "WarnLimit"));
        server.setAttribute(name, new Attribute("PanicOnWarn", true));
        assertEquals(true, server.getAttribute(name, "PanicOnWarn"));
        server.setAttribute(name, new Attribute("PanicOnWarn", false));
        server.setAttribute(name, new Attribute("OopsLimit", 20000));
        assertEquals(20000, Faultline.policy().oopsLimit());
        server.setAttribute(name, new Attribute("PanicTimeout", 3));
        assertEquals(3, Faultline.policy().panicTimeout());
        server.setAttribute(name, new Attribute("PanicTimeout", -1));
        String console = captured.console();
        assertTrue(console.contains("faultline: faultline.warn_limit changed from 0 to 5 (via jmx)\n"), console);
        assertTrue(console.contains("faultline: faultline.panic_on_warn changed from 1 to 0 (via jmx)\n"), console);
        assertTrue(console.contains("faultline: faultline.oops_limit changed from 10000 to 20000 (via jmx)\n"), console);
        assertEquals(Set.of(Taint.RELAXED), Faultline.taints(), "panic_on_warn turned off and oops_limit raised");

        Faultline.site("jmx.counted").warnOn(true);
        assertEquals(1L, server.getAttribute(name, "WarnCount"));
        assertEquals(0L, server.getAttribute(name, "OopsCount"));
        Faultline.policy().setWarnLimit(0);
    }

    @Test
    void badValuesAreRefusedWithAMessageNamingThemAndChangeNothing() throws Exception {
        DebugDomain mm = Faultline.domain("jmx.mm");
        RuntimeMBeanException badMode = assertThrows(RuntimeMBeanException.class,
                () -> server.invoke(name, "setDebugMode", new Object[] {"jmx.mm", "loud"}, STRINGS));
        assertEquals("debug domain jmx.mm: unknown mode 'loud'; expected off, warn, once, panic or inherit",
                badMode.getCause().getMessage());
        RuntimeMBeanException badName = assertThrows(RuntimeMBeanException.class,
                () -> server.invoke(name, "setDebugMode", new Object[] {"jmx..mm", "warn"}, STRINGS));
        assertTrue(badName.getCause().getMessage().contains("'jmx..mm'"), badName.getCause().getMessage());
        RuntimeMBeanException badLimit = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(name, new Attribute("WarnLimit", -1)));
        assertTrue(badLimit.getCause().getMessage().contains("faultline.warn_limit: -1 is out of range"));
        assertEquals(DebugMode.OFF, mm.mode());
        assertEquals(0, Faultline.policy().warnLimit());
    }

    @Test
    void aNameClashIsOneClearLineNotAnException() throws Exception {
        assertFalse(FaultlineJmx.register(server), "the platform server has it already");
        assertEquals("faultline: the MBean dev.faultline:type=Faultline is already registered (another copy of"
                + " Faultline in this JVM?); this copy is not reachable through JMX\n", captured.console());
    }

    @Test
    void noServerIsOneClearLineNotAnException() {
        assertFalse(FaultlineJmx.register(null));
        assertEquals("faultline: no MBean server to register dev.faultline:type=Faultline on; run-time control"
                + " through JMX is not available\n", captured.console());
    }

    @Test
    void anyOtherMBeanServerCanHostIt() throws Exception {
        MBeanServer own = MBeanServerFactory.newMBeanServer();
        assertTrue(FaultlineJmx.register(own));
        assertEquals(Faultline.policy().oopsLimit(), own.getAttribute(name, "OopsLimit"));
    }
}
