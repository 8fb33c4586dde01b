package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.fixtures.ManualTicker;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.SiteStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rate-limited sites, on a clock moved by hand: burst per interval (kernel lib/ratelimit.c),
 * interval 0 = no limit, burst 0 = suppress all, and the "N suppressed since" arithmetic.
 */
class RateLimitedSiteTest {
    @RegisterExtension
    final Captured captured = new Captured();
    ManualTicker clock = new ManualTicker();

    Site site(String name, RateLimit limit) {
        return new Site(name, RateLimitedSiteTest.class.getName(), limit, clock);
    }

    @Test
    void theBurstReportsTheRestOfTheWindowIsSuppressedAndCounted() {
        Site site = site("rl.burst", RateLimit.of(3, Duration.ofSeconds(1)));
        for (int i = 0; i < 10; i++) {
            assertTrue(site.warnOn(true, "firing %s", i), "a suppressed check still returns its condition");
        }
        assertEquals(List.of("firing 0", "firing 1", "firing 2"), messages());
        assertEquals(10, site.fired());
        assertEquals(3, site.reported());
        assertEquals(7, site.suppressed());
        assertEquals(3, Faultline.warnCount(), "only reported warnings count toward warn_limit");
    }

    @Test
    void theWindowRunsForOneIntervalFromItsFirstFiring() {
        Site site = site("rl.window", RateLimit.of(2, Duration.ofSeconds(1)));
        site.warnOn(true, "a");
        clock.advance(Duration.ofMillis(400));
        site.warnOn(true, "b");
        site.warnOn(true, "suppressed 1");
        clock.advance(Duration.ofMillis(599)); // 999 ms after the window opened: still inside
        site.warnOn(true, "suppressed 2");
        clock.advance(Duration.ofMillis(1)); // exactly one interval: a new window
        site.warnOn(true, "c");
        site.warnOn(true, "d");
        site.warnOn(true, "suppressed 3");
        assertEquals(List.of("a", "b", "c", "d"), messages());
        assertEquals(3, site.suppressed());
    }

    @Test
    void theNextReportAnnouncesWhatWasSuppressedSinceThePreviousReport() {
        Site site = site("rl.announce", RateLimit.of(1, Duration.ofSeconds(5)));
        site.warnOn(true, "first");
        Instant firstReport = clock.instant();
        for (int i = 0; i < 41; i++) {
            clock.advance(Duration.ofMillis(100));
            site.warnOn(true, "suppressed");
        }
        clock.advance(Duration.ofMillis(900)); // 5 s after the window opened
        site.warnOn(true, "second");
        clock.advance(Duration.ofSeconds(5));
        site.warnOn(true, "third");

        assertEquals(List.of("first", "second", "third"), messages());
        Report first = captured.reports.get(0);
        Report second = captured.reports.get(1);
        Report third = captured.reports.get(2);
        assertEquals(0, first.suppressed());
        assertNull(first.suppressedSince());
        assertEquals(41, second.suppressed());
        assertEquals(firstReport, second.suppressedSince());
        assertEquals(0, third.suppressed(), "a count is announced once, never again");
        assertTrue(second.toText().contains("Suppressed: 41 since " + firstReport + "\n"), second.toText());
        assertTrue(second.toJson().contains("\"suppressed\":41,\"suppressed_since\":\"" + firstReport + "\""),
                second.toJson());
        assertTrue(captured.console().contains("Suppressed: 41 since"), "the console shows the count");
    }

    @Test
    void intervalZeroMeansNoLimit() {
        Site site = site("rl.unlimited", RateLimit.of(1, Duration.ZERO));
        for (int i = 0; i < 50; i++) {
            site.warnOn(true);
        }
        assertEquals(50, captured.reports.size());
        assertEquals(0, site.suppressed());
        assertTrue(RateLimit.of(1, Duration.ZERO).isUnlimited());
        assertEquals("unlimited", RateLimit.NONE.toString());
    }

