package dev.faultline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The words integrations use instead of their own: a kind's level, taint letters, a signature read from text. */
class ReportVocabularyTest {
    @Test
    void everyKindHasOneLevel() {
        Map<ReportKind, Level> expected = Map.of(
                ReportKind.WARNING, Level.WARNING, ReportKind.STALL, Level.WARNING,
                ReportKind.NOTICE, Level.INFO,
                ReportKind.BUG, Level.ERROR, ReportKind.PANIC, Level.ERROR, ReportKind.OOPS, Level.ERROR,
                ReportKind.DEADLOCK, Level.ERROR, ReportKind.HUNG, Level.ERROR, ReportKind.LOCKUP, Level.ERROR);
        assertEquals(ReportKind.values().length, expected.size(), "a new kind needs its level decided here");
        for (ReportKind k : ReportKind.values()) {
            assertEquals(expected.get(k), k.level(), k.name());
        }
        assertEquals(EnumSet.of(ReportKind.BUG, ReportKind.PANIC),
                EnumSet.copyOf(List.of(ReportKind.values()).stream().filter(ReportKind::isFatal).toList()));
        assertEquals(ReportKind.HUNG, ReportKind.named("HUNG"));
        assertNull(ReportKind.named("INFO"));
    }

    @Test
    void taintLettersAreInFlagOrderWhateverTheSet() {
        Set<Taint> unordered = new java.util.LinkedHashSet<>(List.of(Taint.SOFTLOCKUP, Taint.DIED, Taint.WARNED));
        assertEquals("WDL", Taint.letters(unordered));
        assertEquals("", Taint.letters(Set.of()));
        assertEquals(EnumSet.of(Taint.WARNED, Taint.SOFTLOCKUP), Taint.fromLetters("LxW"));
        assertEquals("Tainted: WDL (W: a warning was reported; D: a thread died of an uncaught exception;"
                + " L: a soft lockup was reported)", Taint.line(unordered));
    }

    @Test
    void aSignatureIsReadFromReportTextOrComputedFromItsFrames() {
        Report r = Report.builder(ReportKind.WARNING).site("ledger.negative").time(Instant.EPOCH)
                .stack(List.of(new StackTraceElement("com.acme.Ledger", "post", "Ledger.java", 42),
                        new StackTraceElement("com.acme.Api", "handle", "Api.java", 7)))
                .build();
        String text = r.toText();
        assertEquals(r.signature(), Signature.ofText(ReportKind.WARNING, r.site(), text));
        assertEquals(r.signature().title(), Signature.ofText(ReportKind.WARNING, r.site(), text).title());
        String withoutLine = text.replaceAll("(?m)^Signature: .*\n", "");
        assertEquals(r.signature(), Signature.ofText(ReportKind.WARNING, r.site(), withoutLine));
        assertEquals("WARNING in com.acme.Ledger.post", Signature.ofText(ReportKind.WARNING, r.site(), withoutLine).title());
    }
}
