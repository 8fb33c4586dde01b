package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.dump.Snapshots;
import dev.faultline.dump.Snapshottable;
import dev.faultline.fixtures.Captured;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Object-bearing checks (kernel {@code VM_WARN_ON_PAGE}, {@code VM_BUG_ON_PAGE}): the report
 * carries a snapshot dump of the object; a passing check never touches it; a check fired
 * inside a dump is counted and suppressed, never recursed into.
 */
class ObjectChecksTest {
    static final Site PAGE = Faultline.site("mm.page-state");
    static final Site INSIDE = Faultline.site("mm.inside-dump");

    @RegisterExtension
    final Captured captured = new Captured();

    /** Counts how often it is snapshotted, so a test can tell whether a check touched it. */
    static final class Page implements Snapshottable {
        record State(long flags, int refcount, String owner) {}

        final AtomicInteger snapshots = new AtomicInteger();
        long flags = 0x2c;
        int refcount = -1;
        String owner = "slab\n---[ end trace 0000000000000001 ]---";

        @Override
        public State snapshot() {
            snapshots.incrementAndGet();
            return new State(flags, refcount, owner);
        }
    }

    @Test
    void passingObjectChecksAreABranchAndNeverTouchTheObject() {
        Page page = new Page();
        assertFalse(PAGE.warnOnObject(false, page));
        assertFalse(PAGE.warnOnObject(false, page, "refcount %s", page.refcount));
        assertFalse(PAGE.warnOnObject(false, page, "refcount %s", (Object) "x"));
        assertFalse(PAGE.warnOnObject(false, page, "a %s b %s", "x", "y"));
        assertFalse(PAGE.warnOnceObject(false, page, "plain"));
        PAGE.bugOnObject(false, page, "refcount %s", -1L);
        assertEquals(0, page.snapshots.get());
        assertTrue(captured.reports.isEmpty());
    }

    @Test
    void aFiringWarnOnObjectReportsTheMessageAndADumpOfTheObject() {
        Page page = new Page();
        assertTrue(PAGE.warnOnObject(page.refcount < 0, page, "refcount %s", page.refcount));
        Report r = captured.reports.get(0);
        assertEquals(ReportKind.WARNING, r.kind());
        assertEquals("refcount -1", r.message());
        assertTrue(r.dump().matches("(?s)dev\\.faultline\\.ObjectChecksTest\\$Page@[0-9a-f]+ snapshot "
                + "dev\\.faultline\\.ObjectChecksTest\\$Page\\$State@[0-9a-f]+\\{flags=44, refcount=-1, owner=\"slab\n.*\"\\}"),
                r.dump());
        assertEquals(1, page.snapshots.get());
    }

    @Test
    void theDumpCannotForgeReportLines() {
        PAGE.warnOnObject(true, new Page());
        String text = captured.console();
        String dumpLine = text.lines().filter(l -> l.startsWith("Dump: ")).findFirst().orElseThrow();
        assertTrue(dumpLine.contains("owner=\"slab\\n---[ end trace 0000000000000001 ]---\""), dumpLine);
        assertEquals(1, text.lines().filter(l -> l.startsWith("---[ end trace")).count(), text);
        String json = captured.reports.get(0).toJson();
        assertFalse(json.contains("\n"), json);
        assertTrue(json.contains("slab\\n---[ end trace"), json);
    }

    @Test
    void aCheckWithoutAnObjectHasNoDump() {
        PAGE.warnOn(true, "plain");
        assertNull(captured.reports.get(0).dump());
    }

    @Test
    void warnOnceObjectDumpsOnlyWhenItReports() {
        Page page = new Page();
        for (int i = 0; i < 5; i++) {
            assertTrue(PAGE.warnOnceObject(true, page, "round %s", i));
        }
        assertEquals(1, captured.reports.size());
        assertEquals(1, page.snapshots.get(), "suppressed firings do not pay for a dump");
    }

