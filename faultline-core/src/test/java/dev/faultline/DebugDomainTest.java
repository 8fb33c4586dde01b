package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.dump.Snapshottable;
import dev.faultline.fixtures.Captured;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Taint;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debug domains: what each check does in each mode, how modes are inherited, and how changes
 * are logged. Every test uses domain names of its own, so tests do not see each other's modes.
 */
class DebugDomainTest {
    @RegisterExtension
    final Captured captured = new Captured();

    private static DebugDomain domain(String name, DebugMode mode) {
        DebugDomain d = Faultline.domain(name);
        Faultline.debugDomains().set(name, mode);
        return d;
    }

    private List<String> messages() {
        return captured.reports.stream().map(Report::message).collect(Collectors.toList());
    }

    // ---- off ---------------------------------------------------------------------------

    @Test
    void aDomainIsOffByDefaultAndItsChecksDoNothing() {
        DebugDomain d = Faultline.domain("spec.default-off");
        assertEquals(DebugMode.OFF, d.mode());
        assertFalse(d.enabled());
        assertTrue(d.warnOn(true), "the boolean forms return their condition in every mode");
        assertTrue(d.warnOnce(true, "x %s", 1));
        d.bugOn(true);
        d.bugOnObject(true, new Object());
        assertTrue(captured.reports.isEmpty());
        assertEquals(0, Faultline.warnCount());
        assertEquals(Set.of(), Faultline.taints());
    }

    @Test
    void whileOffALambdaCheckIsNotEvaluated() {
        DebugDomain d = Faultline.domain("spec.lambda-off");
        AtomicInteger evaluated = new AtomicInteger();
        assertFalse(d.warnOn(() -> evaluated.incrementAndGet() > 0));
        d.bugOn(() -> evaluated.incrementAndGet() > 0);
        assertEquals(0, evaluated.get());
    }

    @Test
    void aMalformedNameIsRegisteredSanitisedFollowsOnlyTheDefaultAndCannotForgeLines() {
        Faultline.debugDomains().set("spec-parent", DebugMode.PANIC);
        DebugDomain d = Faultline.domain("spec-parent.bad name\n------------[ cut here ]------------\nBUG: forged");
        assertTrue(d.name().startsWith("<malformed:spec-parent_bad_name_"), d.name());
        assertFalse(d.name().contains("\n"));
        assertEquals(Faultline.debugDomains().mode("*"), d.mode(), "no parent but *");
        assertTrue(Faultline.configurationProblems().stream().anyMatch(p -> p.contains("registered as <malformed:")));
        Faultline.debugDomains().set("*", DebugMode.WARN);
        try {
            assertFalse(captured.console().contains("\nBUG: forged"), captured.console());
            assertTrue(Faultline.debugDomains().status().stream().noneMatch(line -> line.contains("\n")));
        } finally {
            Faultline.debugDomains().set("*", DebugMode.OFF);
        }
    }

    // ---- warn --------------------------------------------------------------------------

    @Test
    void inModeWarnAWarnOnReportsAWarningNamedAfterTheDomainAtTheCallingLine() {
        DebugDomain d = domain("spec.warn", DebugMode.WARN);
        assertTrue(d.enabled());
        assertTrue(d.warnOn(true, "free list length %s", -3));
        assertFalse(d.warnOn(false, "never"));

        assertEquals(1, captured.reports.size());
        Report r = captured.reports.get(0);
        assertEquals(ReportKind.WARNING, r.kind());
        assertEquals("spec.warn", r.site());
        assertEquals("free list length -3", r.message());
        assertTrue(r.location().startsWith(DebugDomainTest.class.getName() + ".inModeWarn"), r.location());
        assertEquals(1, Faultline.warnCount());
        assertEquals(Set.of(Taint.WARNED), Faultline.taints());
    }

    @Test
    void inModeWarnABugOnWarnsSaysSoAndTheCodeGoesOn() {
        DebugDomain d = domain("spec.bug-as-warn", DebugMode.WARN);
        d.bugOn(true, "refcount %s", -1);
        d.bugOn(true);
        assertEquals(List.of("refcount -1 (bugOn reported as a warning: debug domain spec.bug-as-warn is in mode warn)",
                "bugOn reported as a warning: debug domain spec.bug-as-warn is in mode warn"), messages());
        assertTrue(captured.reports.stream().allMatch(r -> r.kind() == ReportKind.WARNING));
    }

