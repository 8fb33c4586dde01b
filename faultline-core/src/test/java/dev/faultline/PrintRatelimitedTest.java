package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.fixtures.ManualTicker;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** printRatelimited, the pr_warn_ratelimited analog: a plain NOTICE, no stack, still counted. */
class PrintRatelimitedTest {
    @RegisterExtension
    final Captured captured = new Captured();
    ManualTicker clock = new ManualTicker();

    @Test
    void aPrintIsANoticeWithLocationButNoStackNoTaintNoWarnCount() {
        Site site = Faultline.site("print.plain");
        assertTrue(site.printRatelimited("queue %s is %s percent full", "ingest", 93L));

        assertEquals(1, captured.reports.size());
        Report r = captured.reports.get(0);
        assertEquals(ReportKind.NOTICE, r.kind());
        assertEquals("queue ingest is 93 percent full", r.message());
        assertTrue(r.location().startsWith(PrintRatelimitedTest.class.getName() + ".aPrintIsANotice"), r.location());
        assertEquals(List.of(), r.stack());
        assertEquals(Set.of(), Faultline.taints(), "a notice does not taint");
        assertEquals(0, Faultline.warnCount(), "a notice is not a warning");
        assertTrue(captured.console().contains("NOTICE: print.plain at "), captured.console());
        assertEquals(1, site.stats().fired());
    }

    @Test
    void aSiteDeclaredWithoutALimitPrintsUnderTheProcessDefaultOfTenPerFiveSeconds() {
        Site site = new Site("print.default", "owner", null, clock);
        int printed = 0;
        for (int i = 0; i < 25; i++) {
            if (site.printRatelimited("line %s", i)) {
                printed++;
            }
        }
        assertEquals(10, printed);
        assertEquals(15, site.suppressed());
        clock.advance(Duration.ofSeconds(5));
        assertTrue(site.printRatelimited("after the window"));
        Report last = captured.reports.get(captured.reports.size() - 1);
        assertEquals(15, last.suppressed());
        assertEquals(clock.instantAt(0), last.suppressedSince(), "since the previous print");
        assertTrue(site.warnOn(true, "warnings of an undeclared site are not limited"));
        assertEquals(12, captured.reports.size());
    }

    @Test
    void printsAndWarningsOfADeclaredSiteShareItsLimit() {
        Site site = new Site("print.shared", "owner", RateLimit.of(2, Duration.ofSeconds(1)), clock);
        site.warnOn(true, "w1");
        assertTrue(site.printRatelimited("p1"));
        assertFalse(site.printRatelimited("p2"));
        site.warnOn(true, "w2");
        assertEquals(List.of("w1", "p1"), captured.reports.stream().map(Report::message).collect(Collectors.toList()));
        assertEquals(2, site.suppressed());
    }

    @Test
    void aSuppressedPrintDoesNotBuildItsMessage() {
        Site site = new Site("print.lazy", "owner", RateLimit.of(1, Duration.ofSeconds(1)), clock);
        AtomicInteger built = new AtomicInteger();
        site.printRatelimited(() -> "built " + built.incrementAndGet());
        site.printRatelimited(() -> "built " + built.incrementAndGet());
        assertEquals(1, built.get());
        assertEquals("built 1", captured.reports.get(0).message());
    }

    @Test
    void aSiteDeclaredUnlimitedPrintsEverything() {
        Site site = new Site("print.unlimited", "owner", RateLimit.NONE, clock);
        for (int i = 0; i < 30; i++) {
            assertTrue(site.printRatelimited("x"));
        }
        assertEquals(30, captured.reports.size());
    }
}
