package dev.faultline.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** The bridge logs each kind at core's one level for it ({@link ReportKind#level()}): NOTICE at INFO. */
class ReportLevelTest {
    @Test
    void everyKindAtCoresLevel() {
        for (ReportKind k : ReportKind.values()) {
            Level expected = k.level() == System.Logger.Level.INFO ? Level.INFO
                    : k.level() == System.Logger.Level.WARNING ? Level.WARN : Level.ERROR;
            assertEquals(expected, Log4j2Reports.level(Report.builder(k).build()), k.name());
        }
        assertEquals(Level.INFO, Log4j2Reports.level(Report.builder(ReportKind.NOTICE).build()));
        assertEquals(Level.WARN, Log4j2Reports.level(Report.builder(ReportKind.STALL).build()));
        assertEquals(Level.ERROR, Log4j2Reports.level(Report.builder(ReportKind.LOCKUP).build()));
    }
}