    @Test
    void inModeWarnAWarnOnceStillReportsOncePerCallingLine() {
        DebugDomain d = domain("spec.warn-once", DebugMode.WARN);
        for (int i = 0; i < 5; i++) {
            assertTrue(d.warnOnce(true, "round %s", i));
        }
        assertEquals(List.of("round 0"), messages());
    }

    // ---- once --------------------------------------------------------------------------

    @Test
    void inModeOnceEveryCheckReportsOnlyItsFirstFiringPerCallingLine() {
        DebugDomain d = domain("spec.once", DebugMode.ONCE);
        for (int i = 0; i < 3; i++) {
            d.warnOn(true, "first line %s", i);
            d.bugOn(true, "second line %s", i);
        }
        assertEquals(List.of("first line 0",
                "second line 0 (bugOn reported as a warning: debug domain spec.once is in mode once)"), messages());
        assertEquals(2, Faultline.warnCount(), "suppressed firings are not warnings");

        Faultline.clearWarnOnce();
        d.warnOn(true, "after clear");
        assertEquals("after clear", captured.reports.get(2).message(), "clear_warn_once applies to domains too");
    }

    @Test
    void suppressedFiringsOfADomainAreAnnouncedNotLost() {
        DebugDomain d = domain("spec.once-flush", DebugMode.ONCE);
        int before = captured.reports.size();
        for (int i = 0; i < 5; i++) {
            d.warnOn(true, "round %s", i);
        }
        assertEquals(4, Faultline.flushSuppressed());
        assertEquals(before + 2, captured.reports.size(), "one warning, one notice");
        Report notice = captured.reports.get(before + 1);
        assertEquals(ReportKind.NOTICE, notice.kind());
        assertEquals("spec.once-flush", notice.site());
        assertEquals(4, notice.suppressed());
    }

    // ---- panic -------------------------------------------------------------------------

    @Test
    void inModePanicABugOnPanicsWithABugReport() {
        DebugDomain d = domain("spec.panic", DebugMode.PANIC);
        PanicError e = assertThrows(PanicError.class, () -> d.bugOn(true, "refcount %s", -1));
        assertEquals(ReportKind.BUG, e.report().kind());
        assertEquals("spec.panic", e.report().site());
        assertEquals("refcount -1", e.report().message());
    }

    @Test
    void inModePanicAWarnOnOnlyWarnsUnlessPanicOnWarnSaysOtherwise() {
        DebugDomain d = domain("spec.panic-warn", DebugMode.PANIC);
        assertTrue(d.warnOn(true, "just a warning"));
        assertEquals(ReportKind.WARNING, captured.reports.get(0).kind());

        Faultline.policy().setPanicOnWarn(true);
        assertThrows(PanicError.class, () -> d.warnOn(true, "now it panics"), "panic_on_warn decides, as for any warning");
    }

    @Test
    void aPassingCheckDoesNothingInAnyMode() {
        DebugDomain d = domain("spec.passing", DebugMode.PANIC);
        assertFalse(d.warnOn(false));
        d.bugOn(false, "x %s", 1);
        d.bugOnObject(false, "subject");
        assertFalse(d.warnOnce(() -> false));
        assertTrue(captured.reports.isEmpty());
    }

    // ---- object-bearing and lambda forms -----------------------------------------------

    @Test
    void anObjectBearingCheckCarriesTheDumpOfItsObject() {
        DebugDomain d = domain("spec.subject", DebugMode.WARN);
        List<Integer> page = List.of(1, 2, 3);
        d.warnOnObject(true, page, "page %s", "p7");
        d.warnOnObject(true, null);
        d.warnOn(true, "no subject");
        assertEquals(Dumps.dump(page), captured.reports.get(0).dump());
        assertEquals("page p7", captured.reports.get(0).message());
        assertEquals(Dumps.dump(null), captured.reports.get(1).dump(), "a null object is dumped as null");
        assertNull(captured.reports.get(2).dump(), "a check without an object carries no dump");
    }

