package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import org.junit.jupiter.api.Test;

/** Every report names the application that made it, in its JSON and on its Thread line. */
class ReportAppTest {
    @Test
    void aBuiltReportCarriesItsApplication() {
        Report r = Report.builder(ReportKind.WARNING).process(7, "00000000000000aa").app("billing").build();
        assertEquals("billing", r.app());
        assertTrue(r.toJson().contains(",\"run\":\"00000000000000aa\",\"app\":\"billing\","), r.toJson());
        assertTrue(r.toText().contains(", pid 7, run 00000000000000aa, app billing, "), r.toText());
        assertEquals("billing", r.withSuppressed(3, null).app());
        assertEquals("", Report.builder(ReportKind.WARNING).build().app());
    }

    @Test
    void emittedReportsNameThisApplication() {
        try (Captured c = new Captured()) {
            Faultline.site("report.app").warnOn(true);
            assertEquals(Faultline.app(), c.reports.get(0).app());
            assertTrue(!Faultline.app().isEmpty());
        }
    }
}
