package dev.faultline.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** java.util.logging records reach this process's crash ring through the handler, formatted and with their exception. */
class CrashRingHandlerTest {
    @Test
    void julRecordsLandInTheRing() {
        Logger log = Logger.getLogger("app.jul." + System.nanoTime());
        log.setUseParentHandlers(false);
        log.setLevel(Level.ALL);
        CrashRingHandler handler = new CrashRingHandler();
        log.addHandler(handler);
        try {
            String marker = "jul-" + System.nanoTime();
            log.log(Level.SEVERE, "payment {0} failed for " + marker, new Object[] {"p-9"});
            log.log(Level.FINE, "detail " + marker, new IllegalArgumentException("bad amount"));
            assertNotNull(Faultline.ring().file(), "the test JVM has a file-backed ring");
            RingScan scan = RingReader.read(Faultline.ring().file());
            RingRecord severe = scan.records().stream().filter(r -> r.message().equals("payment p-9 failed for " + marker))
                    .findFirst().orElseThrow(() -> new AssertionError("no SEVERE line in " + scan.records()));
            assertTrue(severe.isLogLine());
            assertEquals("ERROR", severe.kind());
            assertEquals(log.getName(), severe.logger());
            assertEquals(Thread.currentThread().getName(), severe.threadName());
            // No {source.class=…, source.method=…} on every line: the logger names the place.
            assertEquals(java.util.Map.of(), severe.keyValues());
            RingRecord fine = scan.records().stream().filter(r -> r.message().equals("detail " + marker)).findFirst()
                    .orElseThrow();
            assertEquals("DEBUG", fine.kind());
            assertEquals("java.lang.IllegalArgumentException: bad amount", fine.throwable().get(0));
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void levelsMapOntoTheRingsLevels() {
        assertEquals(System.Logger.Level.ERROR, CrashRingHandler.level(Level.SEVERE));
        assertEquals(System.Logger.Level.WARNING, CrashRingHandler.level(Level.WARNING));
        assertEquals(System.Logger.Level.INFO, CrashRingHandler.level(Level.CONFIG));
        assertEquals(System.Logger.Level.DEBUG, CrashRingHandler.level(Level.FINE));
        assertEquals(System.Logger.Level.TRACE, CrashRingHandler.level(Level.FINEST));
    }
}
