package dev.faultline.panic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.PanicError;
import dev.faultline.Registration;
import dev.faultline.report.ReportKind;
import dev.faultline.Site;
import dev.faultline.fixtures.Captured;
import dev.faultline.internal.panic.DumperTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dumpers: who runs for which reason, in which order, and what a misbehaving one costs. */
class DumperOrderTest {
    static final Site BUG = Faultline.site("dumpers.bug");
    /** Far more than any step here needs, even on a loaded machine. */
    static final Duration GENEROUS = Duration.ofSeconds(30);

    Captured captured;
    final List<Registration> registrations = new ArrayList<>();
    final List<String> ran = new CopyOnWriteArrayList<>();

    @BeforeEach
    void capture() {
        captured = new Captured();
    }

    @AfterEach
    void release() {
        registrations.forEach(Registration::close);
        captured.close();
    }

    void add(String name, DumpReason max, DumperWeight weight) {
        registrations.add(Panics.addDumper(name, max, Duration.ofSeconds(30), weight, ctx -> ran.add(name)));
    }

    /** The run order for {@code reason} of this test's dumpers (the built-in ones left out). */
    static List<String> order(DumpReason reason, List<String> first) {
        return DumperTable.forReason(reason, first).stream().map(e -> e.name).filter(n -> n.startsWith("t-"))
                .collect(Collectors.toList());
    }

    @Test
    void lightDumpersRunBeforeHeavyOnesEachInRegistrationOrder() {
        add("t-heavy1", DumpReason.PANIC, DumperWeight.HEAVY);
        add("t-light1", DumpReason.PANIC, DumperWeight.LIGHT);
        add("t-heavy2", DumpReason.PANIC, DumperWeight.HEAVY);
        add("t-light2", DumpReason.PANIC, DumperWeight.LIGHT);
        assertEquals(List.of("t-light1", "t-light2", "t-heavy1", "t-heavy2"), order(DumpReason.PANIC, List.of()));
    }

    @Test
    void dumpersNamedInTheOrderSettingRunFirstInThatOrder() {
        add("t-light", DumpReason.PANIC, DumperWeight.LIGHT);
        add("t-heavy", DumpReason.PANIC, DumperWeight.HEAVY);
        add("t-other", DumpReason.PANIC, DumperWeight.LIGHT);
        assertEquals(List.of("t-heavy", "t-light", "t-other"),
                order(DumpReason.PANIC, List.of("t-heavy", "t-missing", "t-light")));
    }

    @Test
    void aDumperGetsEveryReasonUpToItsMaximum() {
        add("t-panic", DumpReason.PANIC, DumperWeight.LIGHT);
        add("t-oops", DumpReason.OOPS, DumperWeight.LIGHT);
        add("t-emerg", DumpReason.EMERG, DumperWeight.LIGHT);
        add("t-shutdown", DumpReason.SHUTDOWN, DumperWeight.LIGHT);
        assertEquals(List.of("t-panic", "t-oops", "t-emerg", "t-shutdown"), order(DumpReason.PANIC, List.of()));
        assertEquals(List.of("t-oops", "t-emerg", "t-shutdown"), order(DumpReason.OOPS, List.of()));
        assertEquals(List.of("t-emerg", "t-shutdown"), order(DumpReason.EMERG, List.of()));
        assertEquals(List.of("t-shutdown"), order(DumpReason.SHUTDOWN, List.of()));
    }

