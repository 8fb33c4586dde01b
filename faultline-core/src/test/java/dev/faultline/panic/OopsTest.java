package dev.faultline.panic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.PanicError;
import dev.faultline.Registration;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Taint;
import dev.faultline.fixtures.Captured;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A thread dying of an uncaught exception is an oops: report, taint D, count, then the policy. */
class OopsTest {
    Captured captured;
    Thread.UncaughtExceptionHandler before;
    final List<Throwable> chained = new CopyOnWriteArrayList<>();
    Registration handler;

    @BeforeEach
    void install() {
        captured = new Captured();
        before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> chained.add(e));
        handler = Panics.installOopsHandler();
    }

    @AfterEach
    void uninstall() {
        handler.close();
        Thread.setDefaultUncaughtExceptionHandler(before);
        Faultline.policy().setPanicOnOops(false).setOopsLimit(10000);
        captured.close();
    }

    static void dieIn(String name, Throwable e) throws InterruptedException {
        Thread t = new Thread(() -> {
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw (Error) e;
        }, name);
        t.start();
        t.join(60_000);
    }

    @Test
    void aDyingThreadIsReportedWithItsExceptionsStackTaintedAndCounted() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom", new java.io.IOException("disk"));
        dieIn("worker", boom);
        assertEquals(1, captured.reports.size());
        Report r = captured.reports.get(0);
        assertEquals(ReportKind.OOPS, r.kind());
        assertEquals("java.lang.IllegalStateException", r.site());
        assertEquals("thread \"worker\" died: java.lang.IllegalStateException: boom; caused by: java.io.IOException: disk",
                r.message());
        assertEquals("worker", r.threadName());
        assertEquals(List.of(boom.getStackTrace()), r.stack());
        assertTrue(Faultline.taints().contains(Taint.DIED));
        assertEquals(1, Faultline.oopsCount());
        assertEquals(List.of(boom), chained, "the replaced handler still sees the exception");
    }

    @Test
    void oopsDumpersRunWithTheOopsReportButPanicOnlyOnesDoNot() throws Exception {
        List<DumpContext> oopsDumps = new CopyOnWriteArrayList<>();
        List<DumpContext> panicDumps = new CopyOnWriteArrayList<>();
        try (Registration a = Panics.addDumper("t-oops", DumpReason.OOPS, java.time.Duration.ofSeconds(30),
                     DumperWeight.LIGHT, oopsDumps::add);
             Registration b = Panics.addDumper("t-panic", DumpReason.PANIC, java.time.Duration.ofSeconds(30),
                     DumperWeight.LIGHT, panicDumps::add)) {
            dieIn("worker", new IllegalStateException("dumped"));
        }
        assertEquals(1, oopsDumps.size());
        assertEquals(DumpReason.OOPS, oopsDumps.get(0).reason());
        assertSame(captured.reports.get(0), oopsDumps.get(0).report());
        assertEquals("thread \"worker\" died of java.lang.IllegalStateException", oopsDumps.get(0).why());
        assertTrue(panicDumps.isEmpty());
    }

    @Test
    void panicOnOopsPanicsAfterTheOopsReport() throws Exception {
        Faultline.policy().setPanicOnOops(true);
        dieIn("worker", new IllegalArgumentException("bad"));
        assertEquals(List.of(ReportKind.OOPS, ReportKind.PANIC),
                captured.reports.stream().map(Report::kind).collect(java.util.stream.Collectors.toList()));
        assertEquals("Fatal exception: thread \"worker\" died (faultline.panic_on_oops=1)",
                captured.reports.get(1).message());
        assertTrue(captured.reports.get(1).taints().contains(Taint.DIED), "the panic report shows taint D");
    }

    @Test
    void oopsLimitPanicsWhenReached() throws Exception {
        Faultline.policy().setOopsLimit(2);
        dieIn("first", new IllegalStateException("1"));
        assertEquals(1, captured.reports.size());
        dieIn("second", new IllegalStateException("2"));
        assertEquals(3, captured.reports.size());
        assertEquals("oopsed too often (faultline.oops_limit is 2)", captured.reports.get(2).message());
    }

    @Test
    void aThreadDyingOfAPanicIsNotAnOops() throws Exception {
        PanicError panic = new PanicError("already reported", null);
        dieIn("panicked", panic);
        assertTrue(captured.reports.isEmpty());
        assertEquals(0, Faultline.oopsCount());
        assertSame(panic, chained.get(0));
    }

    @Test
    void closingTheRegistrationRestoresTheReplacedHandler() {
        Thread.UncaughtExceptionHandler ours = Thread.getDefaultUncaughtExceptionHandler();
        handler.close();
        assertTrue(Thread.getDefaultUncaughtExceptionHandler() != ours);
        dieQuietly();
        assertTrue(captured.reports.isEmpty());
    }

    private void dieQuietly() {
        try {
            dieIn("after-close", new IllegalStateException("not an oops any more"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(1, chained.size());
    }
}
