package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.report.SiteStats;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faultline.sites(): every declared site with its counters, for JMX, metrics and the CLI. */
class SiteListingTest {
    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void aDeclaredSiteIsListedWithItsCountersAndDeclaringClass() {
        Site site = Faultline.site("listing.orders", RateLimit.of(1, java.time.Duration.ofHours(1)));
        site.warnOn(true);
        site.warnOn(true);
        site.warnOn(true);
        List<SiteStats> found = Faultline.sites().stream().filter(s -> s.site().equals("listing.orders"))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), "listed once: " + found);
        SiteStats s = found.get(0);
        assertEquals(3, s.fired());
        assertEquals(1, s.reported());
        assertEquals(2, s.suppressed());
        assertEquals(SiteListingTest.class.getName(), s.declaringClass());
        assertTrue(s.lastFired().isPresent());
    }

    @Test
    void theConvenienceFormsCallLinesAreListedToo() {
        Faultline.warnOn(true, "from a line");
        assertTrue(Faultline.sites().stream().anyMatch(s -> s.declaringClass().equals(SiteListingTest.class.getName())
                && s.reported() >= 1 && !s.site().equals("listing.orders")), Faultline.sites().toString());
        assertEquals(0, Faultline.unlistedSites());
    }
}