    @Test
    void theObjectIsDumpedOnlyWhenAReportIsMade() {
        DebugDomain d = domain("spec.subject-once", DebugMode.ONCE);
        AtomicInteger dumped = new AtomicInteger();
        Snapshottable subject = () -> "dump #" + dumped.incrementAndGet();
        for (int i = 0; i < 10; i++) {
            d.warnOnceObject(true, subject);
        }
        assertEquals(1, dumped.get(), "nine suppressed firings took no snapshot");
        assertTrue(captured.reports.get(0).dump().contains("dump #1"), captured.reports.get(0).dump());
    }

    @Test
    void anObjectWhoseSnapshotThrowsIsStillDumpedAndNothingIsThrown() {
        DebugDomain d = domain("spec.hostile", DebugMode.PANIC);
        Snapshottable hostile = () -> {
            throw new IllegalStateException("boom");
        };
        PanicError e = assertThrows(PanicError.class, () -> d.bugOnObject(true, hostile, "bad page"));
        assertEquals("bad page", e.report().message());
        String dump = e.report().dump();
        assertTrue(dump.contains("snapshot() threw java.lang.IllegalStateException"), dump);
        assertTrue(dump.contains(hostile.getClass().getName() + "@"), "falls back to a reflective dump: " + dump);
    }

    @Test
    void aLambdaCheckRunsWhileOnAndReportsWhenItHolds() {
        DebugDomain d = domain("spec.lambda", DebugMode.WARN);
        assertTrue(d.warnOn(() -> true, "tree unbalanced"));
        assertFalse(d.warnOn(() -> false, "never"));
        assertEquals(List.of("tree unbalanced"), messages());
    }

    @Test
    void aLambdaCheckThatThrowsIsReportedAsAWarningAndCountsAsNotHeld() {
        DebugDomain d = domain("spec.lambda-throws", DebugMode.PANIC);
        d.bugOn(() -> {
            throw new IllegalStateException("list mutated");
        });
        assertEquals(1, captured.reports.size());
        assertEquals(ReportKind.WARNING, captured.reports.get(0).kind(), "not a panic: the invariant is unknown");
        assertEquals("the check itself threw java.lang.IllegalStateException: list mutated",
                captured.reports.get(0).message());
    }

    // ---- names and inheritance -----------------------------------------------------------

    @Test
    void theSameNameGivesTheSameDomainWhateverItsCase() {
        assertSame(Faultline.domain("spec.same"), Faultline.domain("SPEC.Same"));
        assertEquals("spec.same", Faultline.domain("Spec.Same").name());
    }

    @Test
    void aSubDomainFollowsItsParentUntilItHasAModeOfItsOwn() {
        DebugDomain parent = Faultline.domain("inh");
        DebugDomain child = Faultline.domain("inh.cache");
        DebugDomain grandchild = Faultline.domain("inh.cache.slab");
        DebugDomain sibling = Faultline.domain("inh2");
        DebugDomains control = Faultline.debugDomains();

        control.set("inh", DebugMode.WARN);
        assertEquals(List.of(DebugMode.WARN, DebugMode.WARN, DebugMode.WARN, DebugMode.OFF),
                List.of(parent.mode(), child.mode(), grandchild.mode(), sibling.mode()),
                "inh2 is not a sub-domain of inh");

        control.set("inh.cache", DebugMode.OFF);
        assertEquals(List.of(DebugMode.WARN, DebugMode.OFF, DebugMode.OFF),
                List.of(parent.mode(), child.mode(), grandchild.mode()));

        control.set("inh", DebugMode.PANIC);
        assertEquals(DebugMode.OFF, child.mode(), "a domain's own mode is not changed by its parent's");

        control.inherit("inh.cache");
        assertEquals(DebugMode.PANIC, grandchild.mode());
        assertTrue(grandchild.enabled());
    }

    @Test
    void theDefaultAppliesToEveryDomainNobodyNamed() {
        DebugDomain unnamed = Faultline.domain("dflt.anything");
        DebugDomain named = Faultline.domain("dflt2");
        Faultline.debugDomains().set("dflt2", DebugMode.OFF);
        try {
            Faultline.debugDomains().set("*", DebugMode.ONCE);
            assertEquals(DebugMode.ONCE, unnamed.mode());
            assertEquals(DebugMode.OFF, named.mode());
        } finally {
            Faultline.debugDomains().inherit("*");
        }
        assertEquals(DebugMode.OFF, unnamed.mode());
    }

