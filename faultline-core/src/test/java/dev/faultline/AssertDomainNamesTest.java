package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code assert:PACKAGE} names (the domains faultline-agent gives a package's assert
 * statements) are domains like any other: a package's domain covers its subpackages unless they
 * have their own setting, and they never touch a plain domain of the same spelling.
 */
class AssertDomainNamesTest {
    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void aPackagesAssertDomainCoversItsSubpackagesUnlessTheyHaveTheirOwn() {
        DebugDomain acme = Faultline.domain("assert:names.acme");
        DebugDomain mm = Faultline.domain("assert:names.acme.mm");
        DebugDomain net = Faultline.domain("assert:names.acme.net");
        List<String> problems = Faultline.debugDomains().apply("assert:names.acme.mm=panic,assert:names.acme=warn", "test");
        assertEquals(List.of(), problems);
        assertEquals(DebugMode.WARN, acme.mode());
        assertEquals(DebugMode.PANIC, mm.mode(), "its own entry wins");
        assertEquals(DebugMode.WARN, net.mode(), "no entry of its own: it follows assert:names.acme");
        Faultline.debugDomains().set("assert:names.acme", DebugMode.OFF);
        assertEquals(DebugMode.OFF, net.mode());
        assertEquals(DebugMode.PANIC, mm.mode());
        Faultline.debugDomains().inherit("assert:names.acme.mm");
        assertEquals(DebugMode.OFF, mm.mode());
    }

    @Test
    void anAssertDomainAndAPlainDomainOfTheSameSpellingAreStrangers() {
        DebugDomain plain = Faultline.domain("strangers.acme");
        DebugDomain asserts = Faultline.domain("ASSERT:Strangers.Acme");
        assertEquals("assert:strangers.acme", asserts.name(), "names are case-insensitive, kept in lower case");
        Faultline.debugDomains().set("assert:strangers", DebugMode.WARN);
        assertEquals(DebugMode.WARN, asserts.mode());
        assertEquals(DebugMode.OFF, plain.mode());
        Faultline.debugDomains().set("strangers", DebugMode.ONCE);
        assertEquals(DebugMode.WARN, asserts.mode());
        assertEquals(DebugMode.ONCE, plain.mode());
    }

    @Test
    void aBadAssertNameIsRefusedWithTheReasonAndChangesNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Faultline.debugDomains().set("assert:com.acme.*", DebugMode.WARN));
        assertTrue(e.getMessage().contains("write assert:com.acme=MODE"), e.getMessage());
        List<String> problems = Faultline.debugDomains().apply("assert:=warn,assert:bad.names.ok=once", "test");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("missing package after 'assert:'"), problems.get(0));
        assertEquals(DebugMode.ONCE, Faultline.debugDomains().mode("assert:bad.names.ok"));
    }

    @Test
    void aChangeLineNamesTheAssertDomain() {
        Faultline.domain("assert:lines.acme.pool");
        Faultline.debugDomains().set("assert:lines.acme", DebugMode.WARN, "jmx");
        assertTrue(captured.console().contains(
                "faultline: debug domain assert:lines.acme changed from inherit (off) to warn (via jmx);"
                        + " domains that follow it: assert:lines.acme.pool"), captured.console());
    }
}
