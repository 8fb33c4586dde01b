package dev.faultline.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The System.Logger sink logs each report at its kind's one level ({@link ReportKind#level()}),
 * the level the SLF4J and Log4j2 bridges use too: a NOTICE at INFO, a WARNING and a STALL at
 * WARNING, every other kind at ERROR (JUL's SEVERE). Seen through the JDK's default backend.
 */
class SystemLoggerLevelTest {
    @Test
    void everyKindIsLoggedAtItsLevel() {
        Logger jul = Logger.getLogger("faultline");
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jul.addHandler(h);
        try {
            for (ReportKind k : ReportKind.values()) {
                SystemLoggerSink.log(Report.builder(k).site("level." + k.name()).build());
            }
        } finally {
            jul.removeHandler(h);
        }
        assertEquals(ReportKind.values().length, records.size());
        for (int i = 0; i < records.size(); i++) {
            ReportKind k = ReportKind.values()[i];
            Level expected = k == ReportKind.NOTICE ? Level.INFO
                    : k == ReportKind.WARNING || k == ReportKind.STALL ? Level.WARNING : Level.SEVERE;
            assertEquals(expected, records.get(i).getLevel(), k.name());
        }
    }
}