    @Test
    void burstZeroSuppressesEveryFiringButCountsItAndTheFlushAnnouncesIt() {
        Site site = site("rl.silent", RateLimit.of(0, Duration.ofSeconds(5)));
        Instant first = clock.instant();
        for (int i = 0; i < 25; i++) {
            site.warnOn(true);
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(0, captured.reports.size());
        assertEquals(25, site.suppressed());
        assertEquals(25, Faultline.flushSuppressed());
        assertEquals(1, captured.reports.size());
        Report note = captured.reports.get(0);
        assertEquals(ReportKind.NOTICE, note.kind());
        assertEquals("rl.silent", note.site());
        assertEquals(25, note.suppressed());
        assertEquals(first, note.suppressedSince(), "never reported: counted since the first firing");
    }

    @Test
    void warnOnceIsNotRateLimitedAndBugOnAlwaysReports() {
        Site site = site("rl.mixed", RateLimit.of(0, Duration.ofSeconds(5)));
        site.warnOnce(true, "once");
        site.warnOnce(true, "once again");
        assertEquals(List.of("once"), messages(), "once is stricter than any limit and not spent by it");
        assertThrows(PanicError.class, () -> site.bugOn(true, "bug"));
        assertEquals(2, site.reported(), "the BUG is reported although the burst is 0");
        assertEquals(1, site.suppressed());
    }

    @Test
    void statsGiveTheCountersAndTheFirstAndLastFiring() {
        Site site = site("rl.stats", RateLimit.of(2, Duration.ofSeconds(10)));
        SiteStats before = site.stats();
        assertEquals(0, before.fired());
        assertTrue(before.firstFired().isEmpty());
        assertTrue(before.lastFired().isEmpty());

        clock.advance(Duration.ofSeconds(3));
        Instant first = clock.instant();
        site.warnOn(true);
        clock.advance(Duration.ofSeconds(1));
        site.warnOn(true);
        clock.advance(Duration.ofSeconds(1));
        site.warnOn(true);
        Instant last = clock.instant();

        SiteStats stats = site.stats();
        assertEquals("rl.stats", stats.site());
        assertEquals(3, stats.fired());
        assertEquals(2, stats.reported());
        assertEquals(1, stats.suppressed());
        assertEquals(first, stats.firstFired().orElseThrow());
        assertEquals(last, stats.lastFired().orElseThrow(), "a suppressed firing is the latest firing too");
    }

    @Test
    void aSiteDeclaredWithTheProcessDefaultUsesTheKernelDefaults() {
        Site site = Faultline.site("rl.default", RateLimit.processDefault());
        assertEquals(RateLimit.of(10, Duration.ofSeconds(5)), site.rateLimit());
        assertEquals("10 per 5000 ms", site.rateLimit().toString());
        assertEquals(RateLimitedSiteTest.class.getName(), site.declaringClass());
        assertEquals(RateLimit.NONE, Faultline.site("rl.plain").rateLimit());
    }

    @Test
    void aBadLimitIsAnErrorThatNamesIt() {
        IllegalArgumentException burst = assertThrows(IllegalArgumentException.class,
                () -> RateLimit.of(-1, Duration.ofSeconds(1)));
        assertTrue(burst.getMessage().contains("burst") && burst.getMessage().contains("-1"), burst.getMessage());
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                () -> RateLimit.of(1, Duration.ofSeconds(-1)));
        assertTrue(interval.getMessage().contains("interval") && interval.getMessage().contains("PT-1S"),
                interval.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RateLimit.of(1, null));
    }

    @Test
    void aNullLimitAtDeclarationDoesNotThrowItIsReportedAndTheDefaultApplies() {
        Site site = Faultline.site("rl.null-limit", null);
        assertEquals(RateLimit.processDefault(), site.rateLimit());
        assertTrue(Faultline.configurationProblems().stream()
                .anyMatch(p -> p.contains("site rl.null-limit was declared with a null rate limit")),
                Faultline.configurationProblems().toString());
    }

    private List<String> messages() {
        return captured.reports.stream().map(Report::message).collect(Collectors.toList());
    }
}
