package dev.faultline.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.asserts.AllPlaces;
import com.acme.asserts.Places;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Asserts in every place javac puts them ({@link AllPlaces}: compiled for 17), run with the
 * agent on 17 and on the newer JDK, under {@code -Xverify:all}, in an application that has no
 * faultline-core of its own.
 */
class AssertPlacesIT {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final String MAIN = AllPlaces.class.getName();

    static List<String> jdks() {
        return Child.jdks();
    }

    private static Child run(String jdk, List<String> options, String... args) throws Exception {
        Child c = Child.start(jdk, Child.fixturesOnly(), options, MAIN, args);
        int exit = c.waitFor(TIMEOUT);
        assertEquals(0, exit, c.toString());
        return c;
    }

    private static List<String> agent(String spec) {
        return List.of("-javaagent:" + Child.agentJar(), "-Dfaultline.debug=" + spec);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void offRunsTheCodeExactlyAsDaDoesAndNothingFires(String jdk) throws Exception {
        Child da = run(jdk, List.of("-da"));
        assertTrue(da.out().startsWith("evaluated 0\n"), da.toString());
        assertTrue(da.out().contains("places " + Places.ALL.length + "\n"), da.toString());
        // -ea on the command line too: the spec decides for the packages it names.
        List<String> off = new ArrayList<>(agent("assert:com.acme.asserts=off"));
        off.add("-ea");
        Child agentOff = run(jdk, off);
        assertEquals(da.out(), agentOff.out(), agentOff.toString());
        assertFalse(agentOff.err().contains("cut here"), agentOff.err());
        assertTrue(agentOff.err().contains("faultline-agent: rewriting the assert statements of 1 package(s)"),
                agentOff.err());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void warnGivesOneReportPerFalseAssertWithItsMessageAndTheCodeGoesOn(String jdk) throws Exception {
        Child c = run(jdk, agent("assert:com.acme.asserts=warn"));
        String err = c.err();
        assertEquals(Places.ALL.length, Child.count(err, "------------[ cut here ]------------\nWARNING: assert:"),
                err);
        for (String place : Places.ALL) {
            assertTrue(c.out().contains("after " + place + "\n"), "the code after the assert in " + place + " ran\n" + c);
            if (!place.endsWith("detail")) {
                assertEquals(1, Child.count(err, "\nMessage: assert in " + place + "\n"), place + "\n" + err);
            }
        }
        for (String detail : new String[] {"7", "8", "c", "true", "1.5", "2.5",
                "java.lang.IllegalStateException: assert in throwable detail", "assert failed"}) {
            assertEquals(1, Child.count(err, "\nMessage: " + detail + "\n"), detail + "\n" + err);
        }
        assertTrue(c.out().startsWith("evaluated " + (Places.ALL.length - 1) + "\n"), c.out());
        // The site is the class and line of the assert; the domain is the class's package.
        assertTrue(err.contains("WARNING: assert:com.acme.asserts at com.acme.asserts.AllPlaces.method(AllPlaces.java:"),
                err);
        assertTrue(err.contains("WARNING: assert:com.acme.asserts at com.acme.asserts.AllPlaces$Shape.area(AllPlaces.java:"),
                err);
        assertTrue(err.contains("WARNING: assert:com.acme.asserts.sub at com.acme.asserts.sub.Below.run(Below.java:"), err);
        assertTrue(err.contains("\nDebug domain: assert:com.acme.asserts\n"), err);
        assertTrue(err.contains("\nSignature: "), err);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void onceReportsEachSiteOnceAndTheSignatureIsStableFromRunToRun(String jdk) throws Exception {
        Child c = run(jdk, agent("assert:com.acme.asserts=once"), "3");
        assertEquals(Places.ALL.length, Child.count(c.err(), "\nWARNING: assert:"), c.err());
        // The two later firings of each site that runs every round are counted, and said at exit.
        assertEquals(Places.ALL.length - 2, Child.count(c.err(), "\nSuppressed: 2 since "), c.err());
        Child again = run(jdk, agent("assert:com.acme.asserts=once"), "1");
        assertEquals(signatures(c.err()), signatures(again.err()));
    }

    private static List<String> signatures(String err) {
        List<String> s = new ArrayList<>();
        for (String line : err.split("\n")) {
            if (line.startsWith("Signature: ") && line.contains(" WARNING in ")) {
                s.add(line);
            }
        }
        return s;
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aSubpackageWithItsOwnEntryKeepsItsOwnMode(String jdk) throws Exception {
        Child c = run(jdk, agent("assert:com.acme.asserts.sub=off,assert:com.acme.asserts=warn"));
        assertEquals(Places.ALL.length - 1, Child.count(c.err(), "\nWARNING: assert:"), c.err());
        assertFalse(c.err().contains("assert in subpackage"), c.err());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void eaAndDaKeepTheirMeaningForPackagesTheSpecDoesNotName(String jdk) throws Exception {
        // The agent rewrites only com.acme.asserts.sub; -ea still throws from com.acme.asserts.
        Child c = Child.start(jdk, Child.fixturesOnly(), List.of("-ea", "-javaagent:" + Child.agentJar(),
                "-Dfaultline.debug=assert:com.acme.asserts.sub=warn"), MAIN);
        int exit = c.waitFor(TIMEOUT);
        assertEquals(1, exit, c.toString());
        assertTrue(c.err().contains("java.lang.AssertionError: assert in static initialiser"), c.err());
        // -da with the same agent: the unnamed package is off, as -da says.
        Child da = run(jdk, List.of("-da", "-javaagent:" + Child.agentJar(),
                "-Dfaultline.debug=assert:com.acme.asserts.sub=warn"));
        assertEquals(1, Child.count(da.err(), "\nWARNING: assert:"), da.err());
        assertTrue(da.err().contains("Message: assert in subpackage"), da.err());
    }
}