    @Test
    void badRegistrationsAreRefusedNamingTheProblem() {
        add("t-taken", DumpReason.PANIC, DumperWeight.LIGHT);
        Dumper d = ctx -> { };
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> Panics.addDumper("t-taken", DumpReason.PANIC, GENEROUS, DumperWeight.LIGHT, d));
        assertTrue(taken.getMessage().contains("'t-taken' is already registered"), taken.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Panics.addDumper(" ", DumpReason.PANIC, GENEROUS, DumperWeight.LIGHT, d));
        IllegalArgumentException comma = assertThrows(IllegalArgumentException.class,
                () -> Panics.addDumper("a,b", DumpReason.PANIC, GENEROUS, DumperWeight.LIGHT, d));
        assertTrue(comma.getMessage().contains("faultline.panic_dump_order"), comma.getMessage());
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
                () -> Panics.addDumper("t-zero", DumpReason.PANIC, Duration.ZERO, DumperWeight.LIGHT, d));
        assertTrue(budget.getMessage().contains("dumper 't-zero': budget must be positive"), budget.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Panics.addDumper("t-null", null, GENEROUS, DumperWeight.LIGHT, d));
        assertThrows(IllegalArgumentException.class, () -> Panics.addDumper("t-null", DumpReason.PANIC, GENEROUS, DumperWeight.LIGHT, null));
        assertThrows(IllegalArgumentException.class, () -> Panics.addNotifier("t-n", Duration.ofMillis(-1), (r, rep) -> { }));
    }

    @Test
    void closingTheRegistrationRemovesTheDumper() {
        Registration r = Panics.addDumper("t-gone", DumpReason.PANIC, GENEROUS, DumperWeight.LIGHT, ctx -> { });
        assertTrue(Panics.dumperNames().contains("t-gone"));
        r.close();
        assertTrue(!Panics.dumperNames().contains("t-gone"));
    }

    @Test
    void aPanicRunsNotifiersThenDumpersWithTheReasonAndTheReport() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        registrations.add(Panics.addNotifier("t-notify", GENEROUS, (reason, report) -> seen.add("notified: " + reason)));
        registrations.add(Panics.addDumper("t-first", DumpReason.PANIC, GENEROUS, DumperWeight.LIGHT, ctx -> {
            seen.add(ctx.reason());
            seen.add(ctx.why());
            seen.add(ctx.report());
        }));
        PanicError e = assertThrows(PanicError.class, () -> BUG.bugOn(true, "broken"));
        assertEquals(List.of("notified: BUG at dumpers.bug", DumpReason.PANIC, "BUG at dumpers.bug", e.report()), seen);
        assertEquals(ReportKind.BUG, e.report().kind());
    }

    @Test
    void aThrowingOrPanickingDumperCostsOneLineAndTheNextStillRuns() {
        registrations.add(Panics.addDumper("t-throws", DumpReason.PANIC, GENEROUS, DumperWeight.LIGHT, ctx -> {
            throw new IllegalStateException("no disk");
        }));
        registrations.add(Panics.addDumper("t-panics", DumpReason.PANIC, GENEROUS, DumperWeight.LIGHT,
                ctx -> Faultline.panic("inside a dumper")));
        add("t-last", DumpReason.PANIC, DumperWeight.LIGHT);
        PanicError e = assertThrows(PanicError.class, () -> BUG.bugOn(true));
        assertEquals(List.of("t-last"), ran);
        String console = captured.console();
        assertTrue(console.contains("faultline: dumper 't-throws' failed: java.lang.IllegalStateException: no disk;"
                + " going on\n"), console);
        assertTrue(console.contains("faultline: dumper 't-panics' failed: dev.faultline.PanicError: panic already in"
                + " progress on "), console);
        assertEquals(1, captured.reports.stream().filter(r -> r.kind() == ReportKind.BUG).count());
        assertSame(e.report(), captured.reports.get(captured.reports.size() - 1));
    }

    @Test
    void inTestModeHeavyDumpersAreSkippedAndLightOnesRun() {
        add("t-heavy", DumpReason.PANIC, DumperWeight.HEAVY);
        add("t-light", DumpReason.PANIC, DumperWeight.LIGHT);
        assertThrows(PanicError.class, () -> BUG.bugOn(true));
        assertEquals(List.of("t-light"), ran);
        assertTrue(!captured.console().contains("---[ thread dump"), captured.console());
    }

    @Test
    void anOverrunningDumperIsAbandonedAfterItsBudget() {
        registrations.add(Panics.addDumper("t-slow", DumpReason.PANIC, Duration.ofMillis(200), DumperWeight.LIGHT,
                ctx -> Thread.sleep(60_000)));
        add("t-after", DumpReason.PANIC, DumperWeight.LIGHT);
        assertThrows(PanicError.class, () -> BUG.bugOn(true));
        assertEquals(List.of("t-after"), ran);
        assertTrue(captured.console().contains("faultline: dumper 't-slow' did not finish within 200 ms; abandoned,"
                + " going on\n"), captured.console());
    }

    @Test
    void dumpContextPrintEscapesControlCharactersButKeepsLines() {
        new dev.faultline.internal.panic.DumpRunContext(DumpReason.OOPS, "why", null, "t-dumper").print("red \u001b[31mtext\r\nnext line");
        assertEquals("red \\u001b[31mtext\\r\nnext line\n", captured.console());
    }
}
