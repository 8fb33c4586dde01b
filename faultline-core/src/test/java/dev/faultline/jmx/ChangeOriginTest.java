package dev.faultline.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.fixtures.Captured;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every change line names who asked: a request's address and principal through
 * {@link FaultlineJmx#control(ChangeOrigin)}, the RMI client and the connector's authenticated
 * principal for the registered MBean over a real JMX connector, and nothing a request sends can
 * split or forge the line. The lines are in the crash ring.
 */
class ChangeOriginTest {
    Captured captured;

    @BeforeEach
    void setUp() {
        captured = new Captured();
    }

    @AfterEach
    void tearDown() {
        Faultline.policy().setWarnLimit(0).setOopsLimit(10000);
        captured.close();
    }

    @Test
    void anOriginNamesChannelAddressAndPrincipal() {
        assertEquals("actuator", ChangeOrigin.of("actuator").toString());
        assertEquals("actuator from 10.0.0.7 as alice", ChangeOrigin.of("actuator").from("10.0.0.7").as("alice").toString());
        assertEquals("actuator from 10.0.0.7, unauthenticated", ChangeOrigin.of("actuator").from("10.0.0.7").as(null).toString());
        assertEquals("actuator, unauthenticated", ChangeOrigin.of("actuator").as(" ").toString());
        assertEquals("actuator as 'CN=Alice Smith,OU=Ops'", ChangeOrigin.of("actuator").as("CN=Alice Smith,OU=Ops").toString());
        assertEquals("actuator as 'o''brien'", ChangeOrigin.of("actuator").as("o'brien").toString());
        String cut = ChangeOrigin.of("actuator").as("x".repeat(10_000)).principal();
        assertEquals(ChangeOrigin.MAX_TEXT, cut.length());
        assertTrue(cut.endsWith("…"), cut);
        assertThrows(IllegalArgumentException.class, () -> ChangeOrigin.of("act uator"));
        assertThrows(IllegalArgumentException.class, () -> ChangeOrigin.of(null));
        assertThrows(IllegalArgumentException.class, () -> FaultlineJmx.control((ChangeOrigin) null));
    }

    @Test
    void aRequestCannotSplitOrForgeTheChangeLine() throws Exception {
        FaultlineMBean control = FaultlineJmx.control(ChangeOrigin.of("actuator").from("10.0.0.7")
                .as("mallory\nfaultline: faultline.panic_on_warn changed from 1 to 0 (via jmx)"));
        String line = control.setSysctl("warn_limit", "12");
        assertEquals("faultline: faultline.warn_limit changed from 0 to 12 (via actuator from 10.0.0.7 as"
                + " 'mallory\\nfaultline: faultline.panic_on_warn changed from 1 to 0 (via jmx)')", line);
        String domain = control.setDebugMode("origin.forged", "warn");
        assertFalse(domain.contains("\n"), domain);
        assertFalse(captured.console().contains("\nfaultline: faultline.panic_on_warn"), captured.console());
        Faultline.debugDomains().inherit("origin.forged");
    }

    @Test
    void theChangeLinesAreInTheCrashRingWithTheirOrigin() throws Exception {
        FaultlineMBean control = FaultlineJmx.control(ChangeOrigin.of("actuator").from("192.0.2.1").as("alice"));
        String sysctl = control.setSysctl("warn_limit", "13");
        String domain = control.setDebugMode("origin.ring", "once");
        Faultline.debugDomains().inherit("origin.ring");
        assertTrue(Faultline.awaitPrinted(Duration.ofSeconds(30)));
        List<String> config = configRecords();
        // Each change is one record; its text is the console line without the prefix its logger already says.
        assertTrue(sysctl.startsWith("faultline: ") && domain.startsWith("faultline: "), sysctl + " / " + domain);
        assertEquals(1, config.stream().filter(sysctl.substring("faultline: ".length())::equals).count(),
                sysctl + " in " + config);
        assertEquals(1, config.stream().filter(domain.substring("faultline: ".length())::equals).count(),
                domain + " in " + config);
        assertTrue(config.stream().noneMatch(l -> l.startsWith("faultline: ")), config.toString());
        assertTrue(domain.endsWith("(via actuator from 192.0.2.1 as alice)"), domain);
    }

    @Test
    void theRegisteredMBeanNamesTheJmxClientAndItsPrincipal() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(FaultlineJmx.NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.isRegistered(name)) {
            assertTrue(System.nanoTime() < deadline, FaultlineJmx.NAME + " was not registered within a minute");
            Thread.sleep(20);
        }
        // In this process: nothing tells who is behind the call.
        FaultlineMBean local = JMX.newMBeanProxy(server, name, FaultlineMBean.class);
        assertEquals("faultline: faultline.warn_limit changed from 0 to 14 (via jmx)", local.setSysctl("warn_limit", "14"));

        // Over a real RMI connector that authenticates its clients.
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnectorServer.AUTHENTICATOR, (JMXAuthenticator) credentials -> {
            String user = ((String[]) credentials)[0];
            return new Subject(true, Set.of(new JMXPrincipal(user)), Set.of(), Set.of());
        });
        JMXConnectorServer authenticating = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1"), env, server);
        authenticating.start();
        try (JMXConnector c = JMXConnectorFactory.connect(authenticating.getAddress(),
                Map.of(JMXConnector.CREDENTIALS, new String[] {"carol", "secret"}))) {
            FaultlineMBean remote = JMX.newMBeanProxy(c.getMBeanServerConnection(), name, FaultlineMBean.class);
            String line = remote.setSysctl("warn_limit", "15");
            assertTrue(Pattern.matches("faultline: faultline\\.warn_limit changed from 14 to 15"
                    + " \\(via jmx from [0-9a-fA-F.:%]+ as carol\\)", line), line);
            remote.setOopsLimit(9999);
            assertTrue(Faultline.awaitPrinted(Duration.ofSeconds(30)));
            // One record, one prefix: the record's logger is "faultline", its text does not say it again.
            assertTrue(configRecords().stream().anyMatch(l -> Pattern.matches("faultline\\.oops_limit changed"
                    + " from 10000 to 9999 \\(via jmx from [0-9a-fA-F.:%]+ as carol\\)", l)), configRecords().toString());
        } finally {
            authenticating.stop();
        }

        // Over one that authenticates no one (as the JDK's local connector).
        JMXConnectorServer open = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1"), Map.of(), server);
        open.start();
        try (JMXConnector c = JMXConnectorFactory.connect(open.getAddress())) {
            FaultlineMBean remote = JMX.newMBeanProxy(c.getMBeanServerConnection(), name, FaultlineMBean.class);
            String line = remote.setDebugMode("origin.jmx", "warn");
            assertTrue(Pattern.matches("faultline: debug domain origin\\.jmx changed from inherit \\(off\\) to warn"
                    + " \\(via jmx from [0-9a-fA-F.:%]+, unauthenticated\\)", line), line);
        } finally {
            open.stop();
            Faultline.debugDomains().inherit("origin.jmx");
        }
    }

    /** The texts of this run's CONFIG records in the crash ring. */
    static List<String> configRecords() throws Exception {
        Path ring = Faultline.ring().file();
        assertTrue(ring != null, "the test JVM has a crash ring");
        return RingReader.read(ring).records().stream().filter(r -> r.kind().equals("CONFIG"))
                .map(RingRecord::message).collect(Collectors.toList());
    }
}
