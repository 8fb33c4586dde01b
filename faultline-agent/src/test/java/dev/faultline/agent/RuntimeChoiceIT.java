package dev.faultline.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.legacy.Old;
import com.acme.withcore.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which Faultline the asserts report to, and what the agent does with what it cannot or must
 * not change: the application's own faultline-core when it has one (one runtime), classes it
 * cannot rewrite left exactly as they were with one line, the JDK and bad arguments refused
 * without failing the JVM's start.
 */
class RuntimeChoiceIT {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final String JDK = System.getProperty("java.home");

    @Test
    void anApplicationWithItsOwnFaultlineGetsItsAssertsInItsOwnRuntime() throws Exception {
        Child c = Child.start(JDK, Child.fixturesWithCore(), List.of("-javaagent:" + Child.agentJar(),
                "-Dfaultline.debug=assert:com.acme.withcore=warn"), Service.class.getName());
        assertEquals(0, c.waitFor(TIMEOUT), c.toString());
        assertTrue(c.out().contains("warnings 2\n"), "the assert's warning is counted by the application's Faultline\n" + c);
        assertTrue(c.err().contains("faultline-agent: assert statements report to the application's faultline-core"
                + " (the system class loader)"), c.err());
        assertTrue(c.err().contains("WARNING: assert:com.acme.withcore at com.acme.withcore.Service.main(Service.java:"),
                c.err());
        // One runtime: one crash ring, and both warnings carry its run id.
        try (java.util.stream.Stream<Path> rings = Files.list(c.crashDir)) {
            assertEquals(1, rings.filter(p -> p.toString().endsWith(".ring")).count(), c.err());
        }
        java.util.regex.Matcher runs = java.util.regex.Pattern.compile(", run ([0-9a-f]+), ").matcher(c.err());
        java.util.Set<String> ids = new java.util.HashSet<>();
        int reports = 0;
        while (runs.find()) {
            ids.add(runs.group(1));
            reports++;
        }
        assertEquals(2, reports, c.err());
        assertEquals(1, ids.size(), c.err());
    }

    @Test
    void aClassTheAgentCannotRewriteIsLeftExactlyAsItWasWithOneLine() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "legacy");
        Path cls = dir.resolve("com/acme/legacy/Old.class");
        Files.createDirectories(cls.getParent());
        byte[] bytes = Files.readAllBytes(Path.of(Child.fixturesOnly(), "com/acme/legacy/Old.class"));
        bytes[6] = 0;
        bytes[7] = 50; // Java 6: no invokedynamic (its stack-map frames are ignored by the old verifier)
        Files.write(cls, bytes);
        List<String> agent = List.of("-javaagent:" + Child.agentJar(), "-Dfaultline.debug=assert:com.acme.legacy=warn");
        Child da = Child.start(JDK, dir.toString(), agent, Old.class.getName());
        assertEquals(0, da.waitFor(TIMEOUT), da.toString());
        assertTrue(da.out().contains("old class ran on"), da.toString());
        assertTrue(da.err().contains("faultline-agent: com.acme.legacy.Old left unchanged: class file version 50 predates"
                + " invokedynamic"), da.err());
        assertEquals(1, Child.count(da.err(), " left unchanged: "), da.err());
        assertTrue(da.err().contains("faultline-agent: rewrote 0 classes (0 asserts); 1 left unchanged"), da.err());
        // Unchanged means -ea still throws from it, as it always did.
        Child ea = Child.start(JDK, dir.toString(), List.of("-ea", agent.get(0), agent.get(1)), Old.class.getName());
        assertEquals(1, ea.waitFor(TIMEOUT), ea.toString());
        assertTrue(ea.err().contains("java.lang.AssertionError: an assert in an old class"), ea.err());
    }

    @Test
    void theJdkAndFaultlineItselfAreNeverRewrittenAndBadEntriesDoNotStopTheJvm() throws Exception {
        Child c = Child.start(JDK, Child.fixturesOnly(), List.of("-javaagent:" + Child.agentJar()
                        + "=assert:java.util=warn,assert:dev.faultline=warn,assert:com..x=warn,assert:com.acme.legacy=off"),
                Old.class.getName());
        assertEquals(0, c.waitFor(TIMEOUT), c.toString());
        assertTrue(c.out().contains("old class ran on"), c.toString());
        assertTrue(c.err().contains("'assert:java.util' is not rewritten: the agent never touches the JDK's classes"), c.err());
        assertTrue(c.err().contains("'assert:dev.faultline' is not rewritten"), c.err());
        assertTrue(c.err().contains("'assert:com..x' names no package"), c.err());
        assertTrue(c.err().contains("1 package(s) and their subpackages (named by the agent's argument): com.acme.legacy"),
                c.err());
    }

    @Test
    void anAgentWithNothingToRewriteSaysSoAndTheApplicationRuns() throws Exception {
        Child c = Child.start(JDK, Child.fixturesOnly(), List.of("-ea", "-javaagent:" + Child.agentJar()),
                Old.class.getName());
        assertEquals(1, c.waitFor(TIMEOUT), c.toString());
        assertTrue(c.err().contains("faultline-agent: nothing to rewrite: no assert:PACKAGE entry in the agent's argument"
                + " (faultline.debug is not set)"), c.err());
        assertTrue(c.err().contains("java.lang.AssertionError: an assert in an old class"), "-ea as ever\n" + c.err());
        assertFalse(c.err().contains("Sharing is only supported"), "nothing was appended to the boot class path\n" + c.err());
    }
}
