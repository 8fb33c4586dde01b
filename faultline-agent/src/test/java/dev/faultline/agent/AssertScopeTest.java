package dev.faultline.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which classes the agent rewrites, and the domain each class's asserts get. */
class AssertScopeTest {
    @Test
    void theAssertEntriesOfASpecNameThePackagesWhateverTheirModeOrSample() {
        List<String> problems = new ArrayList<>();
        AssertScope s = AssertScope.parse("mm=panic, assert:com.acme.mm=warn@2%,ASSERT:Org.Apache.Lucene=off,*=warn",
                problems);
        assertEquals(List.of("com.acme.mm", "org.apache.lucene"), s.packages());
        assertEquals(List.of(), problems);
    }

    @Test
    void aClassGetsTheDomainOfItsOwnPackageWhichInheritsFromTheNamedOne() {
        AssertScope s = AssertScope.parse("assert:com.acme=warn", new ArrayList<>());
        assertEquals("assert:com.acme", s.domainOf("com/acme/Pool"));
        assertEquals("assert:com.acme.mm.cache", s.domainOf("com/acme/mm/cache/Slab$1"));
        assertEquals("assert:com.acme.mm", s.domainOf("com/Acme/MM/Pool"), "names are case-insensitive");
        assertNull(s.domainOf("com/acmex/Pool"), "a prefix of a segment is not a subpackage");
        assertNull(s.domainOf("com/Pool"));
        assertNull(s.domainOf("Main"), "the unnamed package");
        assertTrue(s.covers("com.acme.mm"));
        assertFalse(s.covers("com.acm"));
    }

    @Test
    void aSubpackageThatCannotBeADomainNameTakesTheNearestOneAboveIt() {
        AssertScope s = AssertScope.parse("assert:com.acme=warn", new ArrayList<>());
        assertEquals("assert:com.acme.mm", s.domainOf("com/acme/mm/caf\u00e9/Bar"));
        assertEquals("assert:com.acme", s.domainOf("com/acme/$gen/x/Bar"));
    }

    @Test
    void theJdkFaultlineAndMalformedNamesAreRefusedWithALineEach() {
        List<String> problems = new ArrayList<>();
        AssertScope s = AssertScope.parse("assert:java.util=warn,assert:jdk.internal=warn,assert:sun.misc=warn,"
                + "assert:com.sun.net=warn,assert:dev.faultline.x=warn,assert:=warn,assert:a..b=warn,assert:9a=warn,"
                + "assert:javax.servlet=warn", problems);
        assertEquals(List.of("javax.servlet"), s.packages(), "javax is not the JDK's alone");
        assertEquals(8, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'assert:java.util' is not rewritten: the agent never touches the JDK's"),
                problems.get(0));
        assertTrue(problems.get(5).contains("'assert:' names no package"), problems.get(5));
    }

    @Test
    void scopesWidenByUnion() {
        AssertScope a = AssertScope.parse("assert:a.b=warn", new ArrayList<>());
        AssertScope b = AssertScope.parse("assert:c=off", new ArrayList<>());
        assertEquals(List.of("a.b", "c"), a.plus(b).packages());
        assertTrue(AssertScope.parse(null, new ArrayList<>()).isEmpty());
    }
}
