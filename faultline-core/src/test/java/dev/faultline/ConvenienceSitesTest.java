package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.report.Report;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The convenience form: one site per calling line, whatever the message; the overflow site is rate-limited. */
class ConvenienceSitesTest {
    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void distinctMessagesFromOneLineShareOneSite() {
        for (int i = 0; i < 50; i++) {
            Faultline.warnOnce(true, "message number %s", i);
        }
        assertEquals(1, captured.reports.size(), "one line, one once-site, however many messages");
        assertTrue(captured.reports.get(0).site().startsWith(ConvenienceSitesTest.class.getName()
                + ".distinctMessagesFromOneLineShareOneSite:"), captured.reports.get(0).site());
    }

    @Test
    void distinctLinesAreDistinctSites() {
        Faultline.warnOnce(true);
        Faultline.warnOnce(true);
        Set<String> sites = captured.reports.stream().map(Report::site).collect(Collectors.toSet());
        assertEquals(2, sites.size(), sites.toString());
    }

    @Test
    void theOverflowSiteIsRateLimitedByTheProcessDefault() {
        Site overflow = Faultline.callerOverflowSite();
        long reported = overflow.reported();
        long suppressed = overflow.suppressed();
        assertEquals(RateLimit.of(10, Duration.ofSeconds(5)), overflow.rateLimit());
        for (int i = 0; i < 100; i++) {
            overflow.warnOn(true);
        }
        assertTrue(overflow.reported() - reported <= 10, overflow.stats().toString());
        assertTrue(overflow.suppressed() - suppressed >= 90, overflow.stats().toString());
    }
}