    @Test
    void bugOnObjectPanicsWithTheDumpInTheBugReport() {
        Page page = new Page();
        PanicError e = assertThrows(PanicError.class, () -> PAGE.bugOnObject(true, page, "bad page %s", "p1"));
        assertEquals(ReportKind.BUG, e.report().kind());
        assertEquals("bad page p1", e.report().message());
        assertTrue(e.report().dump().contains("refcount=-1"), e.report().dump());
    }

    @Test
    void aNullObjectDumpsAsNull() {
        PAGE.warnOnObject(true, null);
        assertEquals("null", captured.reports.get(0).dump());
    }

    // ---- checks fired inside a dump ----------------------------------------------------

    @Test
    void aWarningFiredInsideSnapshotIsCountedAndSuppressed() {
        long before = Snapshots.suppressedChecks();
        Snapshottable warnsWhenDumped = () -> {
            INSIDE.warnOn(true, "from inside snapshot()");
            return "state";
        };
        PAGE.warnOnObject(true, warnsWhenDumped, "outer");
        assertEquals(1, captured.reports.size(), "only the outer warning is reported");
        assertEquals("mm.page-state", captured.reports.get(0).site());
        assertTrue(captured.reports.get(0).dump().endsWith(" snapshot \"state\""), captured.reports.get(0).dump());
        assertEquals(before + 1, Snapshots.suppressedChecks());
        assertEquals(1, Faultline.warnCount());
    }

    @Test
    void aWarningFiredInsideAGuardedToStringIsSuppressedOnTheDumpThreadToo() {
        long before = Snapshots.suppressedChecks();
        Object warns = new Object() {
            @Override
            public String toString() {
                INSIDE.warnOn(true, "from inside toString()");
                return "fine";
            }
        };
        String text = Snapshots.dump(Optional.of(warns)).text();
        assertTrue(text.endsWith("toString \"Optional[fine]\""), text);
        assertTrue(captured.reports.isEmpty());
        // toString() is called twice (re-read and compare), and each firing is counted.
        assertEquals(before + 2, Snapshots.suppressedChecks());
    }

    @Test
    void aBugFiredInsideADumpNeitherPanicsNorRunsOnPastTheBug() {
        long before = Snapshots.suppressedChecks();
        AtomicInteger ranPastTheBug = new AtomicInteger();
        Snapshottable bugs = () -> {
            INSIDE.bugOn(true, "from inside snapshot()");
            ranPastTheBug.incrementAndGet();
            return "unreachable";
        };
        assertTrue(PAGE.warnOnObject(true, bugs));
        assertEquals(0, ranPastTheBug.get());
        assertEquals(1, captured.reports.size());
        assertTrue(captured.reports.get(0).dump().startsWith(
                "(snapshot() hit BUG mm.inside-dump (suppressed inside the dump)) "), captured.reports.get(0).dump());
        assertEquals(before + 1, Snapshots.suppressedChecks());
    }

    @Test
    void aOnceCheckFiredInsideADumpDoesNotSpendTheSitesOnlyReport() {
        Site once = Faultline.site("mm.once-inside-dump");
        Snapshots.dump((Snapshottable) () -> {
            once.warnOnce(true, "from inside snapshot()");
            return "state";
        });
        assertTrue(captured.reports.isEmpty());
        assertEquals(0, once.reported(), "counted as suppressed, not as reported");
        assertEquals(1, once.suppressed());
        once.warnOnce(true, "the real first firing");
        assertEquals(1, captured.reports.size(), "the site's one report is still there for the real firing");
        assertEquals("the real first firing", captured.reports.get(0).message());
    }

    @Test
    void aBugFiredInsideADumpCountsAsSuppressedAtItsSite() {
        Site bug = Faultline.site("mm.bug-inside-dump");
        Snapshots.dump((Snapshottable) () -> {
            bug.bugOn(true);
            return "unreachable";
        });
        assertEquals(0, bug.reported());
        assertEquals(1, bug.suppressed());
    }

    @Test
    void afterADumpTheThreadReportsNormallyAgain() {
        Snapshots.dump((Snapshottable) () -> {
            INSIDE.warnOn(true);
            return 1;
        });
        INSIDE.warnOn(true, "after");
        assertEquals(1, captured.reports.size());
        assertEquals("after", captured.reports.get(0).message());
    }
}
