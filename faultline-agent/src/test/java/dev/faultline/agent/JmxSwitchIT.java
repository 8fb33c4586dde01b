package dev.faultline.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.switching.Loop;
import com.sun.tools.attach.VirtualMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Switching a package's assert domain over JMX takes effect in code that is already compiled
 * and running, within 100 ms, both ways: measured from the moment the JMX call returns (the
 * target has switched) to the moment the child's hot loop sees its assert condition start (or
 * stop) being evaluated. The time from the call's start is printed beside it: on a loaded
 * two-core machine the JMX round trip alone can take longer than the switch.
 */
class JmxSwitchIT {
    static final Duration LIMIT = Duration.ofMillis(100);
    static final int ROUNDS = 3;

    static List<String> jdks() {
        return Child.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aSwitchOverJmxTakesEffectInTheRunningLoopWithin100MsBothWays(String jdk) throws Exception {
        Child c = Child.start(jdk, Child.fixturesOnly(), List.of("-javaagent:" + Child.agentJar(),
                "-Dfaultline.debug=assert:com.acme.switching=off"), Loop.class.getName());
        try {
            c.awaitOut("ready", Duration.ofSeconds(60));
            Thread.sleep(500); // let the JIT finish compiling the loop with the assert folded away
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(c.process.pid()));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            List<String> latencies = new ArrayList<>();
            try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection server = jmx.getMBeanServerConnection();
                ObjectName bean = new ObjectName("dev.faultline:type=Faultline");
                for (int round = 1; round <= ROUNDS; round++) {
                    for (String mode : new String[] {"warn", "off"}) {
                        String expect = mode.equals("off") ? "off " : "on ";
                        int seen = Child.count(c.out(), expect);
                        long start = micros();
                        server.invoke(bean, "setDebugMode", new Object[] {"assert:com.acme.switching", mode},
                                new String[] {String.class.getName(), String.class.getName()});
                        long returned = micros();
                        long at = awaitLine(c, expect, seen + 1);
                        long micros = at - returned;
                        latencies.add(mode + " " + micros / 1000.0 + " ms after the call (" + (at - start) / 1000.0
                                + " ms with the JMX call)");
                        assertTrue(micros <= LIMIT.toNanos() / 1000, "round " + round + ": switching to " + mode
                                + " took effect " + micros / 1000.0 + " ms after the JMX call returned (limit "
                                + LIMIT.toMillis() + " ms; " + (at - start) / 1000.0 + " ms from its start)\n" + c);
                    }
                }
            }
            System.out.println(jdk + ": " + latencies);
        } finally {
            c.kill();
        }
    }

    /** Waits for the {@code n}th line starting with {@code prefix}; returns the time it carries. */
    private static long awaitLine(Child c, String prefix, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() - deadline < 0) {
            int k = 0;
            for (String line : c.out().split("\n")) {
                if (line.startsWith(prefix) && ++k == n) {
                    return Long.parseLong(line.substring(prefix.length()).strip());
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the loop never saw the switch (" + prefix + "#" + n + ")\n" + c);
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
