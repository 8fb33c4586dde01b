package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.ManualTicker;
import dev.faultline.fixtures.SuppressedAtExitMain;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Suppressed counts are never lost: a site that goes quiet has its count announced by a flush,
 * on demand and at clean shutdown, exactly once.
 */
class FlushSuppressedTest {
    @RegisterExtension
    final Captured captured = new Captured();
    ManualTicker clock = new ManualTicker();

    @Test
    void aFlushAnnouncesEachQuietSiteOnceAsANotice() {
        Site once = new Site("flush.once", "owner", null, clock);
        Site limited = new Site("flush.limited", "owner", RateLimit.of(1, Duration.ofMinutes(1)), clock);
        Instant firstReport = clock.instant();
        for (int i = 0; i < 1000; i++) {
            once.warnOnce(true);
            limited.warnOn(true);
        }
        clock.advance(Duration.ofSeconds(3));
        captured.reports.clear();

        assertEquals(999 + 999, Faultline.flushSuppressed());

        assertEquals(2, captured.reports.size());
        for (Report note : captured.reports) {
            assertEquals(ReportKind.NOTICE, note.kind());
            assertEquals(999, note.suppressed());
            assertEquals(firstReport, note.suppressedSince());
            assertEquals(List.of(), note.stack());
            assertEquals("", note.location());
        }
        assertTrue(captured.console().contains("NOTICE: flush.once\n"), captured.console());
        assertTrue(captured.console().contains("Suppressed: 999 since " + firstReport), captured.console());
        assertEquals(0, Faultline.flushSuppressed(), "nothing is announced twice");
        assertEquals(2, captured.reports.size());
    }

    @Test
    void aCountAnnouncedByAReportIsNotFlushedAgainAndLaterOnesAre() {
        Site site = new Site("flush.after-report", "owner", RateLimit.of(1, Duration.ofSeconds(1)), clock);
        site.warnOn(true);
        site.warnOn(true);
        site.warnOn(true);
        clock.advance(Duration.ofSeconds(1));
        site.warnOn(true); // announces the 2
        Instant announced = clock.instant();
        assertEquals(2, captured.reports.get(1).suppressed());
        assertEquals(0, Faultline.flushSuppressed());

        site.warnOn(true);
        clock.advance(Duration.ofMillis(10));
        assertEquals(1, Faultline.flushSuppressed());
        Report note = captured.reports.get(2);
        assertEquals(1, note.suppressed());
        assertEquals(announced, note.suppressedSince());
        assertEquals(3, site.suppressed(), "2 announced by a report + 1 by the flush");
    }

    @Test
    void aSiteSuppressedAgainAfterAFlushIsFlushedAgain() {
        Site site = new Site("flush.again", "owner", null, clock);
        site.warnOnce(true);
        site.warnOnce(true);
        assertEquals(1, Faultline.flushSuppressed());
        site.warnOnce(true);
        site.warnOnce(true);
        assertEquals(2, Faultline.flushSuppressed());
        assertEquals(3, site.suppressed());
    }

    @Test
    void atCleanShutdownTheSuppressedCountsAreFlushed() throws Exception {
        Jvm.Result r = Jvm.run(SuppressedAtExitMain.class, List.of(), Duration.ofSeconds(60));
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("main done"), r.toString());
        // One report at the first firing, and the 999 others announced by the exit flush.
        assertEquals(2, count(r.stderr, "------------[ cut here ]------------"), r.stderr);
        assertTrue(r.stderr.contains("WARNING: child.quiet-once at "), r.stderr);
        assertTrue(r.stderr.contains("NOTICE: child.quiet-once\n"), r.stderr);
        assertTrue(r.stderr.contains("Suppressed: 999 since "), r.stderr);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }
}