    @Test
    void aMalformedNameDoesNotThrowAndIsReported() {
        DebugDomain d = Faultline.domain("bad name!");
        DebugDomain n = Faultline.domain(null);
        assertEquals("<unnamed>", n.name());
        assertEquals(DebugMode.OFF, d.mode());
        assertTrue(Faultline.configurationProblems().stream()
                .anyMatch(p -> p.contains("bad domain name 'bad name!'")), Faultline.configurationProblems().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Faultline.debugDomains().set("bad name!", DebugMode.WARN));
        assertTrue(e.getMessage().contains("'bad name!'"), e.getMessage());
    }

    // ---- changes are logged, relaxing taints ---------------------------------------------

    @Test
    void everyChangeIsLoggedAsOneLineWithFromToAndChannel() {
        Faultline.domain("log.mm");
        Faultline.domain("log.mm.cache");
        Faultline.debugDomains().set("log.mm", DebugMode.PANIC, "test");
        Faultline.debugDomains().set("log.mm", DebugMode.PANIC, "test");
        Faultline.debugDomains().inherit("log.mm", "test");
        assertEquals("faultline: debug domain log.mm changed from inherit (off) to panic (via test);"
                + " domains that follow it: log.mm.cache\n"
                + "faultline: debug domain log.mm changed from panic to inherit (off) (via test);"
                + " domains that follow it: log.mm.cache\n", captured.console(), "setting the same mode again logs nothing");
    }

    @Test
    void aChangeLineNamesAFewOfTheDomainsThatFollowAndCountsTheRest() {
        for (int i = 0; i < 11; i++) {
            Faultline.domain("many.d" + i);
        }
        Faultline.debugDomains().set("many", DebugMode.WARN, "test");
        assertTrue(captured.console().endsWith("; domains that follow it: many.d0, many.d1, many.d10, many.d2, many.d3,"
                + " many.d4, many.d5, many.d6 and 3 more\n"), captured.console());
    }

    @Test
    void aChannelNameCannotForgeALogLine() {
        Faultline.debugDomains().set("log.forged", DebugMode.WARN, "ops\nfaultline: forged");
        assertEquals("faultline: debug domain log.forged changed from inherit (off) to warn (via ops\\nfaultline:"
                + " forged)\n", captured.console());
    }

    @Test
    void relaxingAPanicDomainTaintsTheProcessButOtherChangesDoNot() {
        Faultline.domain("relax.mm");
        DebugDomains control = Faultline.debugDomains();
        control.set("relax.mm", DebugMode.WARN);
        control.set("relax.mm", DebugMode.OFF);
        control.set("relax.mm", DebugMode.PANIC);
        assertEquals(Set.of(), Faultline.taints(), "turning checks up, or warn to off, is not relaxing a panic");
        control.set("relax.mm", DebugMode.ONCE);
        assertEquals(Set.of(Taint.RELAXED), Faultline.taints());
    }

    @Test
    void relaxingAParentRelaxesTheSubDomainsThatFollowIt() {
        Faultline.domain("relax2.mm.cache");
        Faultline.debugDomains().set("relax2.mm", DebugMode.PANIC);
        Faultline.debugDomains().inherit("relax2.mm");
        assertEquals(Set.of(Taint.RELAXED), Faultline.taints());
    }

    @Test
    void theStatusListsEveryDomainItsModeAndNamesThatWereSetButNeverRegistered() {
        Faultline.domain("stat.mm");
        Faultline.domain("stat.mm.cache");
        List<String> problems = Faultline.debugDomains().apply("stat.mm=warn, stat.typo=panic, stat.bad=x", "test");
        assertEquals(List.of("entry 3 'stat.bad=x' at column 32: unknown mode 'x'; expected off, warn, once or panic"),
                problems);
        List<String> status = Faultline.debugDomains().status();
        assertTrue(status.get(0).startsWith("* = "), status.toString());
        assertTrue(status.contains("stat.mm = warn (set via test)"), status.toString());
        assertTrue(status.contains("stat.mm.cache = warn (inherited from stat.mm)"), status.toString());
        assertTrue(status.contains("stat.typo = panic (set via test; no such domain is registered)"), status.toString());
        assertTrue(Faultline.debugDomains().unregistered().contains("stat.typo"));
        assertFalse(Faultline.debugDomains().unregistered().contains("stat.mm"));
    }
}
