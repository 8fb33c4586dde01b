package dev.faultline.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/** Asserts that two scans of the same bytes say the same: header, records, counts and problem lines. */
final class SameScan {
    private SameScan() {}

    static void assertSame(RingScan expected, RingScan actual, String what) {
        assertEquals(describe(expected), describe(actual), what);
        assertEquals(records(expected), records(actual), what + ": records");
        List<String> want = expected.problems();
        List<String> got = actual.problems();
        String capped = "... and " + (10_001 - 20) + " more";
        if (!want.isEmpty() && want.get(want.size() - 1).equals(capped) && got.size() == want.size()) {
            // The whole-file reader stopped counting problem lines at 10,001; the streaming one counts them all.
            String last = got.get(got.size() - 1);
            long more = Long.parseLong(last.substring("... and ".length(), last.length() - " more".length()));
            assertTrue(more >= 10_001 - 20, what + ": " + last);
            want = want.subList(0, want.size() - 1);
            got = got.subList(0, got.size() - 1);
        }
        assertEquals(want, got, what + ": problems");
    }

    static String describe(RingScan s) {
        return s.summary() + " ring=" + s.isRing() + " headerValid=" + s.headerValid() + " intact=" + s.intact()
                + " truncated=" + s.truncated() + " count=" + s.recordCount() + " lastSeen=" + s.lastSeen()
                + " lastReport=" + (s.lastReport() == null ? null : s.lastReport().sequence())
                + " panicked=" + s.panicked()
                + " panicReport=" + (s.panicReport() == null ? null : s.panicReport().sequence())
                + " headline=" + (s.headline() == null ? null : s.headline().sequence());
    }

    static List<String> records(RingScan s) {
        List<String> out = new ArrayList<>();
        for (RingRecord r : s.records()) {
            out.add(line(r));
        }
        return out;
    }

    static String line(RingRecord r) {
        return r.sequence() + " " + r.position() + " " + r.timeMillis() + " " + r.threadId() + " " + r.threadName()
                + " " + r.kind() + " " + r.logger() + " " + r.payload();
    }
}
