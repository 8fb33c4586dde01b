package dev.faultline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every field of a report survives its codec and its copy: the JSON the ring stores read back,
 * and {@link Report#toBuilder()}; a cut report keeps every field but the three that are cut
 * (message, dump, the outermost frames). Fields are found by reflection, so a field added later
 * is covered without editing this test.
 */
class ReportRoundTripTest {
    private static final Set<String> CUT = Set.of("message", "dump", "stack");

    private static Report full(int frames, String message) {
        List<StackTraceElement> stack = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            stack.add(new StackTraceElement("com.acme.layer" + i + ".Service", "call" + i, "Service.java", 10 + i));
        }
        return Report.builder(ReportKind.OOPS).sequence(77).site("java.lang.IllegalStateException")
                .location("com.acme.Ledger.post(Ledger.java:42)").message(message).thread("worker \"7\"", 31)
                .time(Instant.parse("2026-01-02T03:04:05.678Z")).stack(stack).taints(EnumSet.of(Taint.WARNED, Taint.DIED))
                .process(4242, "abcdef0123456789").app("ledger-svc").dump("{balance=-3, owner=\u00e9}")
                .domain("ledger.post").suppressed(5, Instant.parse("2026-01-02T03:00:00Z")).build();
    }

    private static List<Field> fields() {
        List<Field> out = new ArrayList<>();
        for (Field f : Report.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                out.add(f);
            }
        }
        return out;
    }

    private static void assertSameFields(Report expected, Report actual, Set<String> except) throws Exception {
        expected.signature(); // computed, as the stored report carries it
        actual.signature();
        for (Field f : fields()) {
            if (!except.contains(f.getName())) {
                assertEquals(f.get(expected), f.get(actual), f.getName());
            }
        }
    }

    @Test
    void everyFieldSurvivesJsonAndToBuilder() throws Exception {
        Report r = full(12, "line one\nline two \u202e");
        assertTrue(fields().size() >= 18, "the report's fields: " + fields());
        assertSameFields(r, Report.fromJson(r.toJson()), Set.of());
        assertSameFields(r, r.toBuilder().build(), Set.of());
        for (Field f : fields()) {
            Object v = f.get(r);
            assertTrue(v != null && !"".equals(v) && !Long.valueOf(0).equals(v) && !Long.valueOf(-1).equals(v),
                    "the test report sets " + f.getName());
        }
    }

    @Test
    void aCutReportKeepsEveryFieldButTheCutOnes() throws Exception {
        Report r = full(300, "x".repeat(20_000));
        String json = r.toJson(4096);
        assertTrue(ReportJson.utf8Length(json) <= 4096, "fits: " + ReportJson.utf8Length(json));
        Report back = Report.fromJson(json);
        assertSameFields(r, back, CUT);
        assertNotEquals(r.message(), back.message());
        assertTrue(back.stack().size() < r.stack().size());
        assertEquals(r.stack().subList(0, back.stack().size()), back.stack(), "the innermost frames are kept");
        assertEquals(r.signature(), back.signature(), "signed from the whole stack");
    }
}
